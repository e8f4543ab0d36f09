// The platform's vocabularies, from the same source files the services validate with (pure modules, no Node).
export { DECISION_REMEDY, OBJECTION_DECISIONS, REFUSAL_GROUNDS, TERMINATION_GROUNDS } from '../../../../libs/contracts/src/aid-decisions';
export { AGENCY_STEPS, CHANNELS, CONSENT_METHODS, COURT_DIRECT_BASES, DECLINE_REASONS, GREEN_CHANNEL_MATTERS, INDUSTRIES, KEY_MATTERS, MATTERS, OUTCOMES, SHAREABLE_FIELDS, STEP_FACTS } from '../../../../libs/contracts/src/vocab';
export { AGENCY_TYPE_NAMES, GANZHOU_CITY_CODE, RECEIVING_AGENCY_TYPES } from '../../../../libs/contracts/src/agencies';
export { signalSourceLabel, WORKER_ESTIMATE_SOURCES } from '../../../../libs/contracts/src/signal-sources';
export { GANZHOU_COUNTIES, GANZHOU_ZONES, serviceAreaName } from '../../../../libs/identity/src/divisions';
export { residentIdProblem } from '../../../../libs/identity/src/resident-id';
export { creditCodeProblem } from '../../../../libs/identity/src/credit-code';

import { GANZHOU_COUNTIES, GANZHOU_ZONES } from '../../../../libs/identity/src/divisions';
import { localDate } from '../../../../libs/deadlines/src/dates';
import { periodOf, quarterOf, shiftQuarter } from '../../../../libs/deadlines/src/periods';

export const AREAS = [...GANZHOU_COUNTIES, ...GANZHOU_ZONES];
export const areaOptions = AREAS.map((a) => ({ value: a.code, label: a.name }));
/** This quarter (China Standard Time) and the `n - 1` before it, as select options: 2026-Q4 → 2026年第四季度. */
export function recentQuarters(n: number): { value: string; label: string }[] {
  const out = [];
  for (let q = quarterOf(localDate(new Date())), i = 0; i < n; i++, q = shiftQuarter(q)) out.push({ value: q, label: periodOf(q)!.label });
  return out;
}

/** The parts of a typical case's text, in the order they are printed. */
export const TYPICAL_CASE_SECTIONS = [['facts', '基本案情'], ['handling', '援助过程'], ['result', '处理结果'], ['significance', '典型意义']] as const;

/** A vocabulary (code → Chinese label) as the options of a select. */
export const options = (vocabulary: Readonly<Record<string, string>>) => Object.entries(vocabulary).map(([value, label]) => ({ value, label }));

export const LEVELS = { blue: '蓝色（一般）', yellow: '黄色（较重）', orange: '橙色（严重）', red: '红色（特别严重）' } as const;
export type Level = keyof typeof LEVELS;
export const LEVEL_ORDER: Level[] = ['blue', 'yellow', 'orange', 'red'];
/** Tag and map colours; yellow text on white is unreadable, so the tag uses gold. */
export const LEVEL_COLORS: Record<Level, string> = { blue: '#1677ff', yellow: '#d4b106', orange: '#fa8c16', red: '#f5222d' };
export const LEVEL_TAG: Record<Level, string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };

export const ROLE_NAMES: Record<string, string> = {
  clerk: '受理登记员', lawyer: '援助律师', inspector: '监察员', officer: '承办人', supervisor: '负责人', analyst: '研判分析员', admin: '系统管理员', pii_reveal: '查看完整身份信息',
};

export const REFERRAL_STATUS_COLORS: Record<string, string> = {
  requested: 'default', received: 'processing', accepted: 'blue', declined: 'red', returned: 'warning', resolved: 'success', revoked: 'default',
};

/** The service that holds an agency's alert desk (housing's lives in the committee's service). */
export const deskService = (agencyType: string) => (agencyType === 'housing' ? 'command' : agencyType);
