import { LEVEL_ORDER, signalSourceLabel, WORKER_ESTIMATE_SOURCES } from '@yuanlian/contracts';
import type { AlertFigures, AlertLevel, ContributingSignal, FiredRule, ObservationKind, SubjectKind, WorkerEstimateSource, WorkerEvidence } from '@yuanlian/contracts';
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
  workersBasis: WorkerEvidence[];
  usualOpenClaims: number;
  /** The cluster's complaints by identified workers still unpaid, beyond the employer's usual open claims. */
  identifiedComplaints: number;
  /** The cluster's anonymous complaints (hotline calls), the same call recorded by two lines counted once. */
  anonymousComplaints: number;
  /** Unpaid workers who came forward in the persistence window, and in how many different weeks of it. */
  persistentWorkers: number;
  persistentWeeks: number;
  /** Payments seen in the persistence window: an employer that pays is working its claims off. */
  recentPayments: number;
  headcountGap: number;
  noWageRecordPercent: number;
  fieldReports: number;
  petitions: number;
  gatherings: number;
  missedTransfer: boolean;
  /**
   * Whether anything besides the platform's transfer records says the workers are not being paid: a payroll finding
   * (paid headcount below attendance, workers without a wage record) or a worker, caller, petition or union report.
   * A builder often pays wages from other funds while a developer's transfer is late, and makes the transfer good.
   */
  transferCorroborated: boolean;
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
/** Signals of a group by themselves: a petition, a gathering, a union report from the site. */
const GROUP_KINDS = new Set<ObservationKind>(['field_report', 'petition', 'gathering']);

/**
 * The figures of one subject as of `asOf`: only what was known by that day, inside the look-back window.
 * A payment that leaves nothing outstanding settles the subject: what came before it no longer counts.
 */
export function aggregate(facts: readonly ObservationFact[], asOf: string, t: RuleThresholds): Aggregate {
  const from = addDays(asOf, -t.windowDays);
  const rows = facts.filter((f) => f.day <= asOf && f.day > from).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const claims = new Map<string, Claim>();
  // Monitoring findings per site: a transfer made on one site does not clear another's.
  const monitoring = new Map<string, SiteFindings>();
  const site = (f: ObservationFact) => {
    const key = f.site ?? '';
    if (!monitoring.has(key)) monitoring.set(key, noFindings());
    return monitoring.get(key)!;
  };
  let settledOn = '';
  let signals = 0;
  /** Claims paid in the window: when the worker came forward and when they were paid. */
  const paidClaims: { since: string; paidOn: string }[] = [];
  const open = () => [...claims.values()].some((c) => !c.paid) || [...monitoring.values()].some((m) => m.months > 0 || m.gap > 0 || m.withoutRecord > 0);
  for (const f of rows) {
    signals++;
    if (CLAIM_KINDS.has(f.kind) && f.workerKey) {
      const c = claims.get(f.workerKey);
      const paid = c?.paid ?? false;
      const reopened = !c || (paid && f.kind === 'claim');
      claims.set(f.workerKey, {
        amount: Math.max(paid ? 0 : c?.amount ?? 0, f.amountFen),
        workers: Math.max(paid ? 0 : c?.workers ?? 0, f.workers),
        // An order to pay for a worker already paid changes nothing; a new claim reopens.
        paid: f.kind === 'order' ? paid : false,
        since: reopened ? f.day : c.since,
      });
    } else if (f.kind === 'payment' && f.workerKey) {
      const c = claims.get(f.workerKey);
      if (c && !c.paid) paidClaims.push({ since: c.since, paidOn: f.day });
      if (c) c.paid = true;
      if (c && !open()) settledOn = f.day;
    } else if (f.kind === 'withdrawal' && f.workerKey) {
      // The worker withdrew: no longer a complainant. Not a payment — the employer's paying habit and the
      // "arrears paid" resolution are not read from it.
      const c = claims.get(f.workerKey);
      if (c) c.paid = true;
    } else if (f.kind === 'transfer_made') {
      const wasOpen = open();
      monitoring.set(f.site ?? '', { ...noFindings(), attendance: site(f).attendance });
      if (wasOpen && !open()) settledOn = f.day;
    } else if (f.kind === 'missed_transfer') {
      const m = site(f);
      m.months = Math.max(m.months, f.monthsMissed);
      m.amount = Math.max(m.amount, f.amountFen);
      m.attendance = Math.max(m.attendance, f.workers);
    } else if (f.kind === 'headcount_gap') {
      const m = site(f);
      m.gap = Math.max(m.gap, f.workers);
      m.attendance = Math.max(m.attendance, f.count);
    } else if (f.kind === 'no_wage_record') {
      const m = site(f);
      m.withoutRecord = Math.max(m.withoutRecord, f.workers);
      m.attendance = Math.max(m.attendance, f.count);
    }
  }
  const sites = [...monitoring.values()];
  const sum = (of: (m: SiteFindings) => number) => sites.reduce((a, m) => a + of(m), 0);
  const total = { months: Math.max(0, ...sites.map((m) => m.months)), amount: sum((m) => m.amount), gap: sum((m) => m.gap), withoutRecord: sum((m) => m.withoutRecord) };
  const live = rows.filter((f) => f.day > settledOn);
  const unpaid = [...claims.values()].filter((c) => !c.paid);
  // Little's law on the employer's own record before the present claims: the claims it paid before the first worker
  // still unpaid came forward, times their days to pay, over that period, is how many it usually has open at once. A
  // large employer paying a steady trickle of claims has a few; a crew whose employer stopped paying has none, and a
  // dispute settled in part is not a habit (its payments come after its claims).
  const firstUnpaid = unpaid.map((c) => c.since).sort()[0] ?? asOf;
  const before = paidClaims.filter((c) => c.paidOn <= firstUnpaid);
  const littleLaw = Math.floor(before.reduce((d, c) => d + Math.max(1, daysBetween(c.since, c.paidOn)), 0) / Math.max(28, daysBetween(from, firstUnpaid)));
  const clusterFrom = addDays(asOf, -t.clusterDays);
  // An employer that keeps paying claims — several in the window, on different days, the last within the cluster
  // window — is working them off: those still open from before the cluster window are its usual backlog, and a group
  // shows as new claims arriving faster than it pays. A dispute paid in one go, or an employer that paid and then
  // stopped, is not such a habit.
  const payDays = [...new Set(paidClaims.map((c) => c.paidOn))].sort();
  const paysItsClaims = paidClaims.length >= t.payingEmployerClaims && payDays.length >= 2 && payDays[payDays.length - 1] > clusterFrom;
  const backlog = paysItsClaims ? unpaid.filter((c) => c.since <= clusterFrom).length : 0;
  const usualOpenClaims = Math.max(littleLaw, backlog);
  const cluster = live.filter((f) => COMPLAINT_KINDS.has(f.kind) && f.day > clusterFrom);
  // A worker is one complainant however many institutions hear them, and leaves the cluster once paid.
  const identified = new Set(cluster.filter((f) => f.workerKey && claims.get(f.workerKey)?.paid !== true).map((f) => f.workerKey)).size;
  const identifiedComplaints = Math.max(0, identified - usualOpenClaims);
  // An anonymous call carries its day, its count and the workers it mentions: the same call forwarded from one
  // hotline to another (12345 to 12333) is one complaint.
  const anonymous = new Map<string, number>();
  for (const f of cluster) if (!f.workerKey) anonymous.set(`${f.day}|${f.count}|${f.workers}`, Math.max(1, f.count));
  const anonymousComplaints = [...anonymous.values()].reduce((a, b) => a + b, 0);

  // More than one person: two workers still unpaid, a group application, a petition, a union report, a caller.
  const unpaidWorkers = [...claims.values()].filter((c) => !c.paid);
  const groupSeen = unpaidWorkers.length >= 2 || unpaidWorkers.some((c) => c.workers > 1) || live.some((f) => GROUP_KINDS.has(f.kind));
  // A payroll finding that is more than a few workers who left: at least the share that fires the no-record rule.
  const attendanceNow = sum((m) => m.attendance);
  const payrollFinding = (total.gap + total.withoutRecord) * 100 >= t.noWageRecordPercent * Math.max(1, attendanceNow);
  const transferCorroborated = payrollFinding || groupSeen || live.some((f) => f.kind === 'hotline');
  // A caller's mention of how many are owed is one person's word: it is the estimate only when a second record (another
  // call on another day or line, workers' claims, a petition, a union report) says there is a group there too.
  const hotlineRecords = live.filter((f) => f.kind === 'hotline');
  const hotlineWorkers = hotlineRecords.length > 1 || groupSeen
    ? Math.max(0, ...hotlineRecords.map((f) => Math.max(f.workers, f.count)))
    : Math.max(0, ...hotlineRecords.map((f) => f.count));

  // The worker estimate: the best figure any source gives, each kept with where it came from.
  const maxOf = (kinds: ObservationKind[], of: (f: ObservationFact) => number) => Math.max(0, ...live.filter((f) => kinds.includes(f.kind)).map(of));
  const evidence: Record<WorkerEstimateSource, number> = {
    claims: Math.max(0, unpaid.length - usualOpenClaims),
    // An application on behalf of several (one worker's own says 1: the claims figure already counts it).
    group_application: Math.max(0, ...unpaid.map((c) => c.workers).filter((n) => n > 1)),
    // A hotline record is one day's calls: the workers a caller mentions, at least the calls themselves.
    hotline: hotlineWorkers,
    petition: maxOf(['petition', 'gathering'], (f) => f.workers),
    field_report: maxOf(['field_report'], (f) => f.workers),
    headcount_gap: total.gap,
    no_wage_record: total.withoutRecord,
    // A site whose labor-cost transfers have stopped (not one late month, which is usually made good) and where
    // something else says wages are not paid: every worker on its attendance waits on them.
    attendance: transferCorroborated ? sum((m) => (m.months >= t.stoppedTransferMonths ? m.attendance : 0)) : 0,
  };
  const workersBasis = (Object.entries(evidence) as [WorkerEstimateSource, number][])
    .filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([source, workers]) => ({ source, workers }));

  const persistFrom = addDays(asOf, -t.persistenceDays);
  const persistent = unpaid.filter((c) => c.since > persistFrom);
  const recent = live.slice(-20).map((f) => ({ kind: f.kind, day: f.day, source: f.channel ?? f.sourceAgencyType, count: f.count }));
  const attendance = sum((m) => m.attendance);
  return {
    workers: workersBasis[0]?.workers ?? 0,
    workersBasis,
    usualOpenClaims,
    workersPaid: [...claims.values()].filter((c) => c.paid).length,
    outstandingFen: unpaid.reduce((s, c) => s + c.amount, 0) + total.amount,
    monthsInArrears: total.months,
    complaints: Math.max(identifiedComplaints, anonymousComplaints),
    identifiedComplaints,
    anonymousComplaints,
    channels: [...new Set(cluster.map(institution))].sort(),
    sites: new Set(live.filter((f) => f.kind !== 'transfer_made').map((f) => f.site).filter(Boolean)).size,
    signals,
    daysToSpringFestival: daysToSpringFestival(asOf),
    settled: settledOn !== '' && !open() && !live.some((f) => f.kind !== 'credit'),
    persistentWorkers: persistent.length,
    persistentWeeks: new Set(persistent.map((c) => Math.floor(daysBetween(c.since, asOf) / 7))).size,
    recentPayments: rows.filter((f) => f.kind === 'payment' && f.day > persistFrom).length,
    headcountGap: total.gap,
    noWageRecordPercent: attendance ? Math.floor((total.withoutRecord * 100) / attendance) : 0,
    fieldReports: live.filter((f) => f.kind === 'field_report').length,
    petitions: live.filter((f) => f.kind === 'petition').length,
    gatherings: live.filter((f) => f.kind === 'gathering').length,
    missedTransfer: total.months > 0,
    transferCorroborated,
    recent,
  };
}

interface Claim {
  amount: number;
  workers: number;
  /** Nothing outstanding for this worker: paid, or the worker withdrew. */
  paid: boolean;
  /** The day the worker came forward (again, after an earlier payment). */
  since: string;
}

interface SiteFindings {
  months: number;
  amount: number;
  gap: number;
  attendance: number;
  withoutRecord: number;
}
const noFindings = (): SiteFindings => ({ months: 0, amount: 0, gap: 0, attendance: 0, withoutRecord: 0 });

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

/** The level below a hit, with that level's threshold; nothing below blue. */
function lower(hit: { level: AlertLevel; threshold: number }, thresholds: Partial<Record<AlertLevel, number>>): { level: AlertLevel; threshold: number } | null {
  const below = LEVEL_ORDER[rank(hit.level) - 1];
  return below ? { level: below, threshold: thresholds[below] ?? hit.threshold } : null;
}

/** Where the worker estimate came from, in words: the source that gave it, then the others. */
export function basisText(a: Pick<Aggregate, 'workersBasis' | 'usualOpenClaims'>): string {
  const parts = a.workersBasis.slice(0, 3).map((e, i) => `${i === 0 ? '依据' : ''}${WORKER_ESTIMATE_SOURCES[e.source]} ${e.workers} 人`);
  if (a.usualOpenClaims) parts.push(`已扣除该单位平时未结的 ${a.usualOpenClaims} 件`);
  return parts.join('；') || '无';
}

const fen = (v: number) => `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** Which rules fire, at which level, and why; then the amplifiers. */
export function evaluate(a: Aggregate, subject: SubjectFacts, t: RuleThresholds): Evaluation {
  const rules: FiredRule[] = [];
  const fire = (rule: string, label: string, value: number, hit: { level: AlertLevel; threshold: number } | null, detail: string) => {
    if (hit) rules.push({ rule, label, level: hit.level, value, threshold: hit.threshold, detail });
  };
  fire('workers', '涉及劳动者人数', a.workers, levelFor(a.workers, t.workers), `约 ${a.workers} 名劳动者未获支付（${basisText(a)}）`);
  if (a.workers >= t.amountMinWorkers) {
    // The group test of the wage-crime threshold is workers and amount together: below it an amount stays at yellow.
    const hit = levelFor(a.outstandingFen, t.outstandingFen);
    const capped = hit && a.workers < t.amountSevereMinWorkers && rank(hit.level) > rank('yellow') ? { level: 'yellow' as const, threshold: t.outstandingFen.yellow ?? hit.threshold } : hit;
    fire('outstanding', '拖欠金额', a.outstandingFen, capped, `拖欠 ${fen(a.outstandingFen)}，涉及 ${a.workers} 人`);
  }
  // Transfers alone, with nothing from the workers or the payroll, are one level lower: a late transfer is usually made good.
  const months = levelFor(a.monthsInArrears, t.monthsInArrears);
  const monthsHit = months && !a.transferCorroborated ? lower(months, t.monthsInArrears) : months;
  fire('months', '欠薪月数', a.monthsInArrears, monthsHit,
    `人工费 ${a.monthsInArrears} 个月未拨付至工资专用账户${a.transferCorroborated ? '' : '（尚无劳动者投诉或工资发放记录印证，降一级）'}`);
  const cluster = levelFor(a.complaints, t.complaints);
  if (cluster) {
    // Severe only when several institutions heard it and it is more than a small crew: enough workers, or more
    // anonymous calls than identified complainants (a surge beyond the workers who came forward).
    const group = a.workers >= t.complaintSevereMinWorkers || a.anonymousComplaints > a.identifiedComplaints;
    const severeAllowed = a.channels.length >= t.complaintChannelsForSevere && group;
    const capped = !severeAllowed && rank(cluster.level) > rank('yellow') ? { level: 'yellow' as const, threshold: t.complaints.yellow ?? cluster.threshold } : cluster;
    const who = [a.identifiedComplaints ? `已识别劳动者 ${a.identifiedComplaints} 人` : '', a.anonymousComplaints ? `匿名来电 ${a.anonymousComplaints} 件` : ''].filter(Boolean).join('，');
    fire('complaints', '投诉聚集', a.complaints, capped, `${t.clusterDays} 日内 ${a.complaints} 件投诉（${who}），来自${a.channels.map(signalSourceLabel).join('、')}`);
  }
  // Few workers coming forward one by one, week after week, none paid: the group behind them has not been heard yet.
  if (a.persistentWorkers >= t.persistenceMinWorkers && a.persistentWeeks >= t.persistenceWeeks && a.recentPayments === 0) {
    fire('persistence', '欠薪信号持续', a.persistentWeeks, { level: t.persistenceLevel, threshold: t.persistenceWeeks },
      `${t.persistenceDays} 日内有 ${a.persistentWeeks} 个不同的周出现新的未获支付劳动者（共 ${a.persistentWorkers} 人），且无一获支付`);
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
  if (level && rank(level) >= rank('yellow')) {
    const amplify = (rule: string, label: string, value: number, threshold: number, detail: string) =>
      amplifiers.push({ rule, label, level: LEVEL_ORDER[Math.min(rank(level!) + 1, 3)], value, threshold, detail });
    // Stopped labor-cost transfers are a whole site's wages, whatever number of workers has been seen yet.
    if (t.amplifyGovernmentFunded && subject.governmentFunded && a.missedTransfer && (a.workers >= t.amplifyMinWorkers || (a.transferCorroborated && a.monthsInArrears >= t.stoppedTransferMonths))) {
      amplify('government_funded', '政府投资项目资金缺口', a.monthsInArrears, 1, `政府投资项目人工费 ${a.monthsInArrears} 个月未按时拨付`);
    }
    if (a.workers >= t.amplifyMinWorkers) {
      if (t.amplifyRepeatOffender && subject.repeatOffender) amplify('repeat_offender', '失信或两年内欠薪记录', 1, 1, '用人单位在失信名单或两年内有欠薪记录');
      const days = a.daysToSpringFestival;
      if (days !== undefined && days <= t.amplifySpringFestivalDays) amplify('spring_festival', '临近春节', days, t.amplifySpringFestivalDays, `距除夕 ${days} 天（冬季行动期间）`);
      if (subject.kind === 'chain' && a.sites >= t.amplifyChainSites) amplify('chain_sites', '总包链条多工地', a.sites, t.amplifyChainSites, `同一总包 ${a.sites} 个工地出现欠薪信号`);
    }
    if (amplifiers.length) level = LEVEL_ORDER[Math.min(rank(level) + 1, 3)];
  }
  return { level, rules, amplifiers };
}

export const levelRank = rank;
export const higherLevel = max;
