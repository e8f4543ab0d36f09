import { BadRequestException, ConflictException, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import {
  officeId, ReferralDeclinedV1, ReferralRequested, ReferralUpdateBase,
} from '@yuanlian/contracts';
import { isGanzhouServiceArea } from '@yuanlian/identity';
import { InboxContext, NonRetriableError, Outbox } from '@yuanlian/messaging';
import { ACTION_OF_EVENT, canTransition, FINAL_STATUSES, transition } from '@yuanlian/referrals';
import { In, Not } from 'typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { CreateReferralInput } from './referral.dto';
import { Referral } from './referral.entity';

@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly applications: ApplicationsService,
  ) {}

  /** Refers the caller's case to an office (by default, the agency of the case's own county). */
  async refer(caller: Caller, applicationId: string, input: CreateReferralInput): Promise<Referral> {
    const toAgencyId = input.toAgencyId ?? null;
    return this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockOwn(manager, caller, applicationId);
      const target = toAgencyId ?? officeId(input.toAgencyType, application.divisionCode);
      const [type, area] = target.split(':');
      if (type !== input.toAgencyType || !isGanzhouServiceArea(area)) {
        throw new BadRequestException({ statusCode: 400, message: '请求参数有误', fields: { toAgencyId: ['接收机构与机构类型不符或不在本市'] } });
      }
      const open = await manager.count(Referral, {
        where: { applicationId, toAgencyId: target, status: Not(In([...FINAL_STATUSES])) },
      });
      if (open) throw new ConflictException('该案件已移送该机构且尚未办结');
      const referral = Object.assign(new Referral(), {
        id: randomUUID(),
        applicationId,
        fromAgencyId: caller.agencyId,
        toAgencyType: input.toAgencyType,
        toAgencyId: target,
        status: 'requested',
        declineReasonCode: null,
        statusNote: null,
        suggestedAgencyId: null,
        handledBy: null,
        requestedBy: caller.sub,
        statusAt: null,
      } satisfies Partial<Referral>);
      await manager.insert(Referral, referral);
      const requestedAt = new Date().toISOString();
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
        purposeCode: 'statutory_referral',
        worker: { key: application.workerKey, name: application.workerName, idNumber: application.workerIdNumber, phone: application.workerPhone },
        employer: { name: application.employerName, creditCode: application.employerCreditCode },
        ...(application.projectName
          ? { project: { name: application.projectName, ...(application.projectAddress ? { address: application.projectAddress } : {}) } }
          : {}),
        amountOwedFen: application.amountOwedFen,
        workersAffected: application.workersAffected,
        summary: input.note ? `${application.summary}\n移送说明：${input.note}` : application.summary,
        requestedBy: caller.sub,
        requestedAt,
      });
      return referral;
    });
  }

  /** Applies a receiving office's status update to the sender's copy, through the same state machine. */
  async applyUpdate(update: ReferralUpdateBase, ctx: InboxContext): Promise<void> {
    const action = ACTION_OF_EVENT[ctx.envelope.type];
    const referral = await ctx.manager.findOne(Referral, { where: { id: update.referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw new NonRetriableError(`unknown referral ${update.referralId}`);
    if (referral.toAgencyId !== update.toAgencyId) {
      throw new NonRetriableError(`update for referral ${referral.id} came from ${update.toAgencyId}, not ${referral.toAgencyId}`);
    }
    if (!canTransition(referral.status, action)) {
      throw new NonRetriableError(`referral ${referral.id} is ${referral.status}; cannot apply ${ctx.envelope.type}`);
    }
    const changes: Partial<Referral> = { status: transition(referral.status, action), statusAt: new Date(update.at) };
    if (ctx.envelope.type === 'referral.declined') {
      const declined = update as ReferralDeclinedV1;
      Object.assign(changes, {
        declineReasonCode: declined.reasonCode,
        statusNote: declined.reason,
        suggestedAgencyId: declined.suggestedAgencyId ?? null,
        handledBy: declined.declinedBy,
      });
    } else if ('acceptedBy' in update) {
      Object.assign(changes, { handledBy: update.acceptedBy as string, statusNote: (update as { note?: string }).note ?? null });
    } else if ('resolvedBy' in update) {
      Object.assign(changes, { handledBy: update.resolvedBy as string, statusNote: (update as { note?: string }).note ?? null });
    }
    await ctx.manager.update(Referral, { id: referral.id }, changes);
    this.logger.log(`referral ${referral.id} → ${changes.status}`);
  }
}
