import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import {
  agencyStepLabel, AGENCY_TYPE_NAMES, COURT_DIRECT_BASES, DISCLOSURE_BASIS, KEY_MATTERS, officeId, ReferralRequested, ReferralResubmitted, ReferralRevoked,
  ReferralUpdateBase, SHAREABLE_FIELDS,
} from '@yuanlian/contracts';
import type { DisclosurePurpose, Outcome, ReceivingAgencyType, ShareableField } from '@yuanlian/contracts';
import { ClockService, localDate } from '@yuanlian/deadlines';
import { OfficeIndex } from '@yuanlian/directory';
import { isGanzhouServiceArea } from '@yuanlian/identity';
import { InboxContext, NonRetriableError, Outbox } from '@yuanlian/messaging';
import { ACTION_OF_EVENT, canTransition, FINAL_STATUSES, recordTimeline, REFERRAL_STATUSES, transition } from '@yuanlian/referrals';
import { DataSource, EntityManager } from 'typeorm';
import { Application, APPLICATION_STATUSES, caseFactNotes, ENDED_STATUSES, jurisdictionArea } from '../applications/application.entity';
import { ApplicationsService } from '../applications/applications.service';
import { CreateReferralInput } from './referral.dto';
import { arbitrationLapsed, Referral } from './referral.entity';
import { fieldError } from '@yuanlian/runtime';

/** What each status-update event carries beyond the common fields, as this service reads them. */
export interface UpdateFields extends ReferralUpdateBase {
  acceptedBy?: string; declinedBy?: string; returnedBy?: string; resolvedBy?: string; by?: string;
  reasonCode?: Referral['declineReasonCode']; reason?: string; note?: string; suggestedAgencyId?: string;
  step?: string; dueOn?: string; amountFen?: number; documentNumber?: string; paidOn?: string; workersPaid?: number;
  outcome?: Outcome; amountRecoveredFen?: number; paymentConfirmed?: boolean;
}

/** Agencies that receive a case under their own statutory duty; the union needs the worker's consent. */
const STATUTORY_RECEIVERS: readonly string[] = ['labor-inspection', 'arbitration', 'court', 'work-injury', 'public-security'];

/**
 * What each statutory receiver gets when the clerk does not choose: everything, but for the public security bureau,
 * which needs the victim's identity for the file and the project, not the worker's telephone — it reaches the worker
 * through the center (minimum necessity, PIPL art. 6; the clerk may add it).
 */
const DEFAULT_SHARE: Partial<Record<ReceivingAgencyType, ShareableField[]>> = { 'public-security': ['idNumber', 'project'] };

/**
 * Minimum necessity: what a referral shares, why, and on what basis. Statutory receivers get what the sender
 * picks (all by default); the union gets the name only, and identity or contact details only with the worker's
 * separate consent (PIPL art. 23).
 */
export function disclosureFor(input: CreateReferralInput): { purposeCode: DisclosurePurpose; legalBasis: string; shared: ShareableField[] } {
  const all = Object.keys(SHAREABLE_FIELDS) as ShareableField[];
  if (STATUTORY_RECEIVERS.includes(input.toAgencyType)) {
    return { purposeCode: 'statutory_referral', legalBasis: DISCLOSURE_BASIS.statutory_referral, shared: input.share ?? DEFAULT_SHARE[input.toAgencyType] ?? all };
  }
  const shared = input.share ?? (input.workerConsent ? all : ['project']);
  if (!input.workerConsent && shared.some((f) => f !== 'project')) {
    throw fieldError('workerConsent', '向工会提供身份证号或联系电话须取得劳动者单独同意');
  }
  const purposeCode: DisclosurePurpose = input.workerConsent ? 'worker_consent' : 'statutory_referral';
  return { purposeCode, legalBasis: input.workerConsent ? DISCLOSURE_BASIS.worker_consent : '仅共享姓名及项目信息，不含敏感个人信息', shared };
}

/** The proceedings of a labor dispute: arbitration first, then the court. */
const PROCEEDINGS: ReceivingAgencyType[] = ['arbitration', 'court'];

/**
 * The procedure the law sets for a referral, checked before it is sent: a labor dispute goes to court only after
 * arbitration has ended (an award, a refusal, a case handed to court) or on a ground the clerk names; a claim already
 * before arbitration or a court is not sent to the other at the same time without a reason. Returns what the
 * receiving agency is told of it.
 */
export function procedureFor(
  application: Pick<Application, 'matter' | 'urgentKind'>,
  earlier: Pick<Referral, 'toAgencyType' | 'status' | 'lastStep' | 'clockRule' | 'clockStatus' | 'clockDueOn'>[],
  input: CreateReferralInput,
  today = localDate(new Date()),
): { notes: string[] } {
  const notes: string[] = [];
  // A case accepted first for preservation or advance execution carries its ground already.
  // Arbitration that let its period to accept or to award run out opens the way to court (LDMAL arts. 29, 43).
  const lapsed = earlier.some((r) => arbitrationLapsed(r, today));
  const courtBasis = input.courtBasis ??
    (application.urgentKind === 'preservation' || application.urgentKind === 'advance_execution' ? 'preservation'
      : lapsed ? 'arbitration_not_decided'
      : earlier.some((r) => r.toAgencyType === 'work-injury' && r.lastStep === 'injury_not_recognized') ? 'administrative_suit' : undefined);
  // A proceeding has ended with its decision (an award, a refusal, a case handed on), whatever its referral's status.
  const decided = (r: (typeof earlier)[number]) => FINAL_STATUSES.includes(r.status) || ['handed_to_court', 'award_final', 'award_non_final'].includes(r.lastStep ?? '');
  // A lapsed arbitration no longer stands in the way of a lawsuit, and the court is told why it comes without an award.
  const ended = (r: (typeof earlier)[number]) => decided(r) || arbitrationLapsed(r, today);
  const arbitrationEnded = earlier.some((r) => r.toAgencyType === 'arbitration' && decided(r));
  if (input.toAgencyType === 'court' && KEY_MATTERS.includes(application.matter) && !arbitrationEnded) {
    if (!courtBasis) {
      throw fieldError('courtBasis', '劳动争议应先申请劳动仲裁，对裁决不服再起诉（《劳动争议调解仲裁法》第五条、第五十条）；未经仲裁移送法院，请选明法定情形');
    }
    notes.push(`未经仲裁直接起诉的情形：${COURT_DIRECT_BASES[courtBasis]}`);
  }
  if (PROCEEDINGS.includes(input.toAgencyType)) {
    const other = earlier.find((r) => PROCEEDINGS.includes(r.toAgencyType) && r.toAgencyType !== input.toAgencyType && !ended(r));
    if (other) {
      if (!input.parallelReason) {
        throw fieldError('parallelReason', `该请求已在${AGENCY_TYPE_NAMES[other.toAgencyType]}处理中，同时向${AGENCY_TYPE_NAMES[input.toAgencyType]}移送须说明理由（同一争议不宜并行两个程序）`);
      }
      notes.push(`${AGENCY_TYPE_NAMES[other.toAgencyType]}程序进行中，同时移送的理由：${input.parallelReason}`);
    }
  }
  return { notes };
}

@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly applications: ApplicationsService,
    private readonly directory: OfficeIndex,
    private readonly clocks: ClockService,
  ) {}

  /** Refers the caller's case to an office (by default, the agency where the work was done). */
  async refer(caller: Caller, applicationId: string, input: CreateReferralInput): Promise<Referral> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockOwn(manager, caller, applicationId);
      if (ENDED_STATUSES.includes(application.status)) throw new ConflictException(`该案件${APPLICATION_STATUSES[application.status]}，不能再移送`);
      const target =
        input.toAgencyId ??
        this.directory.serving(input.toAgencyType, jurisdictionArea(application, input.toAgencyType), application.matter)?.officeId ??
        officeId(input.toAgencyType, jurisdictionArea(application, input.toAgencyType));
      const [type, area] = target.split(':');
      const listed = this.directory.get(target);
      if (type !== input.toAgencyType || !isGanzhouServiceArea(area) || (this.directory.offices().length && !listed?.active)) {
        throw fieldError('toAgencyId', '接收机构与机构类型不符，或不在本市机构名录中');
      }
      const earlier = await manager.find(Referral, { where: { applicationId } });
      const procedure = procedureFor(application, earlier, input);
      const disclosure = disclosureFor(input);
      const referral = manager.create(Referral, {
        id: randomUUID(), applicationId, fromAgencyId: caller.agencyId, toAgencyType: input.toAgencyType, toAgencyId: target,
        status: 'requested', requestedBy: caller.sub, ...disclosure,
      });
      // One open referral per case and office (a partial unique index): a second one inserts nothing.
      const inserted = await manager.createQueryBuilder().insert().into(Referral).values(referral).orIgnore().returning('id').execute();
      if ((inserted.raw as unknown[]).length === 0) throw new ConflictException('该案件已移送该机构且尚未办结');
      // The worker's own periods: a request to an agency interrupts the arbitration limitation (LDMAL art. 27(2)); a
      // lawsuit is what the 15 days after a non-final award were for (art. 50).
      if (['labor-inspection', 'arbitration', 'court'].includes(input.toAgencyType)) await this.clocks.stop(manager, application.id, 'interrupted by a request to an agency', 'worker.arbitration-limitation');
      if (input.toAgencyType === 'court') await this.clocks.stop(manager, application.id, 'sued', 'worker.sue-after-award');
      // The application for the determination is made: the worker's year under WIIR art. 17 has been met.
      if (input.toAgencyType === 'work-injury') await this.clocks.stop(manager, application.id, 'applied', 'worker.injury-application');
      await this.outbox.publish(manager, ReferralRequested, {
        referralId: referral.id,
        caseId: application.id,
        fromAgencyId: caller.agencyId,
        fromAgencyType: 'legal-aid',
        toAgencyId: target,
        toAgencyType: input.toAgencyType,
        divisionCode: application.divisionCode,
        matter: application.matter,
        industry: application.industry,
        greenChannel: application.greenChannel,
        priority: application.priority,
        ...disclosure,
        worker: {
          key: application.workerKey,
          name: application.workerName,
          ...(disclosure.shared.includes('idNumber') ? { idNumber: application.workerIdNumber } : {}),
          ...(disclosure.shared.includes('phone') ? { phone: application.workerPhone } : {}),
        },
        employer: { name: application.employerName, creditCode: application.employerCreditCode },
        ...(application.projectName && disclosure.shared.includes('project')
          ? { project: { name: application.projectName, ...(application.projectAddress ? { address: application.projectAddress } : {}) } }
          : {}),
        amountOwedFen: application.amountOwedFen,
        workersAffected: application.workersAffected,
        summary: [application.summary, ...caseFactNotes(application), ...procedure.notes, ...(input.note ? [`移送说明：${input.note}`] : [])].join('\n'),
        requestedBy: caller.sub,
        requestedAt: new Date().toISOString(),
      });
      await recordTimeline(manager, referral.id, {
        type: 'requested', status: 'requested', by: caller.sub, note: [...procedure.notes, ...(input.note ? [input.note] : [])].join('；') || null,
        data: { toAgencyId: target, ...(input.courtBasis ? { courtBasis: input.courtBasis } : {}), ...(input.parallelReason ? { parallelReason: input.parallelReason } : {}) },
      });
      return referral;
    });
  }

  /** The sender withdraws a referral the office has not accepted yet. */
  async revoke(caller: Caller, applicationId: string, referralId: string, reason: string): Promise<void> {
    await this.senderAction(caller, applicationId, referralId, 'revoke', async (m, r, at) => {
      await this.outbox.publish(m, ReferralRevoked, { ...this.senderBase(r, caller, at), reason });
      await recordTimeline(m, r.id, { type: 'revoked', status: r.status, by: caller.sub, note: reason, at });
    });
  }

  /** The sender supplies what a returned referral lacked; it goes back to the office's inbox. */
  async resubmit(caller: Caller, applicationId: string, referralId: string, note: string): Promise<void> {
    await this.senderAction(caller, applicationId, referralId, 'resubmit', async (m, r, at) => {
      await this.outbox.publish(m, ReferralResubmitted, { ...this.senderBase(r, caller, at), note });
      await recordTimeline(m, r.id, { type: 'resubmitted', status: r.status, by: caller.sub, note, at });
    });
  }

  private async senderAction(
    caller: Caller,
    applicationId: string,
    referralId: string,
    action: 'revoke' | 'resubmit',
    effect: (m: EntityManager, r: Referral, at: Date) => Promise<void>,
  ) {
    await this.dataSource.transaction(async (m) => {
      await this.applications.lockOwn(m, caller, applicationId);
      const r = await m.findOne(Referral, { where: { id: referralId, applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw new NotFoundException('未找到该转介');
      if (!canTransition(r.status, action)) throw new ConflictException(`转介状态为“${REFERRAL_STATUSES[r.status]}”，不能${action === 'revoke' ? '撤回' : '补充材料后重新移送'}`);
      const at = new Date();
      r.status = transition(r.status, action);
      r.statusAt = at;
      // Mirror what the office's acceptance clock does on its side: stops on revoke, runs again on resubmit.
      if (r.clockRule) r.clockStatus = action === 'revoke' ? 'stopped' : 'running';
      await m.save(r);
      await effect(m, r, at);
    });
  }

  private senderBase(r: Referral, caller: Caller, at: Date) {
    return { referralId: r.id, caseId: r.applicationId, fromAgencyId: r.fromAgencyId, toAgencyId: r.toAgencyId, toAgencyType: r.toAgencyType, by: caller.sub, at: at.toISOString() };
  }

  /** Applies a receiving office's update to the sender's copy, through the same state machine, and records it. */
  async applyUpdate(update: UpdateFields, ctx: InboxContext): Promise<void> {
    const type = ctx.envelope.type;
    const m = ctx.manager;
    const referral = await m.findOne(Referral, { where: { id: update.referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw new NonRetriableError(`unknown referral ${update.referralId}`);
    if (referral.toAgencyId !== update.toAgencyId) {
      throw new NonRetriableError(`update for referral ${referral.id} came from ${update.toAgencyId}, not ${referral.toAgencyId}`);
    }
    const action = ACTION_OF_EVENT[type];
    const changes: Partial<Referral> = {};
    if (action) {
      if (referral.status === 'revoked' && action === 'accept') {
        // The office accepted before our revocation reached it and will refuse the revocation: its state wins.
        await recordTimeline(m, referral.id, { type: 'revoke-refused', status: 'accepted', by: update.toAgencyId, note: '撤回前对方已受理，撤回未生效', at: new Date(update.at) });
        Object.assign(changes, { status: 'accepted', statusAt: new Date(update.at) });
      } else if (referral.status === 'revoked') {
        // The office acted before our revocation reached it; the revocation still applies there: record what it did.
        await recordTimeline(m, referral.id, { type: `${type.split('.')[1]}-after-revoke`, status: referral.status, by: update.toAgencyId, note: update.note ?? update.reason ?? null, at: new Date(update.at) });
        // Its clock, if it told us one, stopped with the revocation there.
        if (update.clock) {
          await m.update(Referral, { id: referral.id }, { clockRule: update.clock.rule, clockDueOn: update.clock.dueOn ?? null, clockStatus: 'stopped', clockProvisional: update.clock.provisional });
        }
        return;
      } else if (!canTransition(referral.status, action)) {
        throw new NonRetriableError(`referral ${referral.id} is ${referral.status}; cannot apply ${type}`);
      } else {
        Object.assign(changes, { status: transition(referral.status, action), statusAt: new Date(update.at) });
      }
    }
    const by = update.acceptedBy ?? update.declinedBy ?? update.returnedBy ?? update.resolvedBy ?? update.by ?? null;
    if (by) changes.handledBy = by;
    if (update.agencyCaseNumber) changes.agencyCaseNumber = update.agencyCaseNumber;
    if (update.clock) {
      Object.assign(changes, { clockRule: update.clock.rule, clockDueOn: update.clock.dueOn ?? null, clockStatus: update.clock.status, clockProvisional: update.clock.provisional });
    } else if (action === 'accept' || (action && FINAL_STATUSES.includes(changes.status!))) {
      // Accepted without a handling clock (court, union), or finished: the office's clock no longer runs.
      changes.clockStatus = 'stopped';
    }
    if (type === 'referral.declined') {
      Object.assign(changes, { declineReasonCode: update.reasonCode, statusNote: update.reason, suggestedAgencyId: update.suggestedAgencyId ?? null });
    } else if (type === 'referral.returned') {
      changes.statusNote = update.reason;
    } else if (type === 'referral.progressed') {
      // An office reports its own agency's steps only (a court does not issue an award): anything else is dead-lettered.
      if (!agencyStepLabel(referral.toAgencyType, update.step!)) throw new NonRetriableError(`referral ${referral.id}: ${update.step} is not a step of ${referral.toAgencyType}`);
      changes.lastStep = update.step;
      // The worker who does not accept an award has 15 days to sue (LDMAL art. 50; a final award too, art. 48); the
      // employer may apply within 30 days to set a final award aside (art. 49): on the case, for the lawyer.
      const periods = ({ award_non_final: ['worker.sue-after-award'], award_final: ['worker.sue-after-award', 'worker.final-award-challenge'] } as Record<string, string[]>)[update.step!] ?? [];
      if (periods.length) {
        const a = await m.findOneOrFail(Application, { where: { id: referral.applicationId } });
        for (const ruleId of periods) {
          await this.clocks.start(m, {
            ruleId, officeId: a.agencyId, agencyType: 'legal-aid', areaCode: a.divisionCode,
            subjectType: 'application', subjectId: a.id, caseId: a.id, at: new Date(update.at),
          });
        }
      }
    } else if (type === 'referral.resolved') {
      Object.assign(changes, { outcome: update.outcome, amountRecoveredFen: update.amountRecoveredFen, paymentConfirmed: update.paymentConfirmed, statusNote: update.note ?? null });
      await this.followUp(m, referral, update.paymentConfirmed === true);
    } else if (type === 'referral.accepted') {
      changes.statusNote = update.note ?? null;
    }
    if (Object.keys(changes).length) await m.update(Referral, { id: referral.id }, changes);
    const stepLabel = update.step ? agencyStepLabel(referral.toAgencyType, update.step) : undefined;
    await recordTimeline(m, referral.id, {
      type: type.slice('referral.'.length),
      status: changes.status ?? referral.status,
      by,
      note: update.note ?? update.reason ?? null,
      data: {
        ...(update.step ? { step: update.step, label: stepLabel } : {}),
        ...(update.dueOn ? { dueOn: update.dueOn } : {}),
        ...(update.amountFen !== undefined ? { amountFen: update.amountFen } : {}),
        ...(update.documentNumber ? { documentNumber: update.documentNumber } : {}),
        ...(update.paidOn ? { paidOn: update.paidOn } : {}),
        ...(update.workersPaid !== undefined ? { workersPaid: update.workersPaid } : {}),
        ...(update.clock ? { clock: update.clock } : {}),
        ...(update.agencyCaseNumber ? { agencyCaseNumber: update.agencyCaseNumber } : {}),
        ...(update.outcome ? { outcome: update.outcome, amountRecoveredFen: update.amountRecoveredFen, paymentConfirmed: update.paymentConfirmed } : {}),
      },
      at: new Date(update.at),
    });
    this.logger.log(`referral ${referral.id}: ${type}`);
  }

  /** An unpaid order or award keeps the case open for follow-up; a confirmed payment ends it. */
  private async followUp(m: EntityManager, referral: Referral, paid: boolean) {
    await m.update(Application, { id: referral.applicationId }, { followUp: !paid });
  }
}
