import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import { AidDecisionReported, MIGRANT_EXEMPTION_BASIS, REFUSAL_GROUNDS } from '@yuanlian/contracts';
import type { AidDecisionKind, ObjectionDecision, RefusalGround, TerminationGround } from '@yuanlian/contracts';
import { Outbox } from '@yuanlian/messaging';
import { ClockService, localDate } from '@yuanlian/deadlines';
import { fieldError } from '@yuanlian/runtime';
import { DataSource, EntityManager } from 'typeorm';
import { AidObjection } from './aid-objection.entity';
import { Application, APPLICATION_STATUSES } from './application.entity';
import { ApplicationsService } from './applications.service';

/** The clocks a refusal or termination ends: whatever of the center's own is still running on the case. */
const OWN_CLOCKS = ['legal-aid.decision', 'legal-aid.assignment', 'legal-aid.paperwork'];
const REVIEW_CLOCK = 'legal-aid.objection-review';

/**
 * The decisions that refuse or end aid, and the applicant's remedy (Legal Aid Law arts. 43, 48, 49): a written refusal
 * with its ground, materials asked for at once (the 7 days stand still meanwhile), termination on one of art. 48's
 * grounds, and the objection to the justice bureau with its 5-day review, recorded as the bureau decides.
 */
@Injectable()
export class AidDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly clocks: ClockService,
    private readonly outbox: Outbox,
  ) {}

  /** The committee's statistics hear of each decision by its code, never the reasons written for the applicant. */
  private report(m: EntityManager, a: Application, kind: AidDecisionKind, code: string, at = new Date()) {
    return this.outbox.publish(m, AidDecisionReported, {
      applicationId: a.id, officeId: a.agencyId, divisionCode: a.divisionCode, kind, code, matter: a.matter, at: at.toISOString(),
    });
  }

  /** Art. 43: refusal, in writing with its reasons. A migrant worker's wage or injury claim is never refused for means (art. 42(3)). */
  async refuse(caller: Caller, id: string, ground: RefusalGround, note: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (a.status !== 'received') throw new ConflictException(`该申请${APPLICATION_STATUSES[a.status]}，不能再作不予法律援助的决定`);
      if (ground === 'means_not_met' && !a.meansTestRequired) {
        throw fieldError('ground', `本申请免予核查经济困难状况，不能以经济状况不符为由不予法律援助（${MIGRANT_EXEMPTION_BASIS}）`);
      }
      if (ground === 'other' && note.trim().length < 10) throw fieldError('note', `以“${REFUSAL_GROUNDS.other}”不予援助的，须具体说明理由（至少10个字）`);
      await this.end(m, a, 'refused', ground, note, 'refused');
    });
  }

  /** Art. 48: aid already given ends on one of its grounds, with the reasons. */
  async terminate(caller: Caller, id: string, ground: TerminationGround, note: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (a.status !== 'accepted') throw new ConflictException(`该案件${APPLICATION_STATUSES[a.status]}，只有已决定给予法律援助的案件可以终止`);
      await this.end(m, a, 'terminated', ground, note, 'terminated');
    });
  }

  /** Art. 43 para. 2: what is missing is asked for at once; the decision's days do not run until it comes. */
  async requestMaterials(caller: Caller, id: string, items: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (a.status !== 'received') throw new ConflictException(`该申请${APPLICATION_STATUSES[a.status]}，无需再补充材料`);
      if (a.materialsRequested) throw new ConflictException('已一次性告知需补充的材料，待申请人补齐后再作决定');
      const at = new Date();
      await m.update(Application, { id }, { materialsRequested: items, materialsRequestedAt: at });
      await this.clocks.pause(m, id, at);
    });
  }

  /** The applicant brought what was asked: the decision clock runs again from today. */
  async materialsReceived(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (!a.materialsRequested) throw new ConflictException('该申请没有待补充的材料');
      await m.update(Application, { id }, { materialsRequested: null, materialsRequestedAt: null });
      await this.clocks.resume(m, id);
    });
  }

  /** Art. 49: the objection as the justice bureau received it; its 5 days run from that day. */
  async object(caller: Caller, id: string, receivedOn: string, reason: string): Promise<AidObjection> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      if (a.status !== 'refused' && a.status !== 'terminated') throw new ConflictException('只能对不予法律援助或终止法律援助的决定提出异议');
      if (receivedOn > localDate(new Date())) throw fieldError('receivedOn', '收到异议的日期不能晚于今天');
      if (a.decidedAt && receivedOn < localDate(a.decidedAt)) throw fieldError('receivedOn', '收到异议的日期不能早于作出决定的日期');
      if (await m.count(AidObjection, { where: { applicationId: id, status: 'pending' } })) throw new ConflictException('已有一项异议正在审查');
      const objection = Object.assign(new AidObjection(), {
        id: randomUUID(), applicationId: id, against: a.status, receivedOn, reason, recordedBy: caller.sub, recordedAt: new Date(),
        status: 'pending' as const, decidedOn: null, documentNumber: null, decisionNote: null, decidedBy: null,
      });
      await m.save(objection);
      await this.clocks.start(m, {
        ruleId: REVIEW_CLOCK, officeId: a.agencyId, agencyType: 'legal-aid', areaCode: a.divisionCode,
        subjectType: 'application', subjectId: a.id, caseId: a.id, at: new Date(`${receivedOn}T12:00:00+08:00`),
      });
      await this.report(m, a, 'objection', a.decisionGround ?? 'other', new Date(`${receivedOn}T12:00:00+08:00`));
      return objection;
    });
  }

  /**
   * The bureau's decision, as written: upheld, the decision stands; corrected, the center must decide again — a refusal
   * returns to the decision with a new 7-day clock, a termination to aid as before.
   */
  async review(caller: Caller, id: string, objectionId: string, r: { decision: ObjectionDecision; decidedOn: string; documentNumber: string; note?: string }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.applications.lockOwn(m, caller, id);
      const objection = await m.findOne(AidObjection, { where: { id: objectionId, applicationId: id }, lock: { mode: 'pessimistic_write' } });
      if (!objection) throw new NotFoundException('未找到该异议');
      if (objection.status !== 'pending') throw new ConflictException('该异议已审查完毕');
      if (r.decidedOn < objection.receivedOn) throw fieldError('decidedOn', '审查决定的日期不能早于收到异议的日期');
      if (r.decidedOn > localDate(new Date())) throw fieldError('decidedOn', '审查决定的日期不能晚于今天');
      await m.update(AidObjection, { id: objectionId }, {
        status: r.decision, decidedOn: r.decidedOn, documentNumber: r.documentNumber, decisionNote: r.note ?? null, decidedBy: caller.sub,
      });
      await this.clocks.stop(m, id, r.decision, REVIEW_CLOCK, new Date(`${r.decidedOn}T12:00:00+08:00`));
      await this.report(m, a, 'objection_decided', r.decision, new Date(`${r.decidedOn}T12:00:00+08:00`));
      if (r.decision === 'upheld') return;
      const reopened = objection.against === 'refused' ? 'received' : 'accepted';
      await m.update(Application, { id }, { status: reopened, decisionGround: null, decisionNote: null, decidedAt: null });
      if (reopened === 'received') {
        await this.clocks.start(m, {
          ruleId: 'legal-aid.decision', officeId: a.agencyId, agencyType: 'legal-aid', areaCode: a.divisionCode,
          subjectType: 'application', subjectId: a.id, caseId: a.id,
        });
      }
    });
  }

  async objections(applicationId: string): Promise<AidObjection[]> {
    return this.dataSource.getRepository(AidObjection).find({ where: { applicationId }, order: { recordedAt: 'ASC' } });
  }

  private async end(m: EntityManager, a: Application, status: 'refused' | 'terminated', ground: string, note: string, reason: string) {
    await m.update(Application, { id: a.id }, { status, decisionGround: ground, decisionNote: note, decidedAt: new Date(), materialsRequested: null, materialsRequestedAt: null });
    for (const rule of OWN_CLOCKS) await this.clocks.stop(m, a.id, reason, rule);
    await this.report(m, a, status, ground);
  }
}
