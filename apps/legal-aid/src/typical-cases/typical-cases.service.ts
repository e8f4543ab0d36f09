import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE, INDUSTRIES, TypicalCaseReported } from '@yuanlian/contracts';
import type { TypicalCaseMilestoneKind } from '@yuanlian/contracts';
import { ClockRules, dayInChinese, localDate, periodOf, quarterOf, shiftQuarter, WorkCalendar } from '@yuanlian/deadlines';
import { describeFinding, GANZHOU_COUNTIES, GANZHOU_ZONES, scanPersonalData, serviceAreaName } from '@yuanlian/identity';
import type { Finding } from '@yuanlian/identity';
import { Outbox } from '@yuanlian/messaging';
import { fieldError, invalidFields } from '@yuanlian/runtime';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Application } from '../applications/application.entity';
import { Referral } from '../referrals/referral.entity';
import { draftTypicalCase, knownPersonalData } from './draft';
import { amountRange, generalizeText, headcountRange, industryGroup } from './generalize';
import { libraryPdf } from './library-pdf';
import { DUTY_MAX_PER_QUARTER, DUTY_STATUSES, dutyDue, dutyStatus, openQuarter, reminderKind } from './duty';
import type { DutyStatus } from './duty';
import { DutyReminder, REMINDER_KINDS, TYPICAL_CASE_SECTIONS, TYPICAL_CASE_STATUSES, TypicalCase, TypicalCaseEvent } from './typical-case.entity';
import type { ReminderKind, TypicalCaseSection } from './typical-case.entity';
import type { EditTypicalCaseInput, LibraryQuery, ProposeTypicalCaseInput, TypicalCaseListQuery } from './typical-case.dto';

/** Every county and functional zone: each has a legal aid center with the quarterly duty. */
export const DUTY_AREAS = [...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => a.code);

const isCity = (caller: Caller) => caller.divisionCode === GANZHOU_CITY_CODE;
const EDITABLE_FIELDS = ['title', ...Object.keys(TYPICAL_CASE_SECTIONS)] as ('title' | TypicalCaseSection)[];

/** What the caller may do with a typical case now (the portal shows these buttons, the service enforces them). */
export function allowedActions(caller: Caller, tc: TypicalCase) {
  const own = tc.agencyId === caller.agencyId;
  const head = caller.roles.includes('supervisor');
  const cityHead = isCity(caller) && head;
  const drafting = tc.status === 'draft' || tc.status === 'returned';
  return {
    edit: (drafting && own) || (tc.status === 'county_review' && own && head) || (tc.status === 'city_review' && cityHead),
    submit: drafting && own,
    approve: (tc.status === 'county_review' && own && head) || (tc.status === 'city_review' && cityHead),
    return: (tc.status === 'county_review' && own && head) || (tc.status === 'city_review' && cityHead),
  };
}

/** Today, in China. */
const today = () => localDate(new Date());

@Injectable()
export class TypicalCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: ClockRules,
    private readonly calendar: WorkCalendar,
    private readonly outbox: Outbox,
  ) {}

  /** A county's center proposes one of its closed cases; the draft is written from it with personal data taken out. */
  async propose(caller: Caller, input: ProposeTypicalCaseInput): Promise<TypicalCase> {
    if (isCity(caller)) throw new ForbiddenException('典型案例由县（市、区）法律援助中心从本中心已结案件中推荐');
    const quarter = input.quarter ?? openQuarter(today(), caller.divisionCode, this.rules, this.calendar);
    if (quarter > quarterOf(today())) throw fieldError('quarter', '不能为尚未开始的季度报送典型案例');
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id: input.applicationId, agencyId: caller.agencyId } });
      if (!application) throw new NotFoundException('未找到该案件');
      if (application.status !== 'closed') throw new ConflictException('只有已结案的案件可以推荐为典型案例');
      if (await manager.exists(TypicalCase, { where: { applicationId: application.id } })) throw new ConflictException('该案件已被推荐为典型案例');
      const referrals = await manager.find(Referral, { where: { applicationId: application.id } });
      const draft = draftTypicalCase(application, referrals);
      const now = new Date();
      const tc = manager.create(TypicalCase, {
        id: randomUUID(), applicationId: application.id, agencyId: caller.agencyId, divisionCode: application.divisionCode, quarter,
        status: 'draft', ...draft, matter: application.matter, industry: application.industry, workersAffected: application.workersAffected,
        amountClaimedFen: application.amountOwedFen, version: 1, proposedBy: caller.sub, proposedAt: now, sentAt: null, publishedAt: null,
        returnNote: null, updatedAt: now,
      });
      // The draft must pass the same check as every later edit.
      this.refuseCertain(tc, application);
      // Two proposals of one case at once: the unique index lets one in.
      await manager.insert(TypicalCase, tc).catch((e) => {
        if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictException('该案件已被推荐为典型案例');
        throw e;
      });
      await this.record(manager, tc.id, caller, 'proposed', `从已结案件起草（${periodOf(quarter)?.label ?? quarter}）`);
      return tc;
    });
  }

  /** Typical cases the caller works on: the own center's, or every county's for the city's center. */
  async list(caller: Caller, q: TypicalCaseListQuery) {
    const qb = this.dataSource.getRepository(TypicalCase).createQueryBuilder('t').orderBy('t.updated_at', 'DESC').take(q.limit ?? 50).skip(q.offset ?? 0);
    if (!isCity(caller)) qb.andWhere('t.agency_id = :agency', { agency: caller.agencyId });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.quarter) qb.andWhere('t.quarter = :quarter', { quarter: q.quarter });
    if (q.divisionCode) qb.andWhere('t.division_code = :division', { division: q.divisionCode });
    const [items, total] = await qb.getManyAndCount();
    return { items: items.map((t) => ({ ...this.summary(t), actions: allowedActions(caller, t) })), total };
  }

  /** One typical case with its history, the warnings its text still raises and what the caller may do. */
  async get(caller: Caller, id: string) {
    const tc = await this.visible(this.dataSource.manager, caller, id);
    const [events, application] = await Promise.all([
      this.dataSource.getRepository(TypicalCaseEvent).find({ where: { typicalCaseId: id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(Application).findOneByOrFail({ id: tc.applicationId }),
    ]);
    return {
      ...this.summary(tc),
      ...(tc.agencyId === caller.agencyId ? { applicationId: tc.applicationId } : {}),
      facts: tc.facts, handling: tc.handling, result: tc.result, significance: tc.significance,
      returnNote: tc.returnNote,
      warnings: this.findings(tc, application).filter((f) => !f.finding.certain).map((f) => ({ field: f.field, message: describeFinding(f.finding) })),
      actions: allowedActions(caller, tc),
      history: events.map((e) => ({ action: e.action, byName: e.byName, byAgency: e.byAgency, note: e.note, at: e.at })),
    };
  }

  /** Saves an edit made on `version`; refused while the text holds personal data of the case or shaped like it. */
  async edit(caller: Caller, id: string, input: EditTypicalCaseInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const tc = await this.lock(manager, caller, id);
      if (!allowedActions(caller, tc).edit) throw new ConflictException(`典型案例“${TYPICAL_CASE_STATUSES[tc.status]}”，您不能修改`);
      if (tc.version !== input.version) throw new ConflictException('该典型案例已被他人修改，请刷新后再编辑');
      for (const f of EDITABLE_FIELDS) if (input[f] !== undefined) (tc[f] as string) = input[f]!.trim();
      if (input.keywords) tc.keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
      const application = await manager.findOneByOrFail(Application, { id: tc.applicationId });
      this.refuseCertain(tc, application);
      tc.version++;
      tc.updatedAt = new Date();
      await manager.save(tc);
      await this.record(manager, id, caller, 'edited', input.note ?? null);
    });
  }

  /** The drafters send it to their county's head. */
  async submit(caller: Caller, id: string): Promise<void> {
    await this.transition(caller, id, 'submit', (tc) => {
      tc.status = 'county_review';
      return '提交县级审核';
    });
  }

  /**
   * The county's head sends it to the city (this is what the quarterly duty counts: at most two per quarter), or the
   * city's head publishes it in the case library.
   */
  async approve(caller: Caller, id: string, note?: string): Promise<void> {
    await this.transition(caller, id, 'approve', async (tc, manager) => {
      if (tc.status === 'county_review') {
        if (!tc.sentAt) {
          // One county head at a time per county and quarter: the count below stays true until commit.
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`typical-case-duty|${tc.divisionCode}|${tc.quarter}`]);
          const sent = await manager.count(TypicalCase, { where: { divisionCode: tc.divisionCode, quarter: tc.quarter, sentAt: Not(IsNull()) } });
          if (sent >= DUTY_MAX_PER_QUARTER) throw new ConflictException(`${serviceAreaName(tc.divisionCode)}${periodOf(tc.quarter)!.label}已报送${sent}件典型案例（每季度1至2件），不能再报送`);
          tc.sentAt = new Date();
          await this.tell(manager, tc, 'sent', tc.sentAt);
        }
        tc.status = 'city_review';
        return note ? `县级审核通过，报送市法律援助中心：${note}` : '县级审核通过，报送市法律援助中心';
      }
      tc.status = 'published';
      tc.publishedAt = new Date();
      await this.tell(manager, tc, 'published', tc.publishedAt);
      return note ? `市级审核通过，入库发布：${note}` : '市级审核通过，入库发布';
    });
  }

  /** The committee's statistics learn that a case was sent for the duty or published, in the same transaction. */
  private async tell(manager: EntityManager, tc: TypicalCase, milestone: TypicalCaseMilestoneKind, at: Date): Promise<void> {
    await this.outbox.publish(manager, TypicalCaseReported, {
      typicalCaseId: tc.id, caseId: tc.applicationId, divisionCode: tc.divisionCode, quarter: tc.quarter,
      dueOn: dutyDue(tc.quarter, tc.divisionCode, this.rules, this.calendar).dueOn, milestone, at: at.toISOString(), title: tc.title,
    });
  }

  /** Back to the drafters, with what to change. */
  async returnForChanges(caller: Caller, id: string, note: string): Promise<void> {
    await this.transition(caller, id, 'return', (tc) => {
      const by = tc.status === 'county_review' ? '县级' : '市级';
      tc.status = 'returned';
      tc.returnNote = note;
      return `${by}退回修改：${note}`;
    });
  }

  private async transition(caller: Caller, id: string, action: 'submit' | 'approve' | 'return',
    apply: (tc: TypicalCase, manager: EntityManager) => string | Promise<string>) {
    await this.dataSource.transaction(async (manager) => {
      const tc = await this.lock(manager, caller, id);
      if (!allowedActions(caller, tc)[action]) throw new ConflictException(`典型案例“${TYPICAL_CASE_STATUSES[tc.status]}”，您不能执行该操作`);
      if (action !== 'return') this.refuseCertain(tc, await manager.findOneByOrFail(Application, { id: tc.applicationId }));
      const note = await apply(tc, manager);
      if (action === 'submit') tc.returnNote = null;
      tc.version++;
      tc.updatedAt = new Date();
      await manager.save(tc);
      await this.record(manager, id, caller, tc.status === 'published' ? 'published' : action === 'approve' ? 'sent' : action, note);
    });
  }

  /** Per county: the quarter's due day, what was sent and when, and whether the duty is met, late, overdue or pending. */
  async duty(caller: Caller, quarter?: string, asOf = today()) {
    const q = quarter ?? openQuarter(asOf, GANZHOU_CITY_CODE, this.rules, this.calendar);
    const areas = isCity(caller) ? DUTY_AREAS : [caller.divisionCode];
    const sent = await this.sentFor([q], areas);
    const rows = areas.map((area) => this.dutyRow(area, q, sent.get(`${area}|${q}`) ?? [], asOf));
    const count = (s: DutyStatus) => rows.filter((r) => r.status === s).length;
    return {
      quarter: q, quarterLabel: periodOf(q)!.label, asOf, maxPerQuarter: DUTY_MAX_PER_QUARTER, statusLabels: DUTY_STATUSES,
      counts: Object.fromEntries(Object.keys(DUTY_STATUSES).map((s) => [s, count(s as DutyStatus)])),
      items: rows,
    };
  }

  /** Every county and quarter (since TYPICAL_CASE_DUTY_FROM, 2026-Q1 by default) whose cases were not sent by day 10. */
  async overdue(caller: Caller, asOf = today()) {
    const quarters: string[] = [];
    const from = process.env.TYPICAL_CASE_DUTY_FROM ?? '2026-Q1';
    for (let q = shiftQuarter(quarterOf(asOf)); q >= from; q = shiftQuarter(q)) quarters.push(q);
    const areas = isCity(caller) ? DUTY_AREAS : [caller.divisionCode];
    const sent = await this.sentFor(quarters, areas);
    const items = quarters.flatMap((q) => areas.map((area) => this.dutyRow(area, q, sent.get(`${area}|${q}`) ?? [], asOf)))
      .filter((r) => r.status === 'overdue' || r.status === 'late');
    return { asOf, items };
  }

  private dutyRow(area: string, quarter: string, sentAt: Date[], asOf: string) {
    const { dueOn, provisional } = dutyDue(quarter, area, this.rules, this.calendar);
    const s = dutyStatus(sentAt, dueOn, asOf);
    return {
      divisionCode: area, divisionName: serviceAreaName(area), quarter, quarterLabel: periodOf(quarter)!.label, dueOn, provisional,
      sent: sentAt.length, sentOnTime: s.onTime, firstSentAt: sentAt.length ? new Date(Math.min(...sentAt.map((d) => d.getTime()))) : null,
      status: s.status, statusLabel: DUTY_STATUSES[s.status], daysLeft: s.daysLeft,
    };
  }

  private async sentFor(quarters: string[], areas: string[]): Promise<Map<string, Date[]>> {
    const rows = await this.dataSource.getRepository(TypicalCase).find({
      select: { divisionCode: true, quarter: true, sentAt: true },
      where: { sentAt: Not(IsNull()), quarter: In(quarters), divisionCode: In(areas) },
    });
    const out = new Map<string, Date[]>();
    for (const r of rows) out.set(`${r.divisionCode}|${r.quarter}`, [...(out.get(`${r.divisionCode}|${r.quarter}`) ?? []), r.sentAt!]);
    return out;
  }

  /**
   * Reminders of the quarterly duty, made once each: five days before the due day, on it, and the day after for
   * counties that have sent nothing. Returns how many were made.
   */
  async remind(on = today()): Promise<number> {
    const kinds: { quarter: string; kind: ReminderKind; area: string; dueOn: string }[] = [];
    const quarters = [shiftQuarter(quarterOf(on)), quarterOf(on)];
    const sent = await this.sentFor(quarters, DUTY_AREAS);
    for (const area of DUTY_AREAS) {
      for (const quarter of quarters) {
        if (sent.has(`${area}|${quarter}`)) continue;
        const { dueOn } = dutyDue(quarter, area, this.rules, this.calendar);
        const kind = reminderKind(dutyStatus([], dueOn, on).daysLeft);
        if (kind) kinds.push({ quarter, kind, area, dueOn });
      }
    }
    if (!kinds.length) return 0;
    const rows = kinds.map((k) => {
      const label = periodOf(k.quarter)!.label;
      const message = {
        due_soon: `${serviceAreaName(k.area)}：${label}典型案例应于${dayInChinese(k.dueOn)}前报送市法律援助中心（1至2件），目前尚未报送。`,
        due_today: `${serviceAreaName(k.area)}：今天（${dayInChinese(k.dueOn)}）是${label}典型案例报送截止日，目前尚未报送。`,
        overdue: `${serviceAreaName(k.area)}：${label}典型案例报送已于${dayInChinese(k.dueOn)}截止，至今未报送，请尽快报送。`,
      }[k.kind];
      return { divisionCode: k.area, quarter: k.quarter, kind: k.kind, dueOn: k.dueOn, message, createdAt: new Date() };
    });
    // One statement; a reminder already made (this sweep before, or another instance) is left as it is.
    const r = await this.dataSource.createQueryBuilder().insert().into(DutyReminder).values(rows).orIgnore().execute();
    return (r.raw as unknown[]).length;
  }

  /** The reminders of the caller's county (or of every county, for the city), newest first. */
  async reminders(caller: Caller, limit = 50) {
    const items = await this.dataSource.getRepository(DutyReminder).find({
      where: isCity(caller) ? {} : { divisionCode: caller.divisionCode },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return { items: items.map((r) => ({ ...r, kindLabel: REMINDER_KINDS[r.kind], divisionName: serviceAreaName(r.divisionCode) })) };
  }

  /** The case library: published cases, searched by words (all must appear) and filters, newest first. */
  async library(q: LibraryQuery, limit = q.limit ?? 20) {
    const qb = this.dataSource.getRepository(TypicalCase).createQueryBuilder('t').where(`t.status = 'published'`)
      .orderBy('t.published_at', 'DESC').addOrderBy('t.id', 'ASC').take(limit).skip(q.offset ?? 0);
    const words = (q.q ?? '').split(/[\s,，、]+/).filter(Boolean).slice(0, 8);
    words.forEach((w, i) => qb.andWhere(
      `(t.title || ' ' || t.facts || ' ' || t.handling || ' ' || t.result || ' ' || t.significance || ' ' || t.keywords::text) ILIKE :w${i}`,
      { [`w${i}`]: `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
    ));
    if (q.matter) qb.andWhere('t.matter = :matter', { matter: q.matter });
    if (q.industry) qb.andWhere('t.industry = :industry', { industry: q.industry });
    if (q.divisionCode) qb.andWhere('t.division_code = :division', { division: q.divisionCode });
    if (q.quarter) qb.andWhere('t.quarter = :quarter', { quarter: q.quarter });
    if (q.year) qb.andWhere('t.quarter LIKE :year', { year: `${q.year}-%` });
    const [items, total] = await qb.getManyAndCount();
    return { total, items: items.map((t) => libraryView(t)) };
  }

  /** The search's cases (up to 200) as a PDF booklet, with the file's name. */
  async libraryBooklet(q: LibraryQuery): Promise<{ pdf: Buffer; filename: string }> {
    const { items } = await this.library({ ...q, offset: 0 }, 200);
    const scope = [q.divisionCode ? serviceAreaName(q.divisionCode) : '赣州市', q.quarter ?? (q.year ? `${q.year}年` : ''), q.q ? `“${q.q}”` : ''].filter(Boolean).join(' · ');
    return { pdf: await libraryPdf(items, scope), filename: `typical-cases${q.quarter ? `-${q.quarter}` : q.year ? `-${q.year}` : ''}.pdf` };
  }

  async libraryItem(id: string) {
    const tc = await this.dataSource.getRepository(TypicalCase).findOneBy({ id, status: 'published' });
    if (!tc) throw new NotFoundException('案例库中没有该案例');
    return libraryView(tc);
  }

  private summary(t: TypicalCase) {
    return {
      id: t.id, title: t.title, divisionCode: t.divisionCode, divisionName: serviceAreaName(t.divisionCode), quarter: t.quarter,
      quarterLabel: periodOf(t.quarter)!.label, status: t.status, statusLabel: TYPICAL_CASE_STATUSES[t.status], version: t.version,
      matter: t.matter, industry: t.industry, keywords: t.keywords, agencies: t.agencies, workersAffected: t.workersAffected,
      amountClaimedFen: t.amountClaimedFen, amountRecoveredFen: t.amountRecoveredFen,
      proposedAt: t.proposedAt, sentAt: t.sentAt, publishedAt: t.publishedAt, updatedAt: t.updatedAt,
    };
  }

  private findings(tc: TypicalCase, application: Application): { field: string; finding: Finding }[] {
    const known = knownPersonalData(application);
    return [...EDITABLE_FIELDS, 'keywords' as const].flatMap((field) => {
      const text = field === 'keywords' ? tc.keywords.join('、') : tc[field];
      return scanPersonalData(text, known).map((finding) => ({ field, finding }));
    });
  }

  /** 400 naming each field that still holds personal data for certain (warnings do not stop a save). */
  private refuseCertain(tc: TypicalCase, application: Application) {
    const fields: Record<string, string[]> = {};
    for (const { field, finding } of this.findings(tc, application)) {
      if (finding.certain) (fields[field] ??= []).push(`${describeFinding(finding)}，请删除或改写（如“王某”“某公司”）`);
    }
    if (Object.keys(fields).length) throw invalidFields(fields);
  }

  private async visible(manager: EntityManager, caller: Caller, id: string, lock = false): Promise<TypicalCase> {
    const tc = await manager.findOne(TypicalCase, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!tc || (!isCity(caller) && tc.agencyId !== caller.agencyId)) throw new NotFoundException('未找到该典型案例');
    return tc;
  }

  private lock(manager: EntityManager, caller: Caller, id: string) {
    return this.visible(manager, caller, id, true);
  }

  private async record(manager: EntityManager, id: string, caller: Caller, action: string, note: string | null) {
    await manager.insert(TypicalCaseEvent, { typicalCaseId: id, action, by: caller.sub, byName: caller.name, byAgency: caller.agencyId, note, at: new Date() });
  }
}

/** A published case as the library shows it: no link to the case file, no names of who drafted it. */
/**
 * A published case as every agency (and the public) reads it: generalised so that it cannot point at a group — ranges
 * instead of the headcount and amounts, the quarter, a broader industry, figures and dates in the text rounded
 * (generalize.ts). The case file and its exact figures stay with the center.
 */
export function libraryView(t: TypicalCase) {
  const fine = INDUSTRIES[t.industry];
  const group = industryGroup(t.industry);
  return {
    id: t.id, title: generalizeText(t.title), divisionCode: t.divisionCode, divisionName: serviceAreaName(t.divisionCode), quarter: t.quarter,
    quarterLabel: periodOf(t.quarter)!.label, matter: t.matter, industry: t.industry, industryLabel: group,
    keywords: [...new Set(t.keywords.map((k) => (k === fine ? group : generalizeText(k))))], agencies: t.agencies,
    workersRange: headcountRange(t.workersAffected), amountClaimedRange: amountRange(t.amountClaimedFen), amountRecoveredRange: amountRange(t.amountRecoveredFen),
    publishedAt: t.publishedAt,
    facts: generalizeText(t.facts), handling: generalizeText(t.handling), result: generalizeText(t.result), significance: generalizeText(t.significance),
  };
}
