import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import { CaseTransferred } from '@yuanlian/contracts';
import { ClockService, StatutoryClock } from '@yuanlian/deadlines';
import { OfficeIndex } from '@yuanlian/directory';
import { isGanzhouServiceArea } from '@yuanlian/identity';
import { Outbox } from '@yuanlian/messaging';
import { FINAL_STATUSES } from '@yuanlian/referrals';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Application, APPLICATION_STATUSES, ENDED_STATUSES } from '../applications/application.entity';
import { ApplicationsService } from '../applications/applications.service';
import { Referral } from '../referrals/referral.entity';
import { CaseTransfer } from './case-transfer.entity';
import { InboundTransferInput, TransferInput } from './transfer.dto';
import { fieldError } from '@yuanlian/runtime';

/**
 * Cross-region collaboration (异地协作): a case moves to the center nearer the worker. Within Ganzhou the
 * ownership moves and the new center sees the whole history; to another city the case is handed over and
 * stays here read-only; a case from another city enters the receiving center's intake queue. Every move needs
 * the worker's recorded consent.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly applications: ApplicationsService,
    private readonly clocks: ClockService,
    private readonly directory: OfficeIndex,
  ) {}

  async transfer(caller: Caller, id: string, input: TransferInput): Promise<void> {
    const area = input.toCenter.split(':')[1];
    const within = isGanzhouServiceArea(area);
    if (input.toCenter === caller.agencyId) throw fieldError('toCenter', '不能移交给本中心');
    if (!within && area.startsWith('3607')) throw fieldError('toCenter', '不是本市的县（市、区）法律援助中心');
    const target = within ? this.directory.get(input.toCenter) : undefined;
    if (within && this.directory.offices().length && !target?.active) throw fieldError('toCenter', '接收中心不在本市机构名录中');
    if (!within && !input.toCenterName) {
      throw fieldError('toCenterName', '移交外市须填写接收中心名称');
    }
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (ENDED_STATUSES.includes(a.status)) throw new ConflictException(`该案件${APPLICATION_STATUSES[a.status]}，不能再移交`);
      if (within) {
        await m.update(Application, { id }, { agencyId: input.toCenter });
        await m.update(StatutoryClock, { subjectId: id }, { officeId: input.toCenter });
      } else {
        const open = await m.count(Referral, { where: { applicationId: id, status: Not(In([...FINAL_STATUSES])) } });
        if (open) throw new ConflictException(`尚有${open}件转介未办结，请先撤回或待其办结后再移交外市`);
        await m.update(Application, { id }, { status: 'transferred_out' });
        await this.clocks.stop(m, id, 'transferred out');
      }
      await this.record(m, a, within ? 'within' : 'outbound', caller, {
        fromCenter: caller.agencyId, fromCenterName: this.directory.get(caller.agencyId)?.name ?? null,
        toCenter: input.toCenter, toCenterName: target?.name ?? input.toCenterName ?? null, reason: input.reason, consent: input.consent,
      });
    });
  }

  /** A case from another city enters the caller's intake queue; the decision clock starts. */
  async inbound(caller: Caller, input: InboundTransferInput): Promise<Application> {
    if (isGanzhouServiceArea(input.fromCenter.split(':')[1])) {
      throw fieldError('fromCenter', '本市中心之间请使用案件移交');
    }
    return this.applications.create(caller, input.application, (m, a) =>
      this.record(m, a, 'inbound', caller, {
        fromCenter: input.fromCenter, fromCenterName: input.fromCenterName, toCenter: caller.agencyId,
        toCenterName: this.directory.get(caller.agencyId)?.name ?? null,
        reason: input.fromCaseNumber ? `${input.reason}（原案号：${input.fromCaseNumber}）` : input.reason, consent: input.consent,
      }),
    );
  }

  private async record(
    m: EntityManager,
    a: Application,
    direction: CaseTransfer['direction'],
    caller: Caller,
    t: Pick<CaseTransfer, 'fromCenter' | 'fromCenterName' | 'toCenter' | 'toCenterName' | 'reason'> & { consent: { method: CaseTransfer['consentMethod']; at: string } },
  ) {
    const at = new Date();
    await m.insert(CaseTransfer, {
      id: randomUUID(), applicationId: a.id, direction, fromCenter: t.fromCenter, fromCenterName: t.fromCenterName, toCenter: t.toCenter,
      toCenterName: t.toCenterName, reason: t.reason, consentMethod: t.consent.method, consentRecordedBy: caller.sub,
      consentAt: new Date(t.consent.at), transferredBy: caller.sub, at,
    });
    await this.outbox.publish(m, CaseTransferred, {
      applicationId: a.id, direction, fromCenter: t.fromCenter, toCenter: t.toCenter, consentMethod: t.consent.method, at: at.toISOString(),
    });
  }
}
