import { BadRequestException, BeforeApplicationShutdown, ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClockOverdue } from '@yuanlian/contracts';
import type { AgencyType, ClockSnapshot } from '@yuanlian/contracts';
import { schemaOf } from '@yuanlian/database';
import { Outbox } from '@yuanlian/messaging';
import { DataSource, EntityManager, In } from 'typeorm';
import { WorkCalendar } from './calendar';
import { dueDate } from './clock';
import { ClockStatus, StatutoryClock } from './clock.entity';
import { localDate } from './dates';
import { ClockRules } from './rules';

export interface StartClock {
  ruleId: string;
  officeId: string;
  agencyType: AgencyType;
  areaCode: string;
  subjectType: 'application' | 'referral';
  subjectId: string;
  caseId: string;
  at?: Date;
}

/**
 * Statutory clocks kept in the service's schema, changed inside the caller's transaction so a clock moves
 * with the state change that moves it. Overdue clocks are reported once, through the outbox.
 */
@Injectable()
export class ClockService {
  private readonly logger = new Logger(ClockService.name);
  /** Called in the recount's transaction with the subjects whose clocks moved (see onRecount). */
  private readonly recountListeners: ((manager: EntityManager, subjects: { type: string; id: string }[]) => Promise<void>)[] = [];

  constructor(
    private readonly calendar: WorkCalendar,
    private readonly rules: ClockRules,
    private readonly outbox: Outbox,
  ) {}

  async start(manager: EntityManager, s: StartClock): Promise<StatutoryClock> {
    const clock = this.plan(s);
    await manager.insert(StatutoryClock, clock);
    return clock;
  }

  /** The clock `start` would store (its due date counted), without storing it. */
  plan(s: StartClock): StatutoryClock {
    const rule = this.rules.get(s.ruleId, s.areaCode);
    const startedOn = localDate(s.at ?? new Date());
    const { due, provisional } = dueDate({ rule, start: startedOn }, this.calendar);
    const clock = Object.assign(new StatutoryClock(), {
      id: randomUUID(), ruleId: s.ruleId, officeId: s.officeId, agencyType: s.agencyType, areaCode: s.areaCode,
      subjectType: s.subjectType, subjectId: s.subjectId, caseId: s.caseId, startedOn, dueOn: due, provisional,
      status: 'running' as ClockStatus, pauses: [], extensions: [], overdueAt: null, stoppedAt: null, stopReason: null,
    });
    return clock;
  }

  /** Awaiting materials: the days until resume do not count. */
  async pause(manager: EntityManager, subjectId: string, at = new Date()): Promise<StatutoryClock[]> {
    return this.update(manager, subjectId, ['running'], (c) => {
      c.pauses = [...c.pauses, { from: localDate(at) }];
      c.status = 'paused';
    });
  }

  async resume(manager: EntityManager, subjectId: string, at = new Date()): Promise<StatutoryClock[]> {
    return this.update(manager, subjectId, ['paused'], (c) => {
      const open = c.pauses[c.pauses.length - 1];
      c.pauses = [...c.pauses.slice(0, -1), { from: open.from, to: localDate(at) < open.from ? open.from : localDate(at) }];
      c.status = 'running';
    });
  }

  /** Whether a clock may be extended by `days` (the officer's request is checked as the supervisor's approval will be). */
  async checkExtension(manager: EntityManager, subjectId: string, ruleId: string, days: number): Promise<StatutoryClock> {
    const [clock] = await manager.find(StatutoryClock, { where: { subjectId, ruleId, status: In(['running', 'paused']) }, lock: { mode: 'pessimistic_write' } });
    if (!clock) throw new ConflictException('该期限未在计时，不能延长');
    const rule = this.rules.get(ruleId, clock.areaCode);
    const used = clock.extensions.reduce((n, e) => n + e.days, 0);
    if (!rule.extensionDays) throw new BadRequestException(`“${rule.label}”期限依法不能延长`);
    if (used + days > rule.extensionDays) throw new BadRequestException(`“${rule.label}”最多可延长${rule.extensionDays}日，已延长${used}日`);
    return clock;
  }

  /** An approved extension, within what the rule allows. */
  async extend(manager: EntityManager, subjectId: string, ruleId: string, ext: { days: number; approvedBy: string; reason: string }): Promise<StatutoryClock> {
    const clock = await this.checkExtension(manager, subjectId, ruleId, ext.days);
    clock.extensions = [...clock.extensions, { ...ext, at: new Date().toISOString() }];
    this.recompute(clock);
    if (clock.dueOn && clock.overdueAt && clock.dueOn >= localDate(new Date())) clock.overdueAt = null;
    await manager.save(clock);
    return clock;
  }

  /** Stops every clock of the subject (or just one rule's) that is still counting. */
  async stop(manager: EntityManager, subjectId: string, reason: string, ruleId?: string, at = new Date()): Promise<StatutoryClock[]> {
    return this.update(manager, subjectId, ['running', 'paused'], (c) => {
      c.status = 'stopped';
      c.stoppedAt = at;
      c.stopReason = reason;
    }, ruleId);
  }

  async forSubject(manager: EntityManager, subjectId: string): Promise<StatutoryClock[]> {
    return manager.find(StatutoryClock, { where: { subjectId }, order: { createdAt: 'ASC' } });
  }

  snapshot(clock: StatutoryClock): ClockSnapshot {
    return { rule: clock.ruleId, ...(clock.dueOn ? { dueOn: clock.dueOn } : {}), provisional: clock.provisional, status: clock.status };
  }

  view(clock: StatutoryClock, today = localDate(new Date())) {
    const rule = this.rules.get(clock.ruleId, clock.areaCode);
    const overdue = clock.status === 'running' && !!clock.dueOn && clock.dueOn < today;
    return {
      id: clock.id,
      rule: clock.ruleId,
      label: rule.label,
      basis: rule.unconfirmed ? `${rule.basis}（待核实）` : rule.basis,
      party: rule.party ?? 'office',
      extensionDays: rule.extensionDays ?? 0,
      extendedDays: clock.extensions.reduce((n, e) => n + e.days, 0),
      unit: rule.unit,
      days: rule.days,
      startedOn: clock.startedOn,
      dueOn: clock.dueOn,
      provisional: clock.provisional,
      status: clock.status,
      overdue,
      extensions: clock.extensions,
      pauses: clock.pauses,
      stoppedAt: clock.stoppedAt,
      stopReason: clock.stopReason,
    };
  }

  /** Reports clocks that ran out before `now` (once each); returns how many. */
  async sweep(dataSource: DataSource, now = new Date()): Promise<number> {
    return dataSource.transaction(async (manager) => {
      const due: StatutoryClock[] = await manager
        .createQueryBuilder(StatutoryClock, 'c')
        .where(`c.status = 'running' AND c.overdue_at IS NULL AND c.due_on < :today`, { today: localDate(now) })
        .orderBy('c.due_on')
        .limit(500)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!due.length) return 0;
      await manager.update(StatutoryClock, { id: In(due.map((c) => c.id)) }, { overdueAt: now });
      // The worker's own periods (limitation, the days to sue) run out on the case, not as the office's delay.
      const reported = due.filter((c) => this.rules.get(c.ruleId, c.areaCode).party !== 'worker');
      await this.outbox.publishAll(
        manager,
        reported.map((c) => {
          const rule = this.rules.get(c.ruleId, c.areaCode);
          return {
            definition: ClockOverdue,
            payload: {
              clockId: c.id, rule: c.ruleId, ruleLabel: rule.label, basis: rule.basis, officeId: c.officeId,
              agencyType: c.agencyType as AgencyType, divisionCode: c.areaCode, subjectType: c.subjectType,
              subjectId: c.subjectId, caseId: c.caseId, startedOn: c.startedOn, dueOn: c.dueOn!, provisional: c.provisional,
            },
          };
        }),
      );
      this.logger.warn(`${due.length} statutory clock(s) overdue, ${reported.length} reported to supervision`);
      return due.length;
    });
  }

  /**
   * Recounts, with the calendar as it now is, every running clock whose due date falls in or after `year` (the only ones
   * that year's days can move), once per version of that year's notice: several instances or a replay of the topic find
   * the version already applied and change nothing. Each due date that moved or stopped being provisional is recorded for
   * its office. Returns how many clocks changed (null when this version was already applied).
   */
  /**
   * What else a recount must move: a row that keeps a subject's nearest due date (the inbox's `next_due_on`, by which the
   * list is ordered and marked overdue) is set again from the subject's running clocks. Called after the recount has
   * committed, outside its transaction: the recount locks clocks and then would lock those rows, while an action on a
   * referral locks its row and then its clocks — in one transaction the two orders could deadlock.
   */
  onRecount(listener: (manager: EntityManager, subjects: { type: string; id: string }[]) => Promise<void>): void {
    this.recountListeners.push(listener);
  }

  async recountForYear(dataSource: DataSource, notice: { year: string; version: number; noticeNo: string }): Promise<number | null> {
    const moved = new Map<string, { type: string; id: string }>();
    const changed = await dataSource.transaction(async (manager) => {
      const schema = `"${schemaOf(manager)}"`;
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}|calendar|${notice.year}`]);
      const [applied] = await manager.query(`SELECT version FROM ${schema}.clock_calendar_versions WHERE year = $1`, [notice.year]);
      if (applied && applied.version >= notice.version) return null;
      const clocks = await manager
        .createQueryBuilder(StatutoryClock, 'c')
        .where(`c.status = 'running' AND c.due_on >= :first`, { first: `${notice.year}-01-01` })
        .setLock('pessimistic_write')
        .getMany();
      const today = localDate(new Date());
      let changed = 0;
      for (const c of clocks) {
        const before = { dueOn: c.dueOn, provisional: c.provisional };
        this.recompute(c);
        if (c.dueOn === before.dueOn && c.provisional === before.provisional) continue;
        if (c.overdueAt && c.dueOn && c.dueOn >= today) c.overdueAt = null;
        await manager.save(c);
        await manager.query(
          `INSERT INTO ${schema}.clock_changes (id, clock_id, rule_id, office_id, subject_type, subject_id, case_id, calendar_year, calendar_version, notice_no,
             old_due_on, new_due_on, old_provisional, new_provisional)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
          [randomUUID(), c.id, c.ruleId, c.officeId, c.subjectType, c.subjectId, c.caseId, notice.year, notice.version, notice.noticeNo, before.dueOn, c.dueOn, before.provisional, c.provisional],
        );
        changed++;
        moved.set(`${c.subjectType}|${c.subjectId}`, { type: c.subjectType, id: c.subjectId });
      }
      await manager.query(
        `INSERT INTO ${schema}.clock_calendar_versions (year, version, notice_no, clocks_changed) VALUES ($1, $2, $3, $4)
         ON CONFLICT (year) DO UPDATE SET version = EXCLUDED.version, notice_no = EXCLUDED.notice_no, clocks_changed = EXCLUDED.clocks_changed, applied_at = now()`,
        [notice.year, notice.version, notice.noticeNo, changed],
      );
      this.logger.log(`calendar ${notice.year} v${notice.version} (${notice.noticeNo}): ${changed} of ${clocks.length} running clock(s) reaching into it recounted`);
      return changed;
    });
    for (const listener of this.recountListeners) {
      // Not undone by a failure here: the clocks have moved; the row is set again by the referral's next action.
      await listener(dataSource.manager, [...moved.values()]).catch((e) => this.logger.warn(`after the recount of ${notice.year}: ${(e as Error).message}`));
    }
    return changed;
  }

  /** The office's due dates the calendar's notices moved or confirmed, newest first. */
  async calendarChanges(dataSource: DataSource, officeId: string, limit = 100) {
    const schema = `"${schemaOf(dataSource.manager)}"`;
    const rows: { id: string; clock_id: string; rule_id: string; subject_type: string; subject_id: string; case_id: string; calendar_year: string; calendar_version: number; notice_no: string; old_due_on: string | null; new_due_on: string | null; old_provisional: boolean; new_provisional: boolean; changed_at: Date; area_code: string }[] =
      await dataSource.query(
        `SELECT x.id, x.clock_id, x.rule_id, x.subject_type, x.subject_id, x.case_id, x.calendar_year, x.calendar_version, x.notice_no,
                to_char(x.old_due_on, 'YYYY-MM-DD') AS old_due_on, to_char(x.new_due_on, 'YYYY-MM-DD') AS new_due_on,
                x.old_provisional, x.new_provisional, x.changed_at, c.area_code
         FROM ${schema}.clock_changes x JOIN ${schema}.clocks c ON c.id = x.clock_id
         WHERE x.office_id = $1 ORDER BY x.changed_at DESC, x.new_due_on LIMIT $2`,
        [officeId, limit],
      );
    return rows.map((r) => ({
      id: r.id, clockId: r.clock_id, rule: r.rule_id, label: this.rules.get(r.rule_id, r.area_code).label, subjectType: r.subject_type, subjectId: r.subject_id,
      caseId: r.case_id, calendarYear: r.calendar_year, calendarVersion: r.calendar_version, noticeNo: r.notice_no,
      oldDueOn: r.old_due_on, newDueOn: r.new_due_on, moved: r.old_due_on !== r.new_due_on, oldProvisional: r.old_provisional, newProvisional: r.new_provisional,
      changedAt: r.changed_at.toISOString(),
    }));
  }

  private recompute(c: StatutoryClock) {
    const rule = this.rules.get(c.ruleId, c.areaCode);
    const extendedDays = c.extensions.reduce((n, e) => n + e.days, 0);
    const { due, provisional } = dueDate({ rule, start: c.startedOn, pauses: c.pauses, extendedDays }, this.calendar);
    c.dueOn = due;
    c.provisional = provisional;
  }

  private async update(
    manager: EntityManager,
    subjectId: string,
    statuses: ClockStatus[],
    change: (c: StatutoryClock) => void,
    ruleId?: string,
  ): Promise<StatutoryClock[]> {
    const clocks = await manager.find(StatutoryClock, {
      where: { subjectId, status: In(statuses), ...(ruleId ? { ruleId } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const c of clocks) {
      change(c);
      this.recompute(c);
      // A clock reported overdue and then paused and resumed may run out again: report it again then.
      if (c.overdueAt && (c.dueOn === null || c.dueOn >= localDate(new Date()))) c.overdueAt = null;
      await manager.save(c);
    }
    return clocks;
  }
}

/** Looks for overdue clocks every CLOCK_SWEEP_MS (60 s by default; `off` disables it). */
@Injectable()
export class ClockSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger(ClockSweeper.name);

  constructor(
    private readonly clocks: ClockService,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap() {
    const every = process.env.CLOCK_SWEEP_MS ?? '60000';
    if (every === 'off') return;
    this.timer = setInterval(() => {
      this.clocks.sweep(this.dataSource).catch((e) => this.logger.warn(`clock sweep failed: ${(e as Error).message}`));
    }, Number(every));
  }

  beforeApplicationShutdown() {
    clearInterval(this.timer);
  }
}
