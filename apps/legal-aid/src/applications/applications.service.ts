import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApplicationAccepted, ApplicationReceived, GANZHOU_CITY_CODE, GREEN_CHANNEL_MATTERS, KEY_MATTERS } from '@yuanlian/contracts';
import { recordAccess } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { isValidCreditCode, isValidResidentId, PHONE_PATTERN, workerKey, workerKeySecret } from '@yuanlian/identity';
import { Outbox } from '@yuanlian/messaging';
import { fieldError } from '@yuanlian/runtime';
import { ClockService, localDate } from '@yuanlian/deadlines';
import { FINAL_STATUSES, ReferralTimelineEntry } from '@yuanlian/referrals';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { Referral } from '../referrals/referral.entity';
import { CaseTransfer } from '../transfers/case-transfer.entity';
import { AidObjection } from './aid-objection.entity';
import { checkAssignable } from '../lawyers/lawyers.service';
import { Application, APPLICATION_STATUSES, ENDED_STATUSES, ENDED_STATUSES_SQL } from './application.entity';
import type { ApplicationStatus } from './application.entity';
import { CreateApplicationInput } from './application.dto';
import { applicationView } from './application.view';
import { CASE_SORTS } from './application.dto';
import type { CaseQueue, CaseSort } from './application.dto';
import { meansCheck, meansTestExemptMatters } from './means-test';
import { idNumberHash, legalAidDataKeys, phoneHash } from './personal-data';

@Injectable()
export class ApplicationsService {
  private readonly keySecret = workerKeySecret();
  // Loaded at start: a service without its data keys does not start.
  private readonly dataKeys = legalAidDataKeys();
  private readonly meansTestExempt = meansTestExemptMatters();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clocks: ClockService,
  ) {}

  /** Intake: the green channel applies to migrant workers' wage and work-injury claims; urgent cases are accepted at once. */
  async create(caller: Caller, input: CreateApplicationInput, within?: (manager: EntityManager, a: Application) => Promise<void>): Promise<Application> {
    const migrantWorker = input.migrantWorker ?? true;
    const { greenChannel, meansTestRequired } = meansCheck(input.matter, migrantWorker, this.meansTestExempt);
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
      workerIdNumberHash: idNumberHash(input.worker.idNumber, this.dataKeys),
      workerPhone: input.worker.phone,
      workerPhoneHash: phoneHash(input.worker.phone, this.dataKeys),
      workerKey: workerKey(input.worker.idNumber, this.keySecret),
      employerName: input.employer.name,
      employerCreditCode: input.employer.creditCode,
      projectName: input.project?.name ?? null,
      projectAddress: input.project?.address ?? null,
      amountOwedFen: input.amountOwedFen,
      workersAffected: input.workersAffected,
      summary: input.summary,
      greenChannel,
      meansTestRequired,
      migrantWorker,
      employmentEndedOn: input.employmentEndedOn ?? null,
      injuredOn: input.matter === 'work_injury' ? input.injuredOn ?? null : null,
      generalContractorName: input.generalContractor?.name ?? null,
      generalContractorCreditCode: input.generalContractor?.creditCode ?? null,
      hiredByForeman: input.hiredByForeman ?? false,
      governmentFunded: input.governmentFunded ?? false,
      priority: greenChannel || acceptFirst,
      acceptFirst,
      urgentReason: acceptFirst ? input.urgentReason ?? null : null,
      urgentKind: acceptFirst ? input.urgentKind ?? null : null,
      status: acceptFirst ? 'accepted' : 'received',
      createdBy: caller.sub,
      createdAt: now,
      acceptedAt: acceptFirst ? now : null,
      lawyerName: null,
      assignedAt: null,
      paperworkCompletedAt: null,
      followUp: false,
      closedAt: null,
      closingNote: null,
      workplaceDivisionCode: input.workplaceDivisionCode && input.workplaceDivisionCode !== input.divisionCode ? input.workplaceDivisionCode : null,
      decisionGround: null,
      decisionNote: null,
      decidedAt: null,
      materialsRequested: null,
      materialsRequestedAt: null,
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
      if (acceptFirst) {
        // Aid first, paperwork later (art. 44): decided at once, the paperwork clock and the assignment clock run.
        await this.publishAccepted(manager, application, caller);
        await this.startClock(manager, application, 'legal-aid.paperwork', now);
        await this.startClock(manager, application, 'legal-aid.assignment', now);
      } else {
        await this.startClock(manager, application, 'legal-aid.decision', now);
      }
      // A labor dispute of a worker whose employment has ended: the year to apply for arbitration (LDMAL art. 27), shown
      // on the case and warned before it runs out; a referral interrupts it.
      if (application.employmentEndedOn && KEY_MATTERS.includes(application.matter)) {
        if (application.employmentEndedOn > localDate(now)) throw fieldError('employmentEndedOn', '劳动关系终止日期不能晚于今天');
        await this.startClock(manager, application, 'worker.arbitration-limitation', new Date(`${application.employmentEndedOn}T12:00:00+08:00`));
      }
      // A work injury: the worker's year to apply for the determination (WIIR art. 17), until the application is made.
      if (application.injuredOn) {
        if (application.injuredOn > localDate(now)) throw fieldError('injuredOn', '受伤日期不能晚于今天');
        await this.startClock(manager, application, 'worker.injury-application', new Date(`${application.injuredOn}T12:00:00+08:00`));
      }
      await within?.(manager, application);
    });
    return application;
  }

  /** Decision to grant legal aid. */
  async accept(caller: Caller, id: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockOwn(manager, caller, id);
      if (application.status !== 'received') throw new ConflictException('该申请已决定或已结案，不能再作决定');
      application.status = 'accepted';
      application.acceptedAt = new Date();
      await manager.update(Application, { id }, { status: application.status, acceptedAt: application.acceptedAt, materialsRequested: null, materialsRequestedAt: null });
      await this.publishAccepted(manager, application, caller);
      await this.clocks.stop(manager, id, 'decided', 'legal-aid.decision');
      await this.startClock(manager, application, 'legal-aid.assignment');
      return application;
    });
  }

  /** A lawyer is assigned to a granted case; the assignment clock stops. */
  async assign(caller: Caller, id: string, lawyerName: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockOwn(manager, caller, id);
      if (application.status !== 'accepted') throw new ConflictException('决定给予法律援助后才能指派律师');
      await checkAssignable(manager, application.agencyId, lawyerName);
      await manager.update(Application, { id }, { lawyerName, assignedAt: new Date() });
      await this.clocks.stop(manager, id, 'assigned', 'legal-aid.assignment');
    });
  }

  /** The paperwork of a case accepted first is complete; its clock stops. */
  async completePaperwork(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockOwn(manager, caller, id);
      if (!application.acceptFirst) throw new ConflictException('该申请不是先行受理的案件');
      if (application.paperworkCompletedAt) throw new ConflictException('材料已补齐');
      await manager.update(Application, { id }, { paperworkCompletedAt: new Date() });
      await this.clocks.stop(manager, id, 'paperwork completed', 'legal-aid.paperwork');
    });
  }

  /** Closing the loop: every referral must have reported an outcome and any unpaid order been followed up. */
  async close(caller: Caller, id: string, note: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockOwn(manager, caller, id);
      if (ENDED_STATUSES.includes(application.status)) throw new ConflictException(`该案件${APPLICATION_STATUSES[application.status]}，不能结案`);
      const referrals = await manager.find(Referral, { where: { applicationId: id } });
      const open = referrals.filter((r) => !FINAL_STATUSES.includes(r.status));
      if (open.length) throw new ConflictException(`尚有${open.length}件转介未反馈办理结果，不能结案`);
      if (application.followUp) throw new ConflictException('有裁决或指令未履行（未确认支付），须继续跟进后才能结案');
      await manager.update(Application, { id }, { status: 'closed', closedAt: new Date(), closingNote: note });
      await this.clocks.stop(manager, id, 'closed');
    });
  }

  private startClock(manager: EntityManager, a: Application, ruleId: string, at = new Date()) {
    return this.clocks.start(manager, {
      ruleId, officeId: a.agencyId, agencyType: 'legal-aid', areaCode: a.divisionCode,
      subjectType: 'application', subjectId: a.id, caseId: a.id, at,
    });
  }

  /**
   * The applications a caller reads, newest first: a county center its own office's, the city center (赣州市) every
   * county's. A worker's found by ID number or phone through their keyed hashes; `q` searches by what it looks like —
   * an ID number or phone (by hash, never in the clear), a credit code, a receiving agency's case number, or words of
   * the worker's, the employer's or the project's name.
   */
  async list(
    caller: Caller, limit = 50, offset = 0, status?: ApplicationStatus, worker: { idNumber?: string; phone?: string } = {}, q?: string, queue?: CaseQueue,
    sort: CaseSort = 'newest',
  ): Promise<{ items: Application[]; total: number }> {
    const query = this.dataSource.getRepository(Application).createQueryBuilder('a');
    this.inScope(query, caller);
    if (status) query.andWhere('a.status = :status', { status });
    if (queue === 'decision') query.andWhere(`a.status = 'received'`);
    if (queue === 'assignment') query.andWhere(`a.status = 'accepted' AND a.lawyer_name IS NULL`);
    if (queue === 'paperwork') query.andWhere(`a.accept_first AND a.paperwork_completed_at IS NULL AND a.status NOT IN (${ENDED_STATUSES_SQL})`);
    if (queue === 'follow_up') query.andWhere(`a.follow_up AND a.status NOT IN (${ENDED_STATUSES_SQL})`);
    // A lawyer's own cases: those assigned to them by name (the assignment records the name the director chose).
    if (queue === 'mine') query.andWhere(`a.lawyer_name = :me AND a.status NOT IN (${ENDED_STATUSES_SQL})`, { me: caller.name });
    if (worker.idNumber) query.andWhere('a.worker_id_number_hash = :idHash', { idHash: idNumberHash(worker.idNumber, this.dataKeys) });
    if (worker.phone) query.andWhere('a.worker_phone_hash = :phoneHash', { phoneHash: phoneHash(worker.phone, this.dataKeys) });
    const text = q?.trim();
    if (text) {
      const upper = text.toUpperCase();
      if (isValidResidentId(upper)) query.andWhere('a.worker_id_number_hash = :qId', { qId: idNumberHash(upper, this.dataKeys) });
      else if (PHONE_PATTERN.test(text)) query.andWhere('a.worker_phone_hash = :qPhone', { qPhone: phoneHash(text, this.dataKeys) });
      else if (isValidCreditCode(upper)) query.andWhere('a.employer_credit_code = :qCode', { qCode: upper });
      else {
        const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const byCaseNumber = query.subQuery().select('1').from(Referral, 'r').where('r.application_id = a.id AND r.agency_case_number ILIKE :like').getQuery();
        query.andWhere(`(a.worker_name ILIKE :like OR a.employer_name ILIKE :like OR a.project_name ILIKE :like OR EXISTS ${byCaseNumber})`, { like });
      }
    }
    const [column, order] = CASE_SORTS[sort];
    // Ties (same amount or headcount) newest first, so that paging is stable.
    query.orderBy(column, order);
    if (column !== 'a.created_at') query.addOrderBy('a.created_at', 'DESC');
    const [items, total] = await query.addOrderBy('a.id').take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  /**
   * At intake, before anything is stored: the open cases of the same worker (by ID number's hash) and of the same
   * employer (credit code) the caller may read, so that a clerk does not register a claim twice or miss a group.
   */
  async related(caller: Caller, idNumber?: string, creditCode?: string) {
    const open = (where: (q: ReturnType<Repository<Application>['createQueryBuilder']>) => void) => {
      const query = this.dataSource.getRepository(Application).createQueryBuilder('a');
      this.inScope(query, caller);
      query.andWhere(`a.status NOT IN (${ENDED_STATUSES_SQL})`);
      where(query);
      return query.orderBy('a.created_at', 'DESC').take(20).getManyAndCount();
    };
    const [sameWorker, workerTotal] = idNumber
      ? await open((q) => q.andWhere('a.worker_id_number_hash = :h', { h: idNumberHash(idNumber.toUpperCase(), this.dataKeys) }))
      : [[], 0];
    const [sameEmployer, employerTotal] = creditCode
      ? await open((q) => q.andWhere('a.employer_credit_code = :c', { c: creditCode.toUpperCase() }))
      : [[], 0];
    return { sameWorker, workerTotal, sameEmployer, employerTotal };
  }

  /** What waits at the center, for the menu: decisions to make, referrals returned for more material, unpaid orders to follow. */
  async counts(caller: Caller): Promise<{ decision: number; returned: number; followUp: number }> {
    const query = this.dataSource.getRepository(Application).createQueryBuilder('a')
      .select(`count(*) FILTER (WHERE a.status = 'received')::int`, 'decision')
      .addSelect(`count(*) FILTER (WHERE a.follow_up AND a.status <> 'closed')::int`, 'followUp')
      .addSelect(`count(*) FILTER (WHERE EXISTS (${this.dataSource.getRepository(Referral).createQueryBuilder('r').select('1').where(`r.application_id = a.id AND r.status = 'returned'`).getQuery()}))::int`, 'returned');
    query.where('a.agency_id = :agencyId', { agencyId: caller.agencyId });
    const row = await query.getRawOne<{ decision: number; returned: number; followUp: number }>();
    return { decision: row?.decision ?? 0, returned: row?.returned ?? 0, followUp: row?.followUp ?? 0 };
  }

  /** The lawyers the office has assigned, with the cases each has open (their load), busiest last. */
  async lawyers(caller: Caller): Promise<{ name: string; open: number }[]> {
    const query = this.dataSource.getRepository(Application).createQueryBuilder('a')
      .select('a.lawyer_name', 'name').addSelect(`count(*) FILTER (WHERE a.status NOT IN (${ENDED_STATUSES_SQL}))::int`, 'open')
      .where('a.lawyer_name IS NOT NULL');
    this.inScope(query, caller);
    return query.groupBy('a.lawyer_name').orderBy('open', 'ASC').addOrderBy('a.lawyer_name', 'ASC').getRawMany();
  }

  /** A county center reads its own office's cases; the city center every county's (it oversees them, it does not act on them). */
  private inScope(query: SelectQueryBuilder<Application>, caller: Caller) {
    if (caller.divisionCode !== GANZHOU_CITY_CODE) query.andWhere('a.agency_id = :agencyId', { agencyId: caller.agencyId });
  }

  /**
   * One application of the caller's own office with the worker's whole timeline: its own clocks, every referral
   * with its state, clock and the receiving office's case number, and each referral's history.
   */
  async get(caller: Caller, id: string) {
    const application = await this.dataSource.getRepository(Application).findOne({
      where: { id, ...(caller.divisionCode === GANZHOU_CITY_CODE ? {} : { agencyId: caller.agencyId }) },
      relations: { referrals: true },
    });
    if (!application) throw new NotFoundException('未找到该申请');
    const referralIds = (application.referrals ?? []).map((r) => r.id);
    const [clocks, timeline, transfers, objections] = await Promise.all([
      this.clocks.forSubject(this.dataSource.manager, id),
      referralIds.length
        ? this.dataSource.getRepository(ReferralTimelineEntry).find({ where: { referralId: In(referralIds) }, order: { id: 'ASC' } })
        : [],
      this.dataSource.getRepository(CaseTransfer).find({ where: { applicationId: id }, order: { at: 'ASC' } }),
      this.dataSource.getRepository(AidObjection).find({ where: { applicationId: id }, order: { recordedAt: 'ASC' } }),
    ]);
    return { application, clocks: clocks.map((c) => this.clocks.view(c)), timeline, transfers, objections };
  }

  /** A case as the caller reads it after creating or acting on it: its whole detail, identity masked. */
  async view(caller: Caller, id: string): Promise<ReturnType<typeof applicationView>> {
    const { application, ...detail } = await this.get(caller, id);
    return applicationView(application, detail);
  }

  /** Every read of a case is logged (who, which case, when, and why when the full ID number was shown). */
  async recordRead(caller: Caller, id: string, reveal?: { purpose: string }): Promise<void> {
    await recordAccess(this.dataSource.manager, caller, { subjectType: 'application', subjectId: id, revealed: !!reveal, purpose: reveal?.purpose });
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
