import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Caller } from '@yuanlian/auth';
import {
  DECLINE_REASONS, INDUSTRIES, MATTERS, ReferralAccepted, ReferralDeclined, ReferralReceived, ReferralRequestedV1,
} from '@yuanlian/contracts';
import type { ReceivingAgencyType } from '@yuanlian/contracts';
import { serviceAreaName, workerView } from '@yuanlian/identity';
import { InboxContext, NonRetriableError, Outbox } from '@yuanlian/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { allowedActions, IllegalTransitionError, REFERRAL_STATUSES, ReferralAction, transition } from '../state-machine';
import type { ReferralStatus } from '../state-machine';
import { AcceptInput, DeclineInput } from './referral-inbox.dto';
import { ReceivedReferral } from './received-referral.entity';

export const INBOX_AGENCY_TYPE = Symbol('INBOX_AGENCY_TYPE');

/** The referral inbox every receiving agency shares: receive, list, read, accept, decline. */
@Injectable()
export class ReferralInboxService {
  constructor(
    @Inject(INBOX_AGENCY_TYPE) private readonly agencyType: ReceivingAgencyType,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** A referral addressed to this agency type lands in the named office's inbox and is acknowledged. */
  async receive(p: ReferralRequestedV1, ctx: InboxContext): Promise<void> {
    if (p.toAgencyType !== this.agencyType) throw new NonRetriableError(`referral for ${p.toAgencyType} reached ${this.agencyType}`);
    const now = new Date();
    const inserted = await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ReceivedReferral)
      .values({
        id: p.referralId,
        caseId: p.caseId,
        officeId: p.toAgencyId,
        divisionCode: p.divisionCode,
        fromAgencyId: p.fromAgencyId,
        fromAgencyType: p.fromAgencyType,
        matter: p.matter,
        industry: p.industry,
        greenChannel: p.greenChannel,
        priority: p.priority,
        purposeCode: p.purposeCode,
        workerKey: p.worker.key,
        workerName: p.worker.name,
        workerIdNumber: p.worker.idNumber,
        workerPhone: p.worker.phone,
        employerName: p.employer.name,
        employerCreditCode: p.employer.creditCode,
        projectName: p.project?.name ?? null,
        projectAddress: p.project?.address ?? null,
        amountOwedFen: p.amountOwedFen,
        workersAffected: p.workersAffected,
        summary: p.summary,
        status: transition('requested', 'receive'),
        requestedBy: p.requestedBy,
        requestedAt: new Date(p.requestedAt),
        receivedAt: now,
        statusAt: now,
      })
      .orIgnore()
      .returning('id')
      .execute();
    // Already in the inbox (a replay that reached us under another event id): acknowledge nothing twice.
    if ((inserted.raw as unknown[]).length === 0) return;
    await this.outbox.publish(
      ctx.manager,
      ReferralReceived,
      { referralId: p.referralId, caseId: p.caseId, toAgencyId: p.toAgencyId, fromAgencyType: p.fromAgencyType, at: now.toISOString() },
      { causedBy: ctx.envelope },
    );
  }

  async list(caller: Caller, status?: ReferralStatus, limit = 50, offset = 0): Promise<ReceivedReferral[]> {
    this.checkAgency(caller);
    return this.dataSource.getRepository(ReceivedReferral).find({
      where: { officeId: caller.agencyId, ...(status ? { status } : {}) },
      order: { priority: 'DESC', receivedAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  async get(caller: Caller, id: string): Promise<ReceivedReferral> {
    this.checkAgency(caller);
    const referral = await this.dataSource.getRepository(ReceivedReferral).findOne({ where: { id, officeId: caller.agencyId } });
    if (!referral) throw new NotFoundException('未找到该转介');
    return referral;
  }

  async accept(caller: Caller, id: string, input: AcceptInput): Promise<ReceivedReferral> {
    return this.act(caller, id, 'accept', async (manager, r, at) => {
      r.handledBy = caller.sub;
      r.statusNote = input.note ?? null;
      await this.outbox.publish(manager, ReferralAccepted, {
        ...this.updateBase(r, at),
        acceptedBy: caller.sub,
        ...(input.note ? { note: input.note } : {}),
      });
    });
  }

  async decline(caller: Caller, id: string, input: DeclineInput): Promise<ReceivedReferral> {
    return this.act(caller, id, 'decline', async (manager, r, at) => {
      r.handledBy = caller.sub;
      r.declineReasonCode = input.reasonCode;
      r.statusNote = input.reason;
      r.suggestedAgencyId = input.suggestedAgencyId ?? null;
      await this.outbox.publish(manager, ReferralDeclined, {
        ...this.updateBase(r, at),
        declinedBy: caller.sub,
        reasonCode: input.reasonCode,
        reason: input.reason,
        ...(input.suggestedAgencyId ? { suggestedAgencyId: input.suggestedAgencyId } : {}),
      });
    });
  }

  /** A state change on the caller's own referral: locked, checked against the machine, published with it. */
  private async act(
    caller: Caller,
    id: string,
    action: ReferralAction,
    effect: (manager: EntityManager, r: ReceivedReferral, at: Date) => Promise<void>,
  ): Promise<ReceivedReferral> {
    this.checkAgency(caller);
    return this.dataSource.transaction(async (manager) => {
      const r = await manager.findOne(ReceivedReferral, { where: { id, officeId: caller.agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw new NotFoundException('未找到该转介');
      try {
        r.status = transition(r.status, action);
      } catch (e) {
        if (e instanceof IllegalTransitionError) throw new ConflictException(e.message);
        throw e;
      }
      r.statusAt = new Date();
      await effect(manager, r, r.statusAt);
      await manager.save(r);
      return r;
    });
  }

  private updateBase(r: ReceivedReferral, at: Date) {
    return { referralId: r.id, caseId: r.caseId, toAgencyId: r.officeId, fromAgencyType: r.fromAgencyType as 'legal-aid', at: at.toISOString() };
  }

  private checkAgency(caller: Caller) {
    if (caller.agencyType !== this.agencyType) throw new ForbiddenException('本机构类型无权访问该收件箱');
  }
}

/** What an officer sees; the ID number and phone only in full with the reveal role and a stated purpose. */
export function receivedReferralView(r: ReceivedReferral, reveal = false) {
  return {
    id: r.id,
    caseId: r.caseId,
    officeId: r.officeId,
    divisionCode: r.divisionCode,
    divisionName: serviceAreaName(r.divisionCode),
    fromAgencyId: r.fromAgencyId,
    matter: r.matter,
    matterLabel: MATTERS[r.matter],
    industry: r.industry,
    industryLabel: INDUSTRIES[r.industry],
    greenChannel: r.greenChannel,
    priority: r.priority,
    worker: workerView({ key: r.workerKey, name: r.workerName, idNumber: r.workerIdNumber, phone: r.workerPhone }, reveal),
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
    handledBy: r.handledBy,
    requestedAt: r.requestedAt,
    receivedAt: r.receivedAt,
    statusAt: r.statusAt,
  };
}
