import { LEVEL_ORDER, signalSourceLabel } from '@yuanlian/contracts';
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
  /** The legal aid center holding the case, for routing. */
  officeId?: string | null;
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

/**
 * Which institution heard a complaint — the agency, or the hotline for outside feeds. A cluster is "across channels
 * and agencies" when several institutions heard it; a legal aid center's window, website and 12348 line are one.
 */
const institution = (f: ObservationFact) => (f.sourceAgencyType === 'early-warning' ? f.channel ?? 'early-warning' : f.sourceAgencyType);
const COMPLAINT_KINDS = new Set<ObservationKind>(['claim', 'hotline', 'field_report']);

/**
 * The figures of one subject as of `asOf`: only what was known by that day, inside the look-back window.
 * A payment that leaves nothing outstanding settles the subject: what came before it no longer counts.
 */
export function aggregate(facts: readonly ObservationFact[], asOf: string, t: RuleThresholds): Aggregate {
  const from = addDays(asOf, -t.windowDays);
  const rows = facts.filter((f) => f.day <= asOf && f.day > from).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const claims = new Map<string, { amount: number; workers: number; paid: boolean }>();
  // Monitoring findings per site: a transfer made on one site does not clear another's.
  const monitoring = new Map<string, { months: number; amount: number; gap: number; attendance: number; withoutRecord: number }>();
  const site = (f: ObservationFact) => {
    const key = f.site ?? '';
    if (!monitoring.has(key)) monitoring.set(key, { months: 0, amount: 0, gap: 0, attendance: 0, withoutRecord: 0 });
    return monitoring.get(key)!;
  };
  let settledOn = '';
  let signals = 0;
  const open = () => [...claims.values()].some((c) => !c.paid) || [...monitoring.values()].some((m) => m.months > 0 || m.gap > 0 || m.withoutRecord > 0);
  for (const f of rows) {
    signals++;
    if (CLAIM_KINDS.has(f.kind) && f.workerKey) {
      const c = claims.get(f.workerKey);
      const paid = c?.paid ?? false;
      claims.set(f.workerKey, {
        amount: Math.max(paid ? 0 : c?.amount ?? 0, f.amountFen),
        workers: Math.max(paid ? 0 : c?.workers ?? 0, f.workers),
        // An order to pay for a worker already paid changes nothing; a new claim reopens.
        paid: f.kind === 'order' ? paid : false,
      });
    } else if (f.kind === 'payment' && f.workerKey) {
      const c = claims.get(f.workerKey);
      if (c) c.paid = true;
      if (c && !open()) settledOn = f.day;
    } else if (f.kind === 'transfer_made') {
      const wasOpen = open();
      monitoring.set(f.site ?? '', { months: 0, amount: 0, gap: 0, attendance: 0, withoutRecord: 0 });
      if (wasOpen && !open()) settledOn = f.day;
    } else if (f.kind === 'missed_transfer') {
      const m = site(f);
      m.months = Math.max(m.months, f.monthsMissed);
      m.amount = Math.max(m.amount, f.amountFen);
    } else if (f.kind === 'headcount_gap') {
      const m = site(f);
      m.gap = Math.max(m.gap, f.workers);
    } else if (f.kind === 'no_wage_record') {
      const m = site(f);
      m.withoutRecord = Math.max(m.withoutRecord, f.workers);
      m.attendance = Math.max(m.attendance, f.count);
    }
  }
  const sites = [...monitoring.values()];
  const total = { months: Math.max(0, ...sites.map((m) => m.months)), amount: sites.reduce((a, m) => a + m.amount, 0), gap: sites.reduce((a, m) => a + m.gap, 0),
    withoutRecord: sites.reduce((a, m) => a + m.withoutRecord, 0), attendance: sites.reduce((a, m) => a + m.attendance, 0) };
  const live = rows.filter((f) => f.day > settledOn);
  const unpaid = [...claims.values()].filter((c) => !c.paid);
  const clusterFrom = addDays(asOf, -t.clusterDays);
  const cluster = live.filter((f) => COMPLAINT_KINDS.has(f.kind) && f.day > clusterFrom);
  const reported = Math.max(0, ...live.filter((f) => f.kind === 'hotline' || f.kind === 'petition' || f.kind === 'gathering' || f.kind === 'field_report').map((f) => f.workers));
  const workers = Math.max(unpaid.length, ...unpaid.map((c) => c.workers), total.gap, total.withoutRecord, reported);
  const recent = live.slice(-20).map((f) => ({ kind: f.kind, day: f.day, source: f.channel ?? f.sourceAgencyType, count: f.count }));
  return {
    workers,
    workersPaid: [...claims.values()].filter((c) => c.paid).length,
    outstandingFen: unpaid.reduce((s, c) => s + c.amount, 0) + total.amount,
    monthsInArrears: total.months,
    // A worker complaining at legal aid and again at the inspection is one complaint seen by two agencies.
    complaints: new Set(cluster.filter((f) => f.workerKey).map((f) => f.workerKey)).size + cluster.filter((f) => !f.workerKey).reduce((s, f) => s + Math.max(1, f.count), 0),
    channels: [...new Set(cluster.map(institution))].sort(),
    sites: new Set(live.filter((f) => f.kind !== 'transfer_made').map((f) => f.site).filter(Boolean)).size,
    signals,
    daysToSpringFestival: daysToSpringFestival(asOf),
    settled: settledOn !== '' && !open() && !live.some((f) => f.kind !== 'credit'),
    headcountGap: total.gap,
    noWageRecordPercent: total.attendance ? Math.floor((total.withoutRecord * 100) / total.attendance) : 0,
    fieldReports: live.filter((f) => f.kind === 'field_report').length,
    petitions: live.filter((f) => f.kind === 'petition').length,
    gatherings: live.filter((f) => f.kind === 'gathering').length,
    missedTransfer: total.months > 0,
    recent,
  };
}

/**
 * A contractor chain is judged on its troubled sites only — those with a group of unpaid workers or a monitoring,
 * petition or field finding of their own — so individual claims scattered over many sites do not add up to a group.
 */
export function troubledSitesOnly(facts: readonly ObservationFact[], asOf: string, t: RuleThresholds): ObservationFact[] {
  const bySite = new Map<string, ObservationFact[]>();
  for (const f of facts) if (f.site) bySite.set(f.site, [...(bySite.get(f.site) ?? []), f]);
  const troubled = new Set(
    [...bySite].filter(([, siteFacts]) => {
      const a = aggregate(siteFacts, asOf, t);
      return a.workers >= t.chainSiteMinWorkers || a.monthsInArrears > 0 || a.headcountGap > 0 || a.noWageRecordPercent > 0 || a.petitions + a.gatherings + a.fieldReports > 0;
    }).map(([site]) => site),
  );
  return facts.filter((f) => f.kind === 'credit' || (f.site !== null && troubled.has(f.site)));
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

const fen = (v: number) => `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** Which rules fire, at which level, and why; then the amplifiers. */
export function evaluate(a: Aggregate, subject: SubjectFacts, t: RuleThresholds): Evaluation {
  const rules: FiredRule[] = [];
  const fire = (rule: string, label: string, value: number, hit: { level: AlertLevel; threshold: number } | null, detail: string) => {
    if (hit) rules.push({ rule, label, level: hit.level, value, threshold: hit.threshold, detail });
  };
  fire('workers', '涉及劳动者人数', a.workers, levelFor(a.workers, t.workers), `${a.workers} 名劳动者未获支付`);
  if (a.workers >= t.amountMinWorkers) {
    // The group test of the wage-crime threshold is workers and amount together: below it an amount stays at yellow.
    const hit = levelFor(a.outstandingFen, t.outstandingFen);
    const capped = hit && a.workers < t.amountSevereMinWorkers && rank(hit.level) > rank('yellow') ? { level: 'yellow' as const, threshold: t.outstandingFen.yellow ?? hit.threshold } : hit;
    fire('outstanding', '拖欠金额', a.outstandingFen, capped, `拖欠 ${fen(a.outstandingFen)}，涉及 ${a.workers} 人`);
  }
  fire('months', '欠薪月数', a.monthsInArrears, levelFor(a.monthsInArrears, t.monthsInArrears), `人工费 ${a.monthsInArrears} 个月未拨付至工资专用账户`);
  const cluster = levelFor(a.complaints, t.complaints);
  if (cluster) {
    const capped = a.channels.length < t.complaintChannelsForSevere && rank(cluster.level) > rank('yellow') ? { level: 'yellow' as const, threshold: t.complaints.yellow ?? cluster.threshold } : cluster;
    fire('complaints', '投诉聚集', a.complaints, capped, `${t.clusterDays} 日内 ${a.complaints} 件投诉，来自${a.channels.map(signalSourceLabel).join('、')}`);
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
  // Amplifiers make a group more urgent; a yellow about one or two workers is not a group yet.
  if (level && rank(level) >= rank('yellow') && a.workers >= t.amplifyMinWorkers) {
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
