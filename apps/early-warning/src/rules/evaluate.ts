import { LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertFigures, AlertLevel, ContributingSignal, FiredRule, ObservationKind, SubjectKind } from '@yuanlian/contracts';
import { addDays, daysBetween } from '@yuanlian/deadlines';
import type { RuleThresholds } from './thresholds';

/** One stored observation of a subject, as the rules read it. */
export interface ObservationFact {
  kind: ObservationKind;
  day: string;
  workerKey: string | null;
  workers: number;
  amountFen: number;
  monthsMissed: number;
  count: number;
  channel: string | null;
  site: string | null;
  sourceAgencyType: string;
}

export interface SubjectFacts {
  kind: SubjectKind;
  governmentFunded: boolean;
  repeatOffender: boolean;
}

export interface Aggregate extends AlertFigures {
  /** Every claim paid and no monitoring finding left open: nothing outstanding. */
  settled: boolean;
  headcountGap: number;
  noWageRecordPercent: number;
  fieldReports: number;
  petitions: number;
  gatherings: number;
  missedTransfer: boolean;
  recent: ContributingSignal[];
}

export interface Evaluation {
  level: AlertLevel | null;
  rules: FiredRule[];
  amplifiers: FiredRule[];
}

/** 除夕 of each lunar new year the platform runs through (DOMAIN §4); the winter campaign starts 1 November before. */
export const SPRING_FESTIVAL_EVES = ['2025-01-28', '2026-02-16', '2027-02-05', '2028-01-25'];

/** Days from `day` to 除夕 while inside the winter campaign (1 November to 除夕), else undefined. */
export function daysToSpringFestival(day: string): number | undefined {
  const eve = SPRING_FESTIVAL_EVES.find((e) => e >= day);
  if (!eve) return undefined;
  const campaignStart = `${Number(eve.slice(0, 4)) - 1}-11-01`;
  return day >= campaignStart ? daysBetween(day, eve) : undefined;
}

const CLAIM_KINDS = new Set<ObservationKind>(['claim', 'order']);
const COMPLAINT_KINDS = new Set<ObservationKind>(['claim', 'hotline', 'field_report']);

/**
 * The figures of one subject as of `asOf`: only what was known by that day, inside the look-back window.
 * A payment that leaves nothing outstanding settles the subject: what came before it no longer counts.
 */
export function aggregate(facts: readonly ObservationFact[], asOf: string, t: RuleThresholds): Aggregate {
  const from = addDays(asOf, -t.windowDays);
  const rows = facts.filter((f) => f.day <= asOf && f.day > from).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const claims = new Map<string, { amount: number; workers: number; paid: boolean; day: string }>();
  let monitoring = { months: 0, amount: 0, gap: 0, attendance: 0, withoutRecord: 0, day: '' };
  let settledOn = '';
  let signals = 0;
  const open = () => [...claims.values()].some((c) => !c.paid) || monitoring.months > 0 || monitoring.gap > 0 || monitoring.withoutRecord > 0;
  for (const f of rows) {
    signals++;
    if (CLAIM_KINDS.has(f.kind) && f.workerKey) {
      const c = claims.get(f.workerKey);
      claims.set(f.workerKey, {
        amount: Math.max(c?.paid ? 0 : c?.amount ?? 0, f.amountFen),
        workers: Math.max(c?.paid ? 0 : c?.workers ?? 0, f.workers),
        paid: f.kind === 'order' ? c?.paid ?? false : false,
        day: f.day,
      });
    } else if (f.kind === 'payment' && f.workerKey) {
      const c = claims.get(f.workerKey);
      if (c) c.paid = true;
      if (!open()) settledOn = f.day;
    } else if (f.kind === 'transfer_made') {
      monitoring = { months: 0, amount: 0, gap: 0, attendance: 0, withoutRecord: 0, day: f.day };
      if (!open()) settledOn = f.day;
    } else if (f.kind === 'missed_transfer') {
      monitoring = { ...monitoring, months: Math.max(monitoring.months, f.monthsMissed), amount: Math.max(monitoring.amount, f.amountFen), day: f.day };
    } else if (f.kind === 'headcount_gap') {
      monitoring = { ...monitoring, gap: Math.max(monitoring.gap, f.workers), day: f.day };
    } else if (f.kind === 'no_wage_record') {
      monitoring = { ...monitoring, withoutRecord: Math.max(monitoring.withoutRecord, f.workers), attendance: Math.max(monitoring.attendance, f.count), day: f.day };
    }
  }
  const live = rows.filter((f) => f.day > settledOn);
  const unpaid = [...claims.values()].filter((c) => !c.paid);
  const clusterFrom = addDays(asOf, -t.clusterDays);
  const cluster = live.filter((f) => COMPLAINT_KINDS.has(f.kind) && f.day > clusterFrom);
  const reported = Math.max(0, ...live.filter((f) => f.kind === 'hotline' || f.kind === 'petition' || f.kind === 'gathering' || f.kind === 'field_report').map((f) => f.workers));
  const workers = Math.max(unpaid.length, ...unpaid.map((c) => c.workers), monitoring.gap, monitoring.withoutRecord, reported);
  const recent = live.slice(-20).map((f) => ({ kind: f.kind, day: f.day, source: f.channel ?? f.sourceAgencyType, count: f.count }));
  return {
    workers,
    workersPaid: [...claims.values()].filter((c) => c.paid).length,
    outstandingFen: unpaid.reduce((s, c) => s + c.amount, 0) + monitoring.amount,
    monthsInArrears: monitoring.months,
    complaints: cluster.reduce((s, f) => s + Math.max(1, f.count), 0),
    channels: [...new Set(cluster.map((f) => f.channel ?? f.sourceAgencyType))].sort(),
    sites: new Set(live.map((f) => f.site).filter(Boolean)).size,
    signals,
    daysToSpringFestival: daysToSpringFestival(asOf),
    settled: settledOn !== '' && !open() && !live.some((f) => f.kind !== 'credit'),
    headcountGap: monitoring.gap,
    noWageRecordPercent: monitoring.attendance ? Math.floor((monitoring.withoutRecord * 100) / monitoring.attendance) : 0,
    fieldReports: live.filter((f) => f.kind === 'field_report').length,
    petitions: live.filter((f) => f.kind === 'petition').length,
    gatherings: live.filter((f) => f.kind === 'gathering').length,
    missedTransfer: monitoring.months > 0,
    recent,
  };
}

const rank = (l: AlertLevel) => LEVEL_ORDER.indexOf(l);
const max = (a: AlertLevel | null, b: AlertLevel | null) => (a === null ? b : b === null ? a : rank(a) >= rank(b) ? a : b);

/** The highest level whose threshold the value reaches. */
function levelFor(value: number, thresholds: Partial<Record<AlertLevel, number>>): { level: AlertLevel; threshold: number } | null {
  for (const l of [...LEVEL_ORDER].reverse()) {
    const threshold = thresholds[l];
    if (threshold !== undefined && value >= threshold) return { level: l, threshold };
  }
  return null;
}

const fen = (v: number) => `¥${(v / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;

/** Which rules fire, at which level, and why; then the amplifiers. */
export function evaluate(a: Aggregate, subject: SubjectFacts, t: RuleThresholds): Evaluation {
  const rules: FiredRule[] = [];
  const fire = (rule: string, label: string, value: number, hit: { level: AlertLevel; threshold: number } | null, detail: string) => {
    if (hit) rules.push({ rule, label, level: hit.level, value, threshold: hit.threshold, detail });
  };
  fire('workers', '涉及劳动者人数', a.workers, levelFor(a.workers, t.workers), `${a.workers} 名劳动者未获支付`);
  if (a.workers >= t.amountMinWorkers) {
    fire('outstanding', '拖欠金额', a.outstandingFen, levelFor(a.outstandingFen, t.outstandingFen), `拖欠 ${fen(a.outstandingFen)}，涉及 ${a.workers} 人`);
  }
  fire('months', '欠薪月数', a.monthsInArrears, levelFor(a.monthsInArrears, t.monthsInArrears), `人工费 ${a.monthsInArrears} 个月未拨付至工资专用账户`);
  const cluster = levelFor(a.complaints, t.complaints);
  if (cluster) {
    const capped = a.channels.length < t.complaintChannelsForSevere && rank(cluster.level) > rank('yellow') ? { level: 'yellow' as const, threshold: t.complaints.yellow ?? cluster.threshold } : cluster;
    fire('complaints', '投诉聚集', a.complaints, capped, `${t.clusterDays} 日内 ${a.complaints} 件投诉，来自 ${a.channels.join('、')}`);
  }
  if (a.headcountGap > 0) fire('headcount_gap', '实发人数少于考勤人数', a.headcountGap, { level: t.headcountGapLevel, threshold: 1 }, `${a.headcountGap} 名考勤人员未发工资`);
  if (a.noWageRecordPercent >= t.noWageRecordPercent) {
    fire('no_wage_record', '无工资发放记录', a.noWageRecordPercent, { level: t.noWageRecordLevel, threshold: t.noWageRecordPercent }, `${a.noWageRecordPercent}% 的考勤人员无工资记录`);
  }
  if (a.fieldReports > 0) fire('field_report', '工会一线风险报告', a.fieldReports, { level: t.fieldReportLevel, threshold: 1 }, `${a.fieldReports} 份工会一线风险报告`);
  if (a.petitions > 0) fire('petition', '信访', a.petitions, { level: t.petitionLevel, threshold: 1 }, `${a.petitions} 起欠薪信访`);
  if (a.gatherings > 0) fire('gathering', '聚集', a.gatherings, { level: t.gatheringLevel, threshold: 1 }, `${a.gatherings} 起欠薪聚集`);

  let level = rules.reduce<AlertLevel | null>((l, r) => max(l, r.level), null);
  const amplifiers: FiredRule[] = [];
  if (level && rank(level) >= rank('yellow')) {
    const amplify = (rule: string, label: string, value: number, threshold: number, detail: string) =>
      amplifiers.push({ rule, label, level: LEVEL_ORDER[Math.min(rank(level!) + 1, 3)], value, threshold, detail });
    if (t.amplifyRepeatOffender && subject.repeatOffender) amplify('repeat_offender', '失信或两年内欠薪记录', 1, 1, '用人单位在失信名单或两年内有欠薪记录');
    if (t.amplifyGovernmentFunded && subject.governmentFunded && a.missedTransfer) amplify('government_funded', '政府投资项目资金缺口', 1, 1, '政府投资项目人工费未按时拨付');
    const days = a.daysToSpringFestival;
    if (days !== undefined && days <= t.amplifySpringFestivalDays) amplify('spring_festival', '临近春节', days, t.amplifySpringFestivalDays, `距除夕 ${days} 天（冬季行动期间）`);
    if (subject.kind === 'chain' && a.sites >= t.amplifyChainSites) amplify('chain_sites', '总包链条多工地', a.sites, t.amplifyChainSites, `同一总包 ${a.sites} 个工地出现欠薪信号`);
    if (amplifiers.length) level = LEVEL_ORDER[Math.min(rank(level) + 1, 3)];
  }
  return { level, rules, amplifiers };
}

export const levelRank = rank;
export const higherLevel = max;
