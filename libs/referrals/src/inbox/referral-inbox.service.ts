import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { recordAccess } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import {
  AGENCY_STEPS, STEP_FACTS, AGENCY_TYPE_NAMES, CaseSignal, DECLINE_REASONS, DISCLOSURE_PURPOSES, EventDefinition, INDUSTRIES, MATTERS, OUTCOMES, ReferralAccepted,
  ReferralClockUpdated, ReferralDeclined, ReferralProgressed, ReferralReceived, ReferralRequestedV1, ReferralResolved,
  ReferralMilestone, ReferralResubmittedV1, ReferralReturned, ReferralRevokedV1, ReferralUpdateBase,
} from '@yuanlian/contracts';
import type { AgencyStep, CaseSignalKind, ReceivingAgencyType, ReferralMilestoneKind } from '@yuanlian/contracts';
import { ClockService, daysBetween, localDate, StatutoryClock } from '@yuanlian/deadlines';
import { serviceAreaName, workerView } from '@yuanlian/identity';
import type { WorkerIdentity } from '@yuanlian/identity';
import { InboxContext, NonRetriableError, Outbox } from '@yuanlian/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { allowedActions, canTransition, IllegalTransitionError, REFERRAL_STATUSES, ReferralAction, transition } from '../state-machine';
import type { ReferralStatus } from '../state-machine';
import { recordTimeline, ReferralTimelineEntry, timelineView } from '../timeline.entity';
import { AcceptInput, DeclineInput, ExtendInput, ProgressInput, RefuseExtensionInput, ResolveInput, ReturnInput } from './referral-inbox.dto';
import { ReceivedReferral } from './received-referral.entity';
import { fieldError, invalidFields } from '@yuanlian/runtime';
import { schemaOf } from '@yuanlian/database';
import type { DataKeys } from '@yuanlian/trust';
import { inboxDataKeys } from './sealed.migration';

export const INBOX_AGENCY_TYPE = Symbol('INBOX_AGENCY_TYPE');

/** Each receiving agency's statutory clocks: one to accept (or file), one to handle once accepted. */
export const AGENCY_CLOCKS: Record<ReceivingAgencyType, { acceptance: string; handling?: string }> = {
  'labor-inspection': { acceptance: 'labor-inspection.acceptance', handling: 'labor-inspection.investigation' },
  arbitration: { acceptance: 'arbitration.acceptance', handling: 'arbitration.award' },
  // After filing (立案), the trial period: three months under the simplified procedure (Civil Procedure Law art. 164).
  court: { acceptance: 'court.filing', handling: 'court.trial' },
  union: { acceptance: 'union.response' },
  // 受理 within 15 days of the application (工伤认定办法 art. 8), the determination within 60 days of acceptance (WIIR art. 20).
  'work-injury': { acceptance: 'work-injury.acceptance', handling: 'work-injury.determination' },
  // A transferred case reviewed and filed (立案) or not within 3 days (行政执法机关移送涉嫌犯罪案件的规定 art. 8).
  'public-security': { acceptance: 'public-security.filing-review' },
};

/** Steps that tell early warning something about the arrears: an order to pay (or award, judgment), a payment, a field report. */
const SIGNALLING_STEPS: Partial<Record<AgencyStep, CaseSignalKind>> = {
  order_to_pay_issued: 'order_to_pay', award_final: 'order_to_pay', award_non_final: 'order_to_pay', judgment: 'order_to_pay',
  payment_recorded: 'payment', mediation_succeeded: 'payment', field_risk_report: 'field_risk_report',
  administrative_decision: 'order_to_pay', contractor_ordered_first: 'order_to_pay',
  wage_deposit_drawn: 'payment', builder_advanced: 'payment', wages_paid_before_prosecution: 'payment',
};

/**
 * A step is a fact: what it records (STEP_FACTS — an order's amount, deadline and document number; a payment's amount,
 * day and workers paid; an award's or judgment's amount and number) is required, and it comes in the agency's order.
 */
export function checkStepFacts(
  input: ProgressInput, done: string[], steps: Record<string, string>, workersAffected: number, today: string, deadlines: { step: string; dueOn: string }[] = [],
): void {
  const facts = STEP_FACTS[input.step] ?? {};
  const fields: Record<string, string[]> = {};
  const need = (field: keyof ProgressInput, label: string | undefined) => {
    if (label && (input[field] === undefined || input[field] === '')) fields[field] = [`请填写${label.replace(/（元）$/, '')}`];
  };
  need('amountFen', facts.amount);
  need('dueOn', facts.dueOn);
  need('documentNumber', facts.documentNumber);
  need('paidOn', facts.paidOn);
  need('workersPaid', facts.workersPaid);
  need('grade', facts.grade);
  if (facts.amount && input.amountFen !== undefined && input.amountFen <= 0 && input.step !== 'award_final' && input.step !== 'award_non_final' && input.step !== 'judgment') {
    fields.amountFen = [`${facts.amount.replace(/（元）$/, '')}应大于0`];
  }
  if (facts.dueOn && input.dueOn && input.dueOn < today) fields.dueOn = ['支付期限不能早于今天'];
  if (facts.paidOn && input.paidOn && input.paidOn > today) fields.paidOn = ['支付日期不能晚于今天'];
  if (facts.workersPaid && input.workersPaid !== undefined && input.workersPaid > workersAffected) fields.workersPaid = [`支付人数不能超过涉及人数（${workersAffected}人）`];
  if (Object.keys(fields).length) throw invalidFields(fields);
  const made = [...(facts.once ? [input.step] : []), ...(facts.excludes ?? [])].find((s) => done.includes(s));
  if (made) throw new ConflictException(`已记录“${steps[made]}”，不能再记录“${steps[input.step]}”`);
  if (facts.after && !facts.after.some((s) => done.includes(s))) {
    throw new ConflictException(`“${steps[input.step]}”须在“${facts.after.map((s) => steps[s]).join('”或“')}”之后记录`);
  }
  if (facts.afterDue) {
    // "责令支付后仍不支付": the latest deadline an earlier order set must have passed (SPC 法释〔2013〕3号 art. 4).
    const latest = deadlines.filter((d) => facts.after?.includes(d.step)).sort((a, b) => a.dueOn.localeCompare(b.dueOn)).pop();
    if (latest && latest.dueOn >= today) {
      throw new ConflictException(`“${steps[latest.step]}”的期限${latest.dueOn}尚未届满，届满仍未支付的才能${steps[input.step]}`);
    }
  }
}

/** Extension requests not yet approved or refused, per clock rule (the latest word on each rule counts). */
export function pendingExtensions(timeline: Pick<ReferralTimelineEntry, 'type' | 'data' | 'note' | 'at' | 'by'>[]) {
  const last = new Map<string, (typeof timeline)[number]>();
  for (const e of timeline) {
    const rule = typeof e.data?.rule === 'string' ? e.data.rule : undefined;
    if (rule && ['extension-requested', 'extension-refused', 'clock-extended'].includes(e.type)) last.set(rule, e);
  }
  return [...last.entries()].filter(([, e]) => e.type === 'extension-requested').map(([rule, e]) => ({
    rule, days: Number(e.data?.days), reason: e.note, requestedBy: e.by, requestedByName: e.data?.requestedByName ?? null, at: e.at,
  }));
}

const CASE_NUMBER_WORD: Record<ReceivingAgencyType, string> = {
  'labor-inspection': '劳监', arbitration: '劳人仲案', court: '民初', union: '工援', 'work-injury': '工伤认字', 'public-security': '公刑',
};

/**
 * The referral inbox every receiving agency shares: receive, accept, decline, return for more information,
 * progress in the agency's own steps, resolve with an outcome; the sender may resubmit or revoke. Every change
 * runs the state machine, moves the statutory clocks, writes the timeline and tells the sender, in one
 * transaction.
 */
@Injectable()
export class ReferralInboxService {
  private readonly clocksOf: { acceptance: string; handling?: string };
  /** The office's keys for the shared ID number and phone, loaded at start: a service without them does not start. */
  private readonly dataKeys: DataKeys;

  constructor(
    @Inject(INBOX_AGENCY_TYPE) private readonly agencyType: ReceivingAgencyType,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clocks: ClockService,
  ) {
    this.clocksOf = AGENCY_CLOCKS[agencyType];
    this.dataKeys = inboxDataKeys(schemaOf(dataSource));
    // A new official calendar moves running clocks: the referral's nearest due date (the list's order and its 逾期 mark) follows.
    clocks.onRecount(async (m, subjects) => {
      const ids = subjects.filter((s) => s.type === 'referral').map((s) => s.id);
      if (!ids.length) return;
      const schema = schemaOf(m);
      await m.query(
        `UPDATE "${schema}".referral_inbox r SET next_due_on = (
           SELECT min(c.due_on) FROM "${schema}".clocks c WHERE c.subject_type = 'referral' AND c.subject_id = r.id AND c.status = 'running')
         WHERE r.id = ANY($1::uuid[]) AND r.next_due_on IS NOT NULL`,
        [ids],
      );
    });
  }

  /** A referral addressed to this agency type lands in the named office's inbox, its acceptance clock starts. */
  async receive(p: ReferralRequestedV1, ctx: InboxContext): Promise<void> {
    if (p.toAgencyType !== this.agencyType) throw new NonRetriableError(`referral for ${p.toAgencyType} reached ${this.agencyType}`);
    const now = new Date();
    const r = ctx.manager.create(ReceivedReferral, {
      id: p.referralId, caseId: p.caseId, officeId: p.toAgencyId, divisionCode: p.divisionCode,
      fromAgencyId: p.fromAgencyId, fromAgencyType: p.fromAgencyType, matter: p.matter, industry: p.industry,
      greenChannel: p.greenChannel, priority: p.priority, purposeCode: p.purposeCode, legalBasis: p.legalBasis, shared: p.shared,
      workerKey: p.worker.key, workerName: p.worker.name, workerIdNumberSealed: this.seal(p.worker.idNumber), workerPhoneSealed: this.seal(p.worker.phone),
      employerName: p.employer.name, employerCreditCode: p.employer.creditCode, projectName: p.project?.name ?? null,
      projectAddress: p.project?.address ?? null, amountOwedFen: p.amountOwedFen, workersAffected: p.workersAffected,
      summary: p.summary, status: transition('requested', 'receive'), requestedBy: p.requestedBy,
      requestedAt: new Date(p.requestedAt), receivedAt: now, statusAt: now,
    });
    const clock = this.clocks.plan({
      ruleId: this.clocksOf.acceptance, officeId: r.officeId, agencyType: this.agencyType, areaCode: areaOf(r.officeId),
      subjectType: 'referral', subjectId: r.id, caseId: r.caseId, at: now,
    });
    r.nextDueOn = clock.dueOn;
    const inserted = await ctx.manager.createQueryBuilder().insert().into(ReceivedReferral).values(r).orIgnore().returning('id').execute();
    // Already in the inbox (a replay that reached us under another event id): acknowledge nothing twice.
    if ((inserted.raw as unknown[]).length === 0) return;
    await ctx.manager.insert(StatutoryClock, clock);
    await this.record(ctx.manager, r, 'received', p.fromAgencyId, null, { dueOn: clock.dueOn });
    await this.tell(ctx.manager, ReferralReceived, r, {}, clock, ctx);
    await this.milestone(ctx.manager, r, 'received', [], ctx);
  }

  /** The sender withdrew the referral. */
  async revoked(p: ReferralRevokedV1, ctx: InboxContext): Promise<void> {
    const r = await this.lockForEvent(ctx.manager, p);
    if (!canTransition(r.status, 'revoke')) {
      await this.record(ctx.manager, r, 'revoke-refused', p.by, `撤回请求未生效：转介已${REFERRAL_STATUSES[r.status]}`);
      return;
    }
    r.status = transition(r.status, 'revoke');
    r.nextDueOn = null;
    r.statusAt = new Date(p.at);
    r.statusNote = p.reason;
    await ctx.manager.save(r);
    await this.clocks.stop(ctx.manager, r.id, 'revoked');
    await this.record(ctx.manager, r, 'revoked', p.by, p.reason);
    await this.milestone(ctx.manager, r, 'revoked', [], ctx);
  }

  /** The sender supplied what was asked for: back in the inbox, the acceptance clock runs again. */
  async resubmitted(p: ReferralResubmittedV1, ctx: InboxContext): Promise<void> {
    const r = await this.lockForEvent(ctx.manager, p);
    if (!canTransition(r.status, 'resubmit')) throw new NonRetriableError(`referral ${r.id} is ${r.status}; cannot resubmit`);
    r.status = transition(r.status, 'resubmit');
    r.statusAt = new Date(p.at);
    r.summary = `${r.summary}\n补充材料：${p.note}`;
    const [clock] = await this.clocks.resume(ctx.manager, r.id, new Date(p.at));
    r.nextDueOn = clock?.dueOn ?? null;
    await ctx.manager.save(r);
    await this.record(ctx.manager, r, 'resubmitted', p.by, p.note, { dueOn: clock?.dueOn ?? null });
  }

  async list(caller: Caller, status?: ReferralStatus, limit = 50, offset = 0, overdue = false): Promise<ReceivedReferral[]> {
    this.checkAgency(caller);
    // Priority first, then the nearest acceptance or handling deadline, then the newest: one index holds that order.
    return this.dataSource
      .createQueryBuilder(ReceivedReferral, 'r')
      .where('r.office_id = :office', { office: caller.agencyId })
      .andWhere(status ? 'r.status = :status' : 'TRUE', { status })
      .andWhere(overdue ? 'r.next_due_on < :today' : 'TRUE', { today: localDate(new Date()) })
      .orderBy('r.priority', 'DESC')
      .addOrderBy('r.next_due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('r.received_at', 'DESC')
      .limit(limit)
      .offset(offset)
      .getMany();
  }

  /** What waits in the office's inbox, for the menu: new referrals not yet accepted, overdue ones, extensions to approve. */
  async counts(caller: Caller): Promise<{ received: number; overdue: number; extensionsPending: number }> {
    this.checkAgency(caller);
    const row = (await this.dataSource.createQueryBuilder(ReceivedReferral, 'r')
      .select(`count(*) FILTER (WHERE r.status = 'received')::int`, 'received')
      .addSelect(`count(*) FILTER (WHERE r.next_due_on < :today)::int`, 'overdue')
      .where('r.office_id = :office', { office: caller.agencyId, today: localDate(new Date()) })
      .getRawOne<{ received: number; overdue: number }>()) ?? { received: 0, overdue: 0 };
    const timeline = await this.dataSource.createQueryBuilder(ReferralTimelineEntry, 't')
      .innerJoin(ReceivedReferral, 'r', 'r.id = t.referral_id AND r.office_id = :office', { office: caller.agencyId })
      .where(`t.type IN ('extension-requested', 'extension-refused', 'clock-extended')`).orderBy('t.id', 'ASC').getMany();
    const byReferral = new Map<string, ReferralTimelineEntry[]>();
    for (const e of timeline) byReferral.set(e.referralId, [...(byReferral.get(e.referralId) ?? []), e]);
    const extensionsPending = [...byReferral.values()].reduce((n, entries) => n + pendingExtensions(entries).length, 0);
    return { received: row.received, overdue: row.overdue, extensionsPending };
  }

  /** One referral of the caller's office; every read is logged, with the purpose when full data is revealed. */
  async get(caller: Caller, id: string, reveal?: { purpose: string }) {
    this.checkAgency(caller);
    const referral = await this.dataSource.getRepository(ReceivedReferral).findOne({ where: { id, officeId: caller.agencyId } });
    if (!referral) throw new NotFoundException('未找到该转介');
    await recordAccess(this.dataSource.manager, caller, { subjectType: 'referral', subjectId: id, revealed: !!reveal, purpose: reveal?.purpose });
    const [clocks, timeline] = await Promise.all([
      this.clocks.forSubject(this.dataSource.manager, id),
      this.dataSource.getRepository(ReferralTimelineEntry).find({ where: { referralId: id }, order: { id: 'ASC' } }),
    ]);
    return { referral, worker: this.worker(referral), clocks: clocks.map((c) => this.clocks.view(c)), timeline: timeline.map(timelineView), pendingExtensions: pendingExtensions(timeline) };
  }

  async accept(caller: Caller, id: string, input: AcceptInput) {
    return this.act(caller, id, 'accept', async (m, r) => {
      const stopped = await this.clocks.stop(m, r.id, 'accepted', this.clocksOf.acceptance);
      r.handledBy = caller.sub;
      r.statusNote = input.note ?? null;
      r.agencyCaseNumber = input.agencyCaseNumber ?? (await this.nextCaseNumber(m, r.officeId));
      const handling = this.clocksOf.handling
        ? await this.clocks.start(m, {
            ruleId: this.clocksOf.handling, officeId: r.officeId, agencyType: this.agencyType, areaCode: areaOf(r.officeId),
            subjectType: 'referral', subjectId: r.id, caseId: r.caseId,
          })
        : undefined;
      r.nextDueOn = handling?.dueOn ?? null;
      await this.record(m, r, 'accepted', caller.sub, input.note ?? null, { agencyCaseNumber: r.agencyCaseNumber, dueOn: handling?.dueOn ?? null });
      await this.tell(m, ReferralAccepted, r, { acceptedBy: caller.sub, ...(input.note ? { note: input.note } : {}) }, handling);
      await this.signal(m, r, 'complaint_accepted');
      await this.milestone(m, r, 'accepted', stopped);
    });
  }

  async decline(caller: Caller, id: string, input: DeclineInput) {
    return this.act(caller, id, 'decline', async (m, r) => {
      const stopped = await this.clocks.stop(m, r.id, 'declined');
      Object.assign(r, { nextDueOn: null, handledBy: caller.sub, declineReasonCode: input.reasonCode, statusNote: input.reason, suggestedAgencyId: input.suggestedAgencyId ?? null });
      await this.record(m, r, 'declined', caller.sub, input.reason, { reasonCode: input.reasonCode, suggestedAgencyId: input.suggestedAgencyId ?? null });
      await this.tell(m, ReferralDeclined, r, {
        declinedBy: caller.sub, reasonCode: input.reasonCode, reason: input.reason,
        ...(input.suggestedAgencyId ? { suggestedAgencyId: input.suggestedAgencyId } : {}),
      });
      await this.milestone(m, r, 'declined', stopped);
    });
  }

  /** Back to the sender for more information; the acceptance clock waits. */
  async return(caller: Caller, id: string, input: ReturnInput) {
    return this.act(caller, id, 'return', async (m, r) => {
      const [clock] = await this.clocks.pause(m, r.id);
      // Waiting for the sender: no deadline runs.
      Object.assign(r, { nextDueOn: null, handledBy: caller.sub, statusNote: input.reason });
      await this.record(m, r, 'returned', caller.sub, input.reason);
      await this.tell(m, ReferralReturned, r, { returnedBy: caller.sub, reason: input.reason }, clock);
      await this.milestone(m, r, 'returned', []);
    });
  }

  /** One of the agency's own steps on an accepted referral (investigation, award, filing, support …). */
  async progress(caller: Caller, id: string, input: ProgressInput) {
    const steps = AGENCY_STEPS[this.agencyType] as Record<string, string>;
    if (!steps[input.step]) {
      throw fieldError('step', `${AGENCY_TYPE_NAMES[this.agencyType]}没有该办理步骤`);
    }
    return this.act(caller, id, null, async (m, r) => {
      if (r.status !== 'accepted') throw new ConflictException(`转介状态为“${REFERRAL_STATUSES[r.status]}”，受理后才能记录办理步骤`);
      const earlier = (await m.find(ReferralTimelineEntry, { where: { referralId: r.id } })).filter((e) => e.type.startsWith('step:'));
      const done = earlier.map((e) => e.type.slice(5));
      const deadlines = earlier.flatMap((e) => (typeof e.data?.dueOn === 'string' ? [{ step: e.type.slice(5), dueOn: e.data.dueOn }] : []));
      checkStepFacts(input, done, steps, r.workersAffected, localDate(new Date()), deadlines);
      // A step happens now, not when the referral was accepted (its status time): each step keeps its own time.
      const at = new Date();
      const facts = {
        ...(input.dueOn ? { dueOn: input.dueOn } : {}), ...(input.amountFen !== undefined ? { amountFen: input.amountFen } : {}),
        ...(input.documentNumber ? { documentNumber: input.documentNumber } : {}), ...(input.paidOn ? { paidOn: input.paidOn } : {}),
        ...(input.workersPaid !== undefined ? { workersPaid: input.workersPaid } : {}), ...(input.grade !== undefined ? { grade: input.grade } : {}),
      };
      // A step may decide what a clock times (a determination, an award, a judgment) or open a period of its own (an assessment).
      const { starts, stops } = STEP_FACTS[input.step] ?? {};
      const [stopped] = stops ? await this.clocks.stop(m, r.id, input.step, stops, at) : [];
      const started = starts
        ? await this.clocks.start(m, { ruleId: starts, officeId: r.officeId, agencyType: this.agencyType, areaCode: areaOf(r.officeId), subjectType: 'referral', subjectId: r.id, caseId: r.caseId, at })
        : undefined;
      if (stopped || started) {
        const running = (await this.clocks.forSubject(m, r.id)).filter((c) => c.status === 'running' && c.dueOn).sort((a, b) => a.dueOn!.localeCompare(b.dueOn!));
        r.nextDueOn = running[0]?.dueOn ?? null;
      }
      await recordTimeline(m, r.id, { type: `step:${input.step}`, status: r.status, by: caller.sub, note: input.note ?? null, data: { step: input.step, label: steps[input.step], ...facts }, at });
      await this.tell(m, ReferralProgressed, r, { by: caller.sub, step: input.step, ...(input.note ? { note: input.note } : {}), ...facts }, started ?? stopped, undefined, at);
      const kind = SIGNALLING_STEPS[input.step];
      if (kind) await this.signal(m, r, kind, kind === 'payment' ? input.amountFen : undefined);
      // The statistics count determinations, transfers to the police and construction remedies by their steps.
      await this.milestone(m, r, 'progressed', stopped ? [stopped] : [], undefined, { step: input.step, at, amountFen: input.amountFen });
    });
  }

  async resolve(caller: Caller, id: string, input: ResolveInput) {
    // "Paid, ¥0 recovered" is a careless click, not an outcome: a payment is recorded with what was paid.
    if ((input.paymentConfirmed || input.outcome === 'paid_in_full' || input.outcome === 'paid_in_part') && input.amountRecoveredFen <= 0) {
      throw fieldError('amountRecoveredFen', input.paymentConfirmed ? '确认支付到位时须填写追回（到位）金额' : `办理结果为“${OUTCOMES[input.outcome]}”时须填写追回金额`);
    }
    return this.act(caller, id, 'resolve', async (m, r) => {
      const stopped = await this.clocks.stop(m, r.id, 'resolved');
      Object.assign(r, { nextDueOn: null, handledBy: caller.sub, outcome: input.outcome, amountRecoveredFen: input.amountRecoveredFen, paymentConfirmed: input.paymentConfirmed, statusNote: input.note ?? null });
      await this.record(m, r, 'resolved', caller.sub, input.note ?? null, { outcome: input.outcome, amountRecoveredFen: input.amountRecoveredFen, paymentConfirmed: input.paymentConfirmed });
      await this.tell(m, ReferralResolved, r, {
        resolvedBy: caller.sub, outcome: input.outcome, amountRecoveredFen: input.amountRecoveredFen,
        paymentConfirmed: input.paymentConfirmed, ...(input.note ? { note: input.note } : {}),
      });
      if (input.paymentConfirmed) await this.signal(m, r, 'payment', input.amountRecoveredFen);
      // A worker who withdrew is no longer a complainant, paid or not: early warning takes the claim out of the cluster.
      else if (input.outcome === 'withdrawn') await this.signal(m, r, 'withdrawn');
      await this.milestone(m, r, 'resolved', stopped);
    });
  }

  /** An approved extension of one of the referral's clocks (supervisors only). */
  /** The officer asks for an extension; the supervisor approves it (extend) or refuses it, on screen. */
  async requestExtension(caller: Caller, id: string, ruleId: string, input: ExtendInput) {
    return this.act(caller, id, null, async (m, r) => {
      if (pendingExtensions(await this.timelineOf(m, r.id)).some((p) => p.rule === ruleId)) throw new ConflictException('该期限已有延长申请待负责人审批');
      await this.clocks.checkExtension(m, r.id, ruleId, input.days);
      await this.record(m, r, 'extension-requested', caller.sub, input.reason, { rule: ruleId, days: input.days, requestedByName: caller.name });
    });
  }

  async refuseExtension(caller: Caller, id: string, ruleId: string, input: RefuseExtensionInput) {
    return this.act(caller, id, null, async (m, r) => {
      if (!pendingExtensions(await this.timelineOf(m, r.id)).some((p) => p.rule === ruleId)) throw new ConflictException('该期限没有待审批的延长申请');
      await this.record(m, r, 'extension-refused', caller.sub, input.reason, { rule: ruleId });
    });
  }

  private timelineOf(m: EntityManager, referralId: string) {
    return m.find(ReferralTimelineEntry, { where: { referralId }, order: { id: 'ASC' } });
  }

  async extend(caller: Caller, id: string, ruleId: string, input: ExtendInput) {
    return this.act(caller, id, null, async (m, r) => {
      const clock = await this.clocks.extend(m, r.id, ruleId, { days: input.days, approvedBy: caller.sub, reason: input.reason });
      if (clock.status === 'running') r.nextDueOn = clock.dueOn;
      await this.record(m, r, 'clock-extended', caller.sub, input.reason, { rule: ruleId, days: input.days, dueOn: clock.dueOn });
      await this.tell(m, ReferralClockUpdated, r, { by: caller.sub, reason: input.reason }, clock);
    });
  }

  private async act(caller: Caller, id: string, action: ReferralAction | null, effect: (m: EntityManager, r: ReceivedReferral) => Promise<void>) {
    this.checkAgency(caller);
    await this.dataSource.transaction(async (m) => {
      const r = await m.findOne(ReceivedReferral, { where: { id, officeId: caller.agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw new NotFoundException('未找到该转介');
      if (action) {
        try {
          r.status = transition(r.status, action);
        } catch (e) {
          if (e instanceof IllegalTransitionError) throw new ConflictException(e.message);
          throw e;
        }
        r.statusAt = new Date();
      }
      await effect(m, r);
      await m.save(r);
    });
    return this.get(caller, id);
  }

  /** The referral a sender's event is about: only the center that sent it may act on it (its key was checked for that office). */
  private async lockForEvent(m: EntityManager, p: { referralId: string; toAgencyId: string; fromAgencyId: string }): Promise<ReceivedReferral> {
    const r = await m.findOne(ReceivedReferral, { where: { id: p.referralId }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw new NonRetriableError(`unknown referral ${p.referralId}`);
    if (r.officeId !== p.toAgencyId) throw new NonRetriableError(`referral ${p.referralId} belongs to ${r.officeId}, not ${p.toAgencyId}`);
    if (r.fromAgencyId !== p.fromAgencyId) throw new NonRetriableError(`referral ${p.referralId} was sent by ${r.fromAgencyId}, not ${p.fromAgencyId}`);
    return r;
  }

  private async tell<P extends ReferralUpdateBase>(
    m: EntityManager,
    definition: EventDefinition<P>,
    r: ReceivedReferral,
    fields: Omit<P, keyof ReferralUpdateBase>,
    clock?: StatutoryClock,
    ctx?: InboxContext,
    at: Date = r.statusAt,
  ) {
    const base: ReferralUpdateBase = {
      referralId: r.id, caseId: r.caseId, toAgencyId: r.officeId, fromAgencyType: r.fromAgencyType as 'legal-aid',
      at: at.toISOString(), ...(r.agencyCaseNumber ? { agencyCaseNumber: r.agencyCaseNumber } : {}),
      ...(clock ? { clock: this.clocks.snapshot(clock) } : {}),
    };
    await this.outbox.publish(m, definition, { ...base, ...fields } as P, ctx ? { causedBy: ctx.envelope } : undefined);
  }

  /** The statistics hear of every step, pseudonymously, with the clocks it stopped and whether they were in time. */
  private async milestone(
    m: EntityManager, r: ReceivedReferral, milestone: ReferralMilestoneKind, stopped: StatutoryClock[], ctx?: InboxContext,
    step?: { step: AgencyStep; at: Date; amountFen?: number },
  ) {
    await this.outbox.publish(m, ReferralMilestone, {
      referralId: r.id, caseId: r.caseId, officeId: r.officeId, agencyType: this.agencyType, divisionCode: r.divisionCode,
      matter: r.matter, industry: r.industry, greenChannel: r.greenChannel, milestone, at: (step?.at ?? r.statusAt).toISOString(),
      ...(step ? { step: step.step, ...(step.amountFen !== undefined ? { stepAmountFen: step.amountFen } : {}) } : {}),
      amountClaimedFen: r.amountOwedFen, workersAffected: r.workersAffected,
      clocks: stopped.map((c) => {
        const stoppedOn = localDate(c.stoppedAt ?? r.statusAt);
        return { rule: c.ruleId, ...(c.dueOn ? { dueOn: c.dueOn } : {}), stoppedOn, onTime: !c.dueOn || stoppedOn <= c.dueOn };
      }),
      ...(milestone === 'resolved' ? { outcome: r.outcome!, amountRecoveredFen: r.amountRecoveredFen ?? 0, paymentConfirmed: !!r.paymentConfirmed } : {}),
    }, ctx ? { causedBy: ctx.envelope } : undefined);
  }

  /** Early warning hears of wage cases pseudonymously: the worker key, never the name, ID number or phone. */
  private async signal(m: EntityManager, r: ReceivedReferral, kind: CaseSignalKind, amountPaidFen?: number) {
    if (r.matter !== 'wage_arrears') return;
    await this.outbox.publish(m, CaseSignal, {
      kind, caseId: r.caseId, referralId: r.id, officeId: r.officeId, divisionCode: r.divisionCode, matter: r.matter, industry: r.industry,
      employerCreditCode: r.employerCreditCode, employerName: r.employerName, ...(r.projectName ? { projectName: r.projectName } : {}),
      workerKey: r.workerKey, workersAffected: r.workersAffected, amountOwedFen: r.amountOwedFen,
      ...(amountPaidFen !== undefined ? { amountPaidFen } : {}), occurredOn: localDate(new Date()),
    });
  }

  private async record(m: EntityManager, r: ReceivedReferral, type: string, by: string | null, note: string | null, data: Record<string, unknown> | null = null) {
    await recordTimeline(m, r.id, { type, status: r.status, by, note, data });
  }

  private async nextCaseNumber(m: EntityManager, officeId: string): Promise<string> {
    const year = Number(localDate(new Date()).slice(0, 4));
    const [{ last }] = await m.query(
      `INSERT INTO "${schemaOf(m)}".case_numbers (office_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (office_id, year) DO UPDATE SET last = case_numbers.last + 1 RETURNING last`,
      [officeId, year],
    );
    return `${serviceAreaName(areaOf(officeId))}${CASE_NUMBER_WORD[this.agencyType]}〔${year}〕${last}号`;
  }

  /** The worker as shared with this office, the ID number and phone opened. */
  worker(r: ReceivedReferral): WorkerIdentity {
    const open = (v: string | null) => (v === null ? null : this.dataKeys.open(v));
    return { key: r.workerKey, name: r.workerName, idNumber: open(r.workerIdNumberSealed), phone: open(r.workerPhoneSealed) };
  }

  private seal(value: string | undefined): string | null {
    return value === undefined ? null : this.dataKeys.seal(value);
  }

  private checkAgency(caller: Caller) {
    if (caller.agencyType !== this.agencyType) throw new ForbiddenException('本机构类型无权访问该收件箱');
  }
}

const areaOf = (officeId: string) => officeId.split(':')[1];

/** What an officer sees; the ID number and phone only in full with the reveal role and a stated purpose. */
/** A referral in the office's list, with its nearest running deadline: calendar days left, negative when overdue. */
export function inboxListItemView(r: ReceivedReferral, worker: WorkerIdentity, today: string) {
  return {
    ...receivedReferralView(r, worker),
    dueOn: r.nextDueOn, daysLeft: r.nextDueOn === null ? null : daysBetween(today, r.nextDueOn), overdue: r.nextDueOn !== null && r.nextDueOn < today,
  };
}

export function receivedReferralView(r: ReceivedReferral, worker: WorkerIdentity, reveal = false) {
  return {
    id: r.id,
    caseId: r.caseId,
    officeId: r.officeId,
    agencyCaseNumber: r.agencyCaseNumber,
    divisionCode: r.divisionCode,
    divisionName: serviceAreaName(r.divisionCode),
    fromAgencyId: r.fromAgencyId,
    matter: r.matter,
    matterLabel: MATTERS[r.matter],
    industry: r.industry,
    industryLabel: INDUSTRIES[r.industry],
    greenChannel: r.greenChannel,
    priority: r.priority,
    purposeCode: r.purposeCode,
    purposeLabel: DISCLOSURE_PURPOSES[r.purposeCode as keyof typeof DISCLOSURE_PURPOSES] ?? r.purposeCode,
    legalBasis: r.legalBasis,
    shared: r.shared,
    worker: workerView(worker, reveal),
    employer: { name: r.employerName, creditCode: r.employerCreditCode },
    project: r.projectName ? { name: r.projectName, address: r.projectAddress } : null,
    amountOwedFen: r.amountOwedFen,
    workersAffected: r.workersAffected,
    summary: r.summary,
    status: r.status,
    statusLabel: REFERRAL_STATUSES[r.status],
    allowedActions: allowedActions(r.status),
    declineReasonCode: r.declineReasonCode,
    declineReasonLabel: r.declineReasonCode ? DECLINE_REASONS[r.declineReasonCode] : null,
    statusNote: r.statusNote,
    suggestedAgencyId: r.suggestedAgencyId,
    outcome: r.outcome,
    outcomeLabel: r.outcome ? OUTCOMES[r.outcome] : null,
    amountRecoveredFen: r.amountRecoveredFen,
    paymentConfirmed: r.paymentConfirmed,
    handledBy: r.handledBy,
    requestedAt: r.requestedAt,
    receivedAt: r.receivedAt,
    statusAt: r.statusAt,
  };
}
