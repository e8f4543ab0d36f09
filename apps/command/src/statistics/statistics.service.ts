import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '@yuanlian/auth';
import {
  AidDecisionReported, AidDecisionReportedV1, ApplicationAccepted, ApplicationAcceptedV1, ApplicationReceived, ApplicationReceivedV1, CaseTransferred, CaseTransferredV1, ReferralMilestone,
  ReferralMilestoneV1, GANZHOU_CITY_CODE, Topics, TypicalCaseReported, TypicalCaseReportedV1,
} from '@yuanlian/contracts';
import { schemaOf } from '@yuanlian/database';
import { addDays, defaultClockRulesData, periodOf, quarterOf, shiftQuarter } from '@yuanlian/deadlines';
import type { Period } from '@yuanlian/deadlines';
import { DEMONSTRATION_SITES } from '@yuanlian/directory';
import { GANZHOU_COUNTIES, GANZHOU_ZONES, serviceAreaName } from '@yuanlian/identity';
import { MESSAGING_CONFIG, replayTopics } from '@yuanlian/messaging';
import type { MessagingConfig } from '@yuanlian/messaging';
import { fieldError } from '@yuanlian/runtime';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { demonstrationOffices } from '../directory/demonstration';
import { areasOf } from '../supervision/supervision.service';

const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const CLOCK_LABELS: Record<string, string> = Object.fromEntries(Object.entries(defaultClockRulesData().rules).map(([id, r]) => [id, r.label]));

/** What the statistics count for one county (or the city, or a group of counties). */
export interface Figures {
  applications: number;
  byChannel: Record<string, number>;
  byMatter: Record<string, number>;
  byIndustry: Record<string, number>;
  greenChannel: number;
  acceptedFirst: number;
  granted: number;
  workersServed: number;
  amountClaimedFen: number;
  transfersIn: number;
  transfersOut: number;
  referrals: Record<string, {
    received: number; accepted: number; declined: number; returned: number; resolved: number; revoked: number;
    acceptanceRate: number | null;
    clocks: Record<string, { stopped: number; onTime: number; onTimeRate: number | null }>;
  }>;
  amountRecoveredFen: number;
  paymentsConfirmed: number;
  alerts: { raised: number; byLevel: Record<string, number>; acknowledged: number; medianMinutesToAcknowledge: number | null };
  /** Typical cases for the quarters the period covers: sent for the duty, of those by the duty's day, published. */
  typicalCases: { sent: number; onTime: number; published: number };
  /** The procedures beyond a referral: legal aid refused or ended, objections; determinations, crime transfers, construction remedies. */
  procedures: Procedures;
}

export interface Procedures {
  /** Legal Aid Law arts. 43, 48, 49. */
  refused: number; terminated: number; objections: number; objectionsCorrected: number;
  /** 工伤认定 decided (WIIR art. 20), of those recognised. */
  injuryDeterminations: number; injuriesRecognized: number;
  /** Cases the inspection transferred to the police (Criminal Law art. 276-1), and the amount. */
  crimeTransfers: number; crimeTransferFen: number;
  /** Wage Payment Regulations arts. 29, 30, 32: the general contractor ordered to pay first, the builder's advance, the deposit drawn. */
  contractorOrders: number; builderAdvances: number; depositDraws: number; constructionPaidFen: number;
}

const PROCEDURE_KEYS = [
  'refused', 'terminated', 'objections', 'objectionsCorrected', 'injuryDeterminations', 'injuriesRecognized', 'crimeTransfers', 'crimeTransferFen',
  'contractorOrders', 'builderAdvances', 'depositDraws', 'constructionPaidFen',
] as const;

/** The steps each procedure figure counts (and whose amount it adds). */
const STEP_FIGURES: Record<string, { count: (keyof Procedures)[]; fen?: keyof Procedures }> = {
  injury_recognized: { count: ['injuryDeterminations', 'injuriesRecognized'] },
  injury_not_recognized: { count: ['injuryDeterminations'] },
  crime_transferred: { count: ['crimeTransfers'], fen: 'crimeTransferFen' },
  contractor_ordered_first: { count: ['contractorOrders'] },
  builder_advanced: { count: ['builderAdvances'], fen: 'constructionPaidFen' },
  wage_deposit_drawn: { count: ['depositDraws'], fen: 'constructionPaidFen' },
};

/** One typical case a county sent, for the report's list. */
export interface TypicalCaseRow {
  divisionCode: string; divisionName: string; quarter: string; quarterLabel: string; title: string;
  sentOn: string; dueOn: string; onTime: boolean; publishedOn: string | null;
}

/** `2026-Q4`, `2026-11` or `2026` → the period's days (China Standard Time); 400 otherwise. */
export function parsePeriod(text: string): Period {
  const period = periodOf(text);
  if (!period) throw fieldError('period', '统计期间应为 2026-Q4（季度）、2026-11（月）或 2026（年）');
  return period;
}

const at = (day: string) => `${day}T00:00:00+08:00`;
/** The quarters a period overlaps: its own, the one a month falls in, a year's four. */
const quartersOf = (period: Period) => {
  const out = [quarterOf(period.from)];
  for (const last = quarterOf(addDays(period.to, -1)); out[out.length - 1] < last; ) out.push(shiftQuarter(out[out.length - 1], 1));
  return out;
};
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const bump = (o: Record<string, number>, k: string, n: number) => (o[k] = (o[k] ?? 0) + n);

function empty(): Figures {
  return {
    applications: 0, byChannel: {}, byMatter: {}, byIndustry: {}, greenChannel: 0, acceptedFirst: 0, granted: 0, workersServed: 0,
    amountClaimedFen: 0, transfersIn: 0, transfersOut: 0, referrals: {}, amountRecoveredFen: 0, paymentsConfirmed: 0,
    alerts: { raised: 0, byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])), acknowledged: 0, medianMinutesToAcknowledge: null },
    typicalCases: { sent: 0, onTime: 0, published: 0 },
    procedures: Object.fromEntries(PROCEDURE_KEYS.map((k) => [k, 0])) as unknown as Procedures,
  };
}

export interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  /** Records read so far of `total` on the topics when it started. */
  read: number;
  total: number | null;
  events: number;
  skipped: number;
  error?: string;
}

/**
 * Statistics per county and period, fed by the events of every agency (applications from legal aid, referral
 * milestones from the receiving offices, alerts at the committee's desk) into a read model of its own; the figures
 * are counted from it, so they can be rebuilt from the topics and come out the same.
 */
@Injectable()
export class StatisticsService {
  private readonly logger = new Logger(StatisticsService.name);
  private status: RebuildStatus = { state: 'idle', read: 0, total: null, events: 0, skipped: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  private table(m: EntityManager | DataSource, name: string) {
    return `"${schemaOf(m)}".${name}`;
  }

  private async applicationReceived(m: EntityManager, p: ApplicationReceivedV1): Promise<void> {
    await m.query(
      `INSERT INTO ${this.table(m, 'stat_applications')} (application_id, office_id, division_code, received_at, channel, matter, industry, green_channel,
         accept_first, amount_claimed_fen, workers, worker_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (application_id) DO NOTHING`,
      [p.applicationId, p.agencyId, p.divisionCode, p.receivedAt, p.channel, p.matter, p.industry, p.greenChannel, p.acceptFirst, p.amountOwedFen, p.workersAffected, p.workerKey],
    );
  }

  private async applicationAccepted(m: EntityManager, p: ApplicationAcceptedV1): Promise<void> {
    await m.query(`UPDATE ${this.table(m, 'stat_applications')} SET granted_at = $2 WHERE application_id = $1`, [p.applicationId, p.acceptedAt]);
  }

  private async caseTransferred(m: EntityManager, eventId: string, p: CaseTransferredV1): Promise<void> {
    await m.query(
      `INSERT INTO ${this.table(m, 'stat_transfers')} (event_id, application_id, direction, from_center, to_center, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, p.applicationId, p.direction, p.fromCenter, p.toCenter, p.at],
    );
  }

  private async referralMilestone(m: EntityManager, eventId: string, p: ReferralMilestoneV1): Promise<void> {
    await m.query(
      `INSERT INTO ${this.table(m, 'stat_referral_milestones')} (event_id, referral_id, case_id, office_id, agency_type, division_code, milestone, at, matter,
         green_channel, amount_claimed_fen, amount_recovered_fen, payment_confirmed, outcome, clocks, step, step_amount_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (event_id) DO NOTHING`,
      [eventId, p.referralId, p.caseId, p.officeId, p.agencyType, p.divisionCode, p.milestone, p.at, p.matter, p.greenChannel, p.amountClaimedFen,
        p.amountRecoveredFen ?? null, p.paymentConfirmed ?? null, p.outcome ?? null, JSON.stringify(p.clocks), p.step ?? null, p.stepAmountFen ?? null],
    );
  }

  private async aidDecision(m: EntityManager, eventId: string, p: AidDecisionReportedV1): Promise<void> {
    await m.query(
      `INSERT INTO ${this.table(m, 'stat_aid_decisions')} (event_id, application_id, division_code, kind, code, matter, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, p.applicationId, p.divisionCode, p.kind, p.code, p.matter, p.at],
    );
  }

  /** The first word on a typical case makes its row; a later one only fills in its day (events of a case come in order). */
  private async typicalCaseReported(m: EntityManager, p: TypicalCaseReportedV1): Promise<void> {
    const column = p.milestone === 'sent' ? 'sent_at' : 'published_at';
    await m.query(
      `INSERT INTO ${this.table(m, 'stat_typical_cases')} AS t (typical_case_id, case_id, division_code, quarter, due_on, title, ${column})
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (typical_case_id) DO UPDATE SET ${column} = COALESCE(t.${column}, excluded.${column}), title = excluded.title`,
      [p.typicalCaseId, p.caseId, p.divisionCode, p.quarter, p.dueOn, p.title, p.at],
    );
  }

  /** One event (validated), as the live consumer or a rebuild hands it over. */
  async apply(m: EntityManager, envelope: { eventId: string; type: string }, payload: object): Promise<void> {
    if (envelope.type === ApplicationReceived.type) await this.applicationReceived(m, payload as ApplicationReceivedV1);
    else if (envelope.type === ApplicationAccepted.type) await this.applicationAccepted(m, payload as ApplicationAcceptedV1);
    else if (envelope.type === CaseTransferred.type) await this.caseTransferred(m, envelope.eventId, payload as CaseTransferredV1);
    else if (envelope.type === ReferralMilestone.type) await this.referralMilestone(m, envelope.eventId, payload as ReferralMilestoneV1);
    else if (envelope.type === TypicalCaseReported.type) await this.typicalCaseReported(m, payload as TypicalCaseReportedV1);
    else if (envelope.type === AidDecisionReported.type) await this.aidDecision(m, envelope.eventId, payload as AidDecisionReportedV1);
  }

  /**
   * Empties the read model and reads every event again from the topics, in the background (the live consumer goes
   * on meanwhile; every write is idempotent). Alerts are the desk's own copy and are not part of it. A second
   * request while one runs gets the running one.
   */
  rebuild(): RebuildStatus {
    if (this.status.state === 'running') return this.status;
    const status: RebuildStatus = (this.status = { state: 'running', startedAt: new Date().toISOString(), read: 0, total: null, events: 0, skipped: 0 });
    (async () => {
      const t = (name: string) => this.table(this.dataSource, name);
      await this.dataSource.query(`TRUNCATE ${t('stat_applications')}, ${t('stat_transfers')}, ${t('stat_referral_milestones')}, ${t('stat_typical_cases')}, ${t('stat_aid_decisions')}`);
      let shown = 0;
      const result = await replayTopics(this.kafka, this.config, [Topics.applications, Topics.caseFacts], (events) =>
        this.dataSource.transaction(async (m) => {
          for (const e of events) await this.apply(m, e.envelope, e.payload);
        }), (read, total) => {
        Object.assign(status, { read, total });
        if (read - shown >= 10_000 || read === total) {
          shown = read;
          this.logger.log(`statistics rebuild: ${read} / ${total} records`);
        }
      });
      Object.assign(status, { state: 'done', finishedAt: new Date().toISOString(), ...result });
    })().catch((e) => {
      this.logger.error(`statistics rebuild failed: ${(e as Error).message}`);
      Object.assign(status, { state: 'failed', finishedAt: new Date().toISOString(), error: (e as Error).message });
    });
    return status;
  }

  rebuildStatus(): RebuildStatus {
    return this.status;
  }

  /** The figures of every county the caller sees, the total of those, and the demonstration sites against the rest. */
  async figures(caller: Caller, periodText: string, divisionCode?: string) {
    const period = parsePeriod(periodText);
    const visible = areasOf(caller);
    const all = [...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => a.code);
    let areas = visible === 'all' ? all : visible;
    if (divisionCode) areas = areas.filter((a) => a === divisionCode);
    const by = new Map(areas.map((a) => [a, empty()]));
    const args = [at(period.from), at(period.to), areas];
    const q = <T>(sql: string, params: unknown[] = args) => this.dataSource.query(sql, params) as Promise<T[]>;
    const t = (name: string) => this.table(this.dataSource, name);

    for (const r of await q<{ d: string; channel: string; matter: string; industry: string; n: string; green: string; first: string; claimed: string; granted: string }>(
      `SELECT division_code AS d, channel, matter, industry, count(*) AS n, count(*) FILTER (WHERE green_channel) AS green,
         count(*) FILTER (WHERE accept_first) AS first, sum(amount_claimed_fen) AS claimed, count(granted_at) AS granted
       FROM ${t('stat_applications')} WHERE received_at >= $1 AND received_at < $2 AND division_code = ANY($3) GROUP BY 1, 2, 3, 4`)) {
      const f = by.get(r.d)!;
      const n = Number(r.n);
      f.applications += n;
      bump(f.byChannel, r.channel, n);
      bump(f.byMatter, r.matter, n);
      bump(f.byIndustry, r.industry, n);
      f.greenChannel += Number(r.green);
      f.acceptedFirst += Number(r.first);
      f.granted += Number(r.granted);
      f.amountClaimedFen += Number(r.claimed);
    }
    const workers = async (divisions: string[]) =>
      Number((await q<{ n: string }>(`SELECT count(DISTINCT worker_key) AS n FROM ${t('stat_applications')} WHERE received_at >= $1 AND received_at < $2 AND division_code = ANY($3)`, [args[0], args[1], divisions]))[0].n);
    for (const r of await q<{ d: string; n: string }>(
      `SELECT division_code AS d, count(DISTINCT worker_key) AS n FROM ${t('stat_applications')} WHERE received_at >= $1 AND received_at < $2 AND division_code = ANY($3) GROUP BY 1`)) {
      by.get(r.d)!.workersServed = Number(r.n);
    }
    for (const r of await q<{ from_d: string; to_d: string; n: string }>(
      `SELECT split_part(from_center, ':', 2) AS from_d, split_part(to_center, ':', 2) AS to_d, count(*) AS n FROM ${t('stat_transfers')}
       WHERE at >= $1 AND at < $2 AND (split_part(from_center, ':', 2) = ANY($3) OR split_part(to_center, ':', 2) = ANY($3)) GROUP BY 1, 2`)) {
      if (by.has(r.from_d)) by.get(r.from_d)!.transfersOut += Number(r.n);
      if (by.has(r.to_d)) by.get(r.to_d)!.transfersIn += Number(r.n);
    }
    const agency = (f: Figures, type: string) =>
      (f.referrals[type] ??= { received: 0, accepted: 0, declined: 0, returned: 0, resolved: 0, revoked: 0, acceptanceRate: null, clocks: {} });
    for (const r of await q<{ d: string; agency: string; milestone: string; n: string; recovered: string | null; paid: string }>(
      `SELECT division_code AS d, agency_type AS agency, milestone, count(*) AS n, sum(amount_recovered_fen) AS recovered, count(*) FILTER (WHERE payment_confirmed) AS paid
       FROM ${t('stat_referral_milestones')} WHERE at >= $1 AND at < $2 AND division_code = ANY($3) AND milestone <> 'progressed' GROUP BY 1, 2, 3`)) {
      const f = by.get(r.d)!;
      const a = agency(f, r.agency);
      a[r.milestone as 'received'] += Number(r.n);
      if (r.milestone === 'resolved') {
        f.amountRecoveredFen += Number(r.recovered ?? 0);
        f.paymentsConfirmed += Number(r.paid);
      }
    }
    for (const r of await q<{ d: string; agency: string; rule: string; stopped: string; on_time: string }>(
      `SELECT division_code AS d, agency_type AS agency, c ->> 'rule' AS rule, count(*) AS stopped, count(*) FILTER (WHERE (c ->> 'onTime')::boolean) AS on_time
       FROM ${t('stat_referral_milestones')}, jsonb_array_elements(clocks) AS c WHERE at >= $1 AND at < $2 AND division_code = ANY($3) GROUP BY 1, 2, 3`)) {
      agency(by.get(r.d)!, r.agency).clocks[r.rule] = { stopped: Number(r.stopped), onTime: Number(r.on_time), onTimeRate: null };
    }
    for (const r of await q<{ d: string; step: string; n: string; fen: string | null }>(
      `SELECT division_code AS d, step, count(*) AS n, sum(step_amount_fen) AS fen FROM ${t('stat_referral_milestones')}
       WHERE at >= $1 AND at < $2 AND division_code = ANY($3) AND milestone = 'progressed' AND step = ANY($4) GROUP BY 1, 2`, [...args, Object.keys(STEP_FIGURES)])) {
      const p = by.get(r.d)!.procedures;
      const figure = STEP_FIGURES[r.step];
      for (const k of figure.count) p[k] += Number(r.n);
      if (figure.fen) p[figure.fen] += Number(r.fen ?? 0);
    }
    for (const r of await q<{ d: string; kind: string; code: string; n: string }>(
      `SELECT division_code AS d, kind, code, count(*) AS n FROM ${t('stat_aid_decisions')} WHERE at >= $1 AND at < $2 AND division_code = ANY($3) GROUP BY 1, 2, 3`)) {
      const p = by.get(r.d)!.procedures;
      const n = Number(r.n);
      if (r.kind === 'refused') p.refused += n;
      else if (r.kind === 'terminated') p.terminated += n;
      else if (r.kind === 'objection') p.objections += n;
      else if (r.kind === 'objection_decided' && r.code === 'corrected') p.objectionsCorrected += n;
    }
    const acks = new Map<string, number[]>();
    for (const r of await q<{ d: string; level: string; minutes: number | null }>(
      `SELECT division_code AS d, data ->> 'peakLevel' AS level,
         (SELECT extract(epoch FROM min((a ->> 'at')::timestamptz) - first_sent_at) / 60 FROM jsonb_array_elements(data -> 'acknowledgements') AS a) AS minutes
       FROM ${t('desk_alerts')} WHERE first_sent_at >= $1 AND first_sent_at < $2 AND division_code = ANY($3)`)) {
      const f = by.get(r.d)!;
      f.alerts.raised++;
      bump(f.alerts.byLevel, r.level, 1);
      if (r.minutes !== null) {
        f.alerts.acknowledged++;
        acks.set(r.d, [...(acks.get(r.d) ?? []), Math.max(0, Number(r.minutes))]);
      }
    }
    for (const [d, f] of by) f.alerts.medianMinutesToAcknowledge = median(acks.get(d) ?? []);
    // Typical cases count for their quarter (sent within days after it ends): those of the quarters the period overlaps.
    const typicalCases: TypicalCaseRow[] = (await q<{ d: string; quarter: string; title: string; sent_on: string; due_on: string; published_on: string | null }>(
      `SELECT division_code AS d, quarter, title, to_char(sent_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS sent_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
         to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on
       FROM ${t('stat_typical_cases')} WHERE quarter = ANY($1) AND division_code = ANY($2) AND sent_at IS NOT NULL
       ORDER BY quarter, division_code, sent_at`, [quartersOf(period), areas])).map((r) => ({
      divisionCode: r.d, divisionName: serviceAreaName(r.d), quarter: r.quarter, quarterLabel: periodOf(r.quarter)!.label, title: r.title,
      sentOn: r.sent_on, dueOn: r.due_on, onTime: r.sent_on <= r.due_on, publishedOn: r.published_on,
    }));
    for (const c of typicalCases) {
      const f = by.get(c.divisionCode)!.typicalCases;
      f.sent++;
      if (c.onTime) f.onTime++;
      if (c.publishedOn) f.published++;
    }

    const sum = async (divisions: string[]): Promise<Figures> => {
      const s = empty();
      const minutes: number[] = [];
      for (const d of divisions) {
        const f = by.get(d)!;
        for (const k of ['applications', 'greenChannel', 'acceptedFirst', 'granted', 'amountClaimedFen', 'transfersIn', 'transfersOut', 'amountRecoveredFen', 'paymentsConfirmed'] as const) s[k] += f[k];
        for (const k of ['byChannel', 'byMatter', 'byIndustry'] as const) for (const [x, n] of Object.entries(f[k])) bump(s[k], x, n);
        for (const [type, a] of Object.entries(f.referrals)) {
          const t2 = agency(s, type);
          for (const k of ['received', 'accepted', 'declined', 'returned', 'resolved', 'revoked'] as const) t2[k] += a[k];
          for (const [rule, c] of Object.entries(a.clocks)) {
            const sc = (t2.clocks[rule] ??= { stopped: 0, onTime: 0, onTimeRate: null });
            sc.stopped += c.stopped;
            sc.onTime += c.onTime;
          }
        }
        for (const k of ['sent', 'onTime', 'published'] as const) s.typicalCases[k] += f.typicalCases[k];
        for (const k of PROCEDURE_KEYS) s.procedures[k] += f.procedures[k];
        s.alerts.raised += f.alerts.raised;
        s.alerts.acknowledged += f.alerts.acknowledged;
        for (const l of LEVELS) s.alerts.byLevel[l] += f.alerts.byLevel[l] ?? 0;
        minutes.push(...(acks.get(d) ?? []));
      }
      // Workers are counted once across counties: a worker who applied in two counties is one worker served.
      s.workersServed = divisions.length ? await workers(divisions) : 0;
      s.alerts.medianMinutesToAcknowledge = median(minutes);
      return finish(s);
    };
    const finish = (f: Figures): Figures => {
      for (const a of Object.values(f.referrals)) {
        a.acceptanceRate = rate(a.accepted, a.accepted + a.declined);
        for (const c of Object.values(a.clocks)) c.onTimeRate = rate(c.onTime, c.stopped);
      }
      return f;
    };
    const counties = areas.map((d) => ({ divisionCode: d, divisionName: serviceAreaName(d), demonstrationSite: DEMONSTRATION_SITES.includes(d), ...finish(by.get(d)!) }));
    const sites = areas.filter((a) => DEMONSTRATION_SITES.includes(a));
    // Whose figures these are, as a report's title says it.
    const scope = `赣州市${divisionCode ? serviceAreaName(divisionCode) : caller.divisionCode === GANZHOU_CITY_CODE ? '' : serviceAreaName(caller.divisionCode)}`;
    return {
      period: periodText, periodLabel: period.label, from: period.from, to: period.to, scope,
      counties,
      total: await sum(areas),
      demonstration: { sites: await sum(sites), rest: await sum(areas.filter((a) => !sites.includes(a))), ...(await this.intakeByWindows(args)) },
      typicalCases,
      /** The clocks' names, for the on-time rates' headings. */
      clockLabels: CLOCK_LABELS,
    };
  }

  /**
   * What the demonstration windows (offices the directory marks 示范窗口) took in against every other office: the
   * intake figures, the ones an office owns (referrals and alerts belong to the county, not to a window).
   */
  private async intakeByWindows(args: unknown[]) {
    const windows = (await demonstrationOffices(this.dataSource.manager, 'window')).map((o) => o.officeId);
    const rows = await this.dataSource.query(
      `SELECT office_id = ANY($4) AS window, count(*) AS n, count(DISTINCT office_id) AS offices, count(*) FILTER (WHERE green_channel) AS green,
         count(*) FILTER (WHERE accept_first) AS first, count(granted_at) AS granted, sum(amount_claimed_fen) AS claimed, count(DISTINCT worker_key) AS workers
       FROM ${this.table(this.dataSource, 'stat_applications')} WHERE received_at >= $1 AND received_at < $2 AND division_code = ANY($3) GROUP BY 1`,
      [...args, windows],
    ) as { window: boolean; n: string; offices: string; green: string; first: string; granted: string; claimed: string; workers: string }[];
    const intake = (w: boolean) => {
      const r = rows.find((x) => x.window === w);
      return {
        offices: Number(r?.offices ?? 0), applications: Number(r?.n ?? 0), greenChannel: Number(r?.green ?? 0), acceptedFirst: Number(r?.first ?? 0),
        granted: Number(r?.granted ?? 0), amountClaimedFen: Number(r?.claimed ?? 0), workersServed: Number(r?.workers ?? 0),
      };
    };
    return { windows: intake(true), otherOffices: intake(false) };
  }
}
