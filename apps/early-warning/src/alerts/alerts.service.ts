import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AGENCY_TYPE_NAMES, ALERT_LEVELS, AlertIssued, CAP_SEVERITY, GANZHOU_CITY_CODE, officeId as officeIdOf,
} from '@yuanlian/contracts';
import type {
  AgencyType, AlertAcknowledgedV1, AlertAssignedV1, AlertClosedV1, AlertDeskType, AlertLevel, AlertV1, Industry, ObservationV1, SubjectKind,
} from '@yuanlian/contracts';
import { addDays } from '@yuanlian/deadlines';
import { OfficeIndex } from '@yuanlian/directory';
import { serviceAreaName } from '@yuanlian/identity';
import { InboxContext, NonRetriableError, Outbox } from '@yuanlian/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { aggregate, evaluate, higherLevel, levelRank, troubledSitesOnly } from '../rules/evaluate';
import type { ObservationFact } from '../rules/evaluate';
import { RulesService } from '../rules/rules.service';
import { Alert } from './alert.entity';
import { schemaOf } from '@yuanlian/database';

interface SubjectRow {
  subject_key: string;
  kind: SubjectKind;
  label: string;
  division_code: string;
  industry: Industry;
  employer_credit_code: string;
  general_contractor_credit_code: string | null;
  government_funded: boolean;
  last_day: string;
}

const LEVEL_WORD = (l: AlertLevel) => ALERT_LEVELS[l].slice(0, 2);

/** The desks that must acknowledge in time, or the alert escalates to the city. */
const REQUIRED_DESK_TYPES: readonly AgencyType[] = ['command', 'labor-inspection'];

/**
 * The alert lifecycle (after OASIS CAP 1.2): raised when a subject's rules reach the configured level, updated on
 * new evidence and level changes, acknowledged by each desk, assigned, escalated when not acknowledged in time,
 * resolved when the arrears are paid or the signals are gone. One live alert per subject.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly rules: RulesService,
    private readonly directory: OfficeIndex,
  ) {}

  onApplicationBootstrap() {
    const every = Number(process.env.EW_ESCALATION_SWEEP_MS ?? 30_000);
    if (every > 0) {
      this.timer = setInterval(() => {
        this.sweeping ??= this.escalate().then(() => undefined, (e) => this.logger.warn(`escalation sweep failed: ${(e as Error).message}`)).finally(() => (this.sweeping = undefined));
      }, every);
    }
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Stage two: store the observation, recompute the subject's figures as of its latest day, move its alert. */
  async observe(p: ObservationV1, ctx: InboxContext): Promise<void> {
    const m = ctx.manager;
    const s = this.schema(m);
    await m.query(
      `INSERT INTO ${s}.observations (subject_key, kind, day, worker_key, workers, amount_fen, months_missed, count, channel, site, office_id, source_agency_type, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (subject_key, source_event_id) DO NOTHING`,
      [p.subjectKey, p.kind, p.day, p.workerKey ?? null, p.workers, p.amountFen, p.monthsMissed, p.count, p.channel ?? null,
        p.projectName ?? null, p.officeId ?? null, p.sourceAgencyType, p.sourceEventId],
    );
    const [subject]: SubjectRow[] = await m.query(
      `INSERT INTO ${s}.subjects (subject_key, kind, label, division_code, industry, employer_credit_code, general_contractor_credit_code, government_funded, last_day)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (subject_key) DO UPDATE SET label = EXCLUDED.label,
         general_contractor_credit_code = COALESCE(EXCLUDED.general_contractor_credit_code, subjects.general_contractor_credit_code),
         government_funded = subjects.government_funded OR EXCLUDED.government_funded,
         industry = CASE WHEN subjects.industry = 'other' THEN EXCLUDED.industry ELSE subjects.industry END,
         last_day = GREATEST(subjects.last_day, EXCLUDED.last_day)
       RETURNING subject_key, kind, label, division_code, industry, employer_credit_code, general_contractor_credit_code, government_funded, last_day::text`,
      [p.subjectKey, p.subjectKind, p.subjectLabel, p.divisionCode, p.industry, p.employerCreditCode, p.generalContractorCreditCode ?? null,
        p.governmentFunded ?? false, p.day],
    );
    await this.reevaluate(m, subject, { eventId: p.sourceEventId, publishedAt: p.sourcePublishedAt });
  }

  private async reevaluate(m: EntityManager, subject: SubjectRow, trigger: { eventId: string; publishedAt: string }) {
    const s = this.schema(m);
    const asOf = subject.last_day;
    const t = await this.rules.forDivision(subject.division_code, m);
    const rows: (Omit<ObservationFact, 'amountFen'> & { amountFen: string })[] = await m.query(
      `SELECT kind, day::text AS day, worker_key AS "workerKey", workers, amount_fen AS "amountFen", months_missed AS "monthsMissed", count,
              channel, site, source_agency_type AS "sourceAgencyType", office_id AS "officeId"
       FROM ${s}.observations WHERE subject_key = $1 AND day > $2 AND day <= $3 ORDER BY day, id`,
      [subject.subject_key, addDays(asOf, -t.windowDays), asOf],
    );
    const all = rows.map((r) => ({ ...r, amountFen: Number(r.amountFen) }));
    const facts = subject.kind === 'chain' ? troubledSitesOnly(all, asOf, t) : all;
    const [{ repeat }] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM ${s}.credit_records WHERE employer_credit_code = $1 AND listed_on > $2)
           OR EXISTS (SELECT 1 FROM ${s}.alerts WHERE subject_key = $3 AND status = 'resolved' AND peak_level IN ('orange', 'red') AND raised_on > $2) AS repeat`,
      [subject.kind === 'chain' ? subject.general_contractor_credit_code : subject.employer_credit_code, addDays(asOf, -730), subject.subject_key],
    );
    const figures = aggregate(facts, asOf, t);
    const result = evaluate(figures, { kind: subject.kind, governmentFunded: subject.government_funded, repeatOffender: repeat }, t);
    const live = await m.findOne(Alert, { where: { subjectKey: subject.subject_key, status: 'live' }, lock: { mode: 'pessimistic_write' } });
    const explanation = {
      rules: result.rules,
      amplifiers: result.amplifiers,
      figures: {
        workers: figures.workers, workersBasis: figures.workersBasis, ...(figures.usualOpenClaims ? { usualOpenClaims: figures.usualOpenClaims } : {}),
        workersPaid: figures.workersPaid, outstandingFen: figures.outstandingFen, monthsInArrears: figures.monthsInArrears,
        complaints: figures.complaints, channels: figures.channels, sites: figures.sites, signals: figures.signals,
        ...(figures.daysToSpringFestival !== undefined ? { daysToSpringFestival: figures.daysToSpringFestival } : {}),
      },
      signals: figures.recent,
    };
    const alertSubject = {
      kind: subject.kind, key: subject.subject_key, label: subject.label, divisionCode: subject.division_code, industry: subject.industry,
      governmentFunded: subject.government_funded, repeatOffender: repeat,
    };
    const desks = this.desksFor(subject, facts.map((f) => f.officeId).filter((o): o is string => !!o));
    const reaches = result.level !== null && levelRank(result.level) >= levelRank(t.raiseAt);

    if (!live) {
      if (!reaches || figures.settled) return;
      const level = result.level!;
      const alert = Object.assign(new Alert(), {
        id: randomUUID(), subjectKey: subject.subject_key, status: 'live', statusReason: null, level, peakLevel: level, sequence: 1,
        divisionCode: subject.division_code, subject: alertSubject, explanation, desks, acknowledgements: [], assignedTo: null, escalations: 0,
        escalatedAt: null, references: await this.related(m, subject), raisedOn: asOf, levelSince: asOf,
        severeSince: levelRank(level) >= levelRank('orange') ? asOf : null, asOf, levelChangedAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
      } satisfies Alert);
      await m.insert(Alert, alert);
      await this.publish(m, alert, `发布${LEVEL_WORD(level)}预警：${subject.label}`, trigger);
      return;
    }

    if (figures.settled || !reaches) {
      const reason = figures.settled ? '欠薪已支付，预警解除' : `观察期内已无达到${LEVEL_WORD(t.raiseAt)}等级的预警信号`;
      Object.assign(live, { status: 'resolved', statusReason: reason, explanation, subject: alertSubject, asOf });
      await this.save(m, live, reason, trigger);
      return;
    }
    const level = result.level!;
    const changes: string[] = [];
    if (level !== live.level) {
      changes.push(`${levelRank(level) > levelRank(live.level) ? '升级' : '降级'}为${LEVEL_WORD(level)}预警`);
      Object.assign(live, {
        level, levelSince: asOf, levelChangedAt: new Date(), peakLevel: higherLevel(live.peakLevel, level)!,
        severeSince: live.severeSince ?? (levelRank(level) >= levelRank('orange') ? asOf : null),
      });
    }
    const newDesks = desks.filter((d) => !live.desks.includes(d));
    if (newDesks.length) changes.push(`新增接收单位 ${newDesks.length} 个`);
    if (JSON.stringify(explanation.figures) !== JSON.stringify(live.explanation.figures) || JSON.stringify(explanation.rules) !== JSON.stringify(live.explanation.rules)) {
      changes.push('新增证据');
    }
    if (!changes.length) return;
    Object.assign(live, { explanation, subject: alertSubject, desks: [...live.desks, ...newDesks], asOf, references: await this.related(m, subject) });
    await this.save(m, live, changes.join('；'), trigger);
  }

  async acknowledged(p: AlertAcknowledgedV1, ctx: InboxContext) {
    await this.act(ctx, p.alertId, p.officeId, async (alert) => {
      if (alert.acknowledgements.some((a) => a.officeId === p.officeId)) return null;
      alert.acknowledgements = [...alert.acknowledgements, { officeId: p.officeId, by: p.by, at: p.at }];
      return `${this.officeName(p.officeId)}已签收`;
    });
  }

  async assigned(p: AlertAssignedV1, ctx: InboxContext) {
    await this.act(ctx, p.alertId, p.officeId, async (alert) => {
      if (ctx.envelope.source !== 'command') throw new NonRetriableError('only the political-legal committee assigns alerts');
      if (alert.status !== 'live') return null;
      alert.assignedTo = p.assignedTo;
      if (!alert.desks.includes(p.assignedTo)) alert.desks = [...alert.desks, p.assignedTo];
      return `交办${this.officeName(p.assignedTo)}处置${p.note ? `：${p.note}` : ''}`;
    });
  }

  async closed(p: AlertClosedV1, ctx: InboxContext) {
    await this.act(ctx, p.alertId, p.officeId, async (alert) => {
      if (ctx.envelope.source !== 'command') throw new NonRetriableError('only the political-legal committee closes alerts');
      if (alert.status !== 'live') return null;
      Object.assign(alert, { status: p.status, statusReason: p.reason });
      return `${p.status === 'resolved' ? '已化解' : '已撤销'}：${p.reason}`;
    });
  }

  /** Escalates live alerts a required desk has not acknowledged within the level's time; safe on several instances. */
  async escalate(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const candidates = await m
        .createQueryBuilder(Alert, 'a')
        .where("a.status = 'live'")
        .andWhere('(a.escalated_at IS NULL OR a.escalated_at < a.level_changed_at)')
        .orderBy('a.level_changed_at')
        .limit(500)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let escalated = 0;
      for (const alert of candidates) {
        const t = await this.rules.forDivision(alert.divisionCode, m);
        const minutes = t.ackWithinMinutes[alert.level];
        if (now.getTime() - alert.levelChangedAt.getTime() < minutes * 60_000) continue;
        const missing = alert.desks.filter((d) => REQUIRED_DESK_TYPES.includes(d.split(':')[0] as AgencyType) && !d.endsWith(`:${GANZHOU_CITY_CODE}`))
          .filter((d) => !alert.acknowledgements.some((a) => a.officeId === d));
        if (!missing.length) continue;
        const city = officeIdOf('command', GANZHOU_CITY_CODE);
        Object.assign(alert, { escalations: alert.escalations + 1, escalatedAt: now, desks: alert.desks.includes(city) ? alert.desks : [...alert.desks, city] });
        await this.save(m, alert, `${missing.map((d) => this.officeName(d)).join('、')}未在 ${minutes} 分钟内签收，已升级报市委政法委督办`);
        escalated++;
      }
      return escalated;
    });
  }

  private async act(ctx: InboxContext, alertId: string, officeId: string, change: (a: Alert) => Promise<string | null>) {
    const alert = await ctx.manager.findOne(Alert, { where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
    if (!alert) throw new NonRetriableError(`unknown alert ${alertId}`);
    const officeType = officeId.split(':')[0];
    // The housing bureau's desk works through the committee's service until it has its own.
    const sourceMayActFor = officeType === ctx.envelope.source || (officeType === 'housing' && ctx.envelope.source === 'command');
    if (!sourceMayActFor) throw new NonRetriableError(`${ctx.envelope.source} may not act for ${officeId}`);
    if (!alert.desks.includes(officeId)) throw new NonRetriableError(`${officeId} is not a desk of alert ${alertId}`);
    const text = await change(alert);
    if (text) await this.save(ctx.manager, alert, text, undefined, ctx);
  }

  private async save(m: EntityManager, alert: Alert, change: string, trigger?: { eventId: string; publishedAt: string }, ctx?: InboxContext) {
    alert.sequence++;
    alert.updatedAt = new Date();
    await m.save(alert);
    await this.publish(m, alert, change, trigger, ctx);
  }

  /** One copy per desk type, each on that type's topic. */
  private async publish(m: EntityManager, alert: Alert, change: string, trigger?: { eventId: string; publishedAt: string }, ctx?: InboxContext) {
    const deskTypes = [...new Set(alert.desks.map((d) => d.split(':')[0] as AlertDeskType))];
    const base: Omit<AlertV1, 'deskType'> = {
      alertId: alert.id, sequence: alert.sequence, msgType: alert.sequence === 1 ? 'Alert' : alert.status === 'live' ? 'Update' : 'Cancel',
      status: alert.status, ...(alert.statusReason ? { statusReason: alert.statusReason } : {}), level: alert.level, severity: CAP_SEVERITY[alert.level],
      peakLevel: alert.peakLevel, change: change.slice(0, 300), subject: alert.subject, desks: alert.desks, acknowledgements: alert.acknowledgements,
      ...(alert.assignedTo ? { assignedTo: alert.assignedTo } : {}), escalations: alert.escalations, explanation: alert.explanation,
      references: alert.references, raisedOn: alert.raisedOn, levelSince: alert.levelSince,
      ...(alert.severeSince ? { severeSince: alert.severeSince } : {}), asOf: alert.asOf,
      ...(trigger ? { triggerEventId: trigger.eventId, triggerPublishedAt: trigger.publishedAt } : {}), sentAt: new Date().toISOString(),
    };
    await this.outbox.publishAll(m, deskTypes.map((deskType) => ({
      definition: AlertIssued, payload: { deskType, ...base }, options: ctx ? { causedBy: ctx.envelope } : undefined,
    })));
  }

  /** Routing: both committees, the county's inspection and union, housing for construction, the legal aid centers holding cases. */
  private desksFor(subject: SubjectRow, legalAidOffices: string[]): string[] {
    const area = subject.division_code;
    const types: AgencyType[] = ['command', 'labor-inspection', 'union', ...(subject.industry === 'construction' || subject.kind !== 'employer' ? ['housing' as const] : [])];
    const desks = types.map((type) => this.directory.serving(type, area)?.officeId ?? officeIdOf(type, area));
    desks.push(officeIdOf('command', GANZHOU_CITY_CODE));
    return [...new Set([...desks, ...legalAidOffices])];
  }

  /** A chain's alert references its sites' live alerts; a site's alert references its chain's. */
  private async related(m: EntityManager, subject: SubjectRow): Promise<string[]> {
    if (!subject.general_contractor_credit_code) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT a.id FROM ${this.schema(m)}.alerts a JOIN ${this.schema(m)}.subjects s ON s.subject_key = a.subject_key
       WHERE a.status = 'live' AND s.general_contractor_credit_code = $1 AND s.kind = $2 AND a.subject_key <> $3 ORDER BY a.created_at LIMIT 50`,
      [subject.general_contractor_credit_code, subject.kind === 'chain' ? 'site' : 'chain', subject.subject_key],
    );
    return rows.map((r) => r.id);
  }

  private officeName(officeId: string): string {
    const known = this.directory.get(officeId);
    if (known) return known.name;
    const [type, area] = officeId.split(':');
    return `${serviceAreaName(area)}${AGENCY_TYPE_NAMES[type as AgencyType] ?? type}`;
  }

  private schema(m: EntityManager) {
    return `"${schemaOf(m)}"`;
  }
}
