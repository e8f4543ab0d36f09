import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApplicationAccepted, ApplicationReceived, GREEN_CHANNEL_MATTERS } from '@yuanlian/contracts';
import type { Caller } from '@yuanlian/auth';
import { workerKey, workerKeySecret } from '@yuanlian/identity';
import { Outbox } from '@yuanlian/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { Application } from './application.entity';
import { CreateApplicationInput } from './application.dto';

@Injectable()
export class ApplicationsService {
  private readonly keySecret = workerKeySecret();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Intake: the green channel applies to wage and work-injury claims; urgent cases are accepted at once. */
  async create(caller: Caller, input: CreateApplicationInput): Promise<Application> {
    const greenChannel = GREEN_CHANNEL_MATTERS.includes(input.matter);
    const acceptFirst = input.urgent === true;
    const now = new Date();
    const application = Object.assign(new Application(), {
      id: randomUUID(),
      agencyId: caller.agencyId,
      divisionCode: input.divisionCode,
      channel: input.channel,
      matter: input.matter,
      industry: input.industry,
      workerName: input.worker.name,
      workerIdNumber: input.worker.idNumber.toUpperCase(),
      workerPhone: input.worker.phone,
      workerKey: workerKey(input.worker.idNumber, this.keySecret),
      employerName: input.employer.name,
      employerCreditCode: input.employer.creditCode,
      projectName: input.project?.name ?? null,
      projectAddress: input.project?.address ?? null,
      amountOwedFen: input.amountOwedFen,
      workersAffected: input.workersAffected,
      summary: input.summary,
      greenChannel,
      meansTestRequired: !greenChannel,
      priority: greenChannel || acceptFirst,
      acceptFirst,
      urgentReason: acceptFirst ? input.urgentReason ?? null : null,
      status: acceptFirst ? 'accepted' : 'received',
      createdBy: caller.sub,
      createdAt: now,
      acceptedAt: acceptFirst ? now : null,
    } satisfies Omit<Application, 'referrals'>);

    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Application, application);
      await this.outbox.publish(manager, ApplicationReceived, {
        applicationId: application.id,
        agencyId: application.agencyId,
        divisionCode: application.divisionCode,
        channel: application.channel,
        matter: application.matter,
        industry: application.industry,
        workerKey: application.workerKey,
        employerCreditCode: application.employerCreditCode,
        employerName: application.employerName,
        ...(application.projectName ? { projectName: application.projectName } : {}),
        amountOwedFen: application.amountOwedFen,
        workersAffected: application.workersAffected,
        greenChannel,
        priority: application.priority,
        acceptFirst,
        receivedAt: now.toISOString(),
      });
      if (acceptFirst) await this.publishAccepted(manager, application, caller);
    });
    return application;
  }

  /** Decision to grant legal aid. */
  async accept(caller: Caller, id: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockOwn(manager, caller, id);
      if (application.status !== 'received') throw new ConflictException('该申请已决定给予法律援助');
      application.status = 'accepted';
      application.acceptedAt = new Date();
      await manager.update(Application, { id }, { status: application.status, acceptedAt: application.acceptedAt });
      await this.publishAccepted(manager, application, caller);
      return application;
    });
  }

  async list(caller: Caller, limit = 50, offset = 0): Promise<Application[]> {
    return this.dataSource.getRepository(Application).find({
      where: { agencyId: caller.agencyId },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** One application of the caller's own office, with its referrals; other offices' cases do not exist for it. */
  async get(caller: Caller, id: string): Promise<Application> {
    const application = await this.dataSource.getRepository(Application).findOne({
      where: { id, agencyId: caller.agencyId },
      relations: { referrals: true },
    });
    if (!application) throw new NotFoundException('未找到该申请');
    return application;
  }

  /** Locks the caller's own application for a state change (serialises events per case). */
  async lockOwn(manager: EntityManager, caller: Caller, id: string): Promise<Application> {
    const application = await manager.findOne(Application, {
      where: { id, agencyId: caller.agencyId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw new NotFoundException('未找到该申请');
    return application;
  }

  private async publishAccepted(manager: EntityManager, a: Application, caller: Caller) {
    await this.outbox.publish(manager, ApplicationAccepted, {
      applicationId: a.id,
      agencyId: a.agencyId,
      divisionCode: a.divisionCode,
      greenChannel: a.greenChannel,
      acceptedBy: caller.sub,
      acceptedAt: (a.acceptedAt ?? new Date()).toISOString(),
    });
  }
}
