import { creditCodeDivision, isGanzhouServiceArea } from '@yuanlian/identity';
import { dayInChinese } from '@yuanlian/deadlines';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Channel, Industry, Matter } from '@yuanlian/contracts';
import { fenTransformer } from '@yuanlian/database';
import { Referral } from '../referrals/referral.entity';
import { sealedColumn } from './personal-data';

export const APPLICATION_STATUSES = {
  received: '已受理登记', accepted: '已决定给予法律援助', closed: '已结案', transferred_out: '已移交外市',
  refused: '不予法律援助', terminated: '已终止法律援助',
} as const;
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES;
/** Where a case's own work has ended: nothing more is referred, decided or moved (an objection may reopen a refusal or termination). */
export const ENDED_STATUSES: readonly ApplicationStatus[] = ['closed', 'transferred_out', 'refused', 'terminated'];
export const ENDED_STATUSES_SQL = ENDED_STATUSES.map((x) => `'${x}'`).join(', ');

/** Legal Aid Law art. 44: when aid is given first and the paperwork completed later. */
export const URGENT_KINDS = {
  limitation: '诉讼或仲裁时效、期限即将届满（7日内）',
  preservation: '需立即申请财产或证据保全',
  advance_execution: '需立即申请先予执行',
} as const;
export type UrgentKind = keyof typeof URGENT_KINDS;

/**
 * Where the agencies that act on a claim sit: the place of work when it differs from the case's county — inspection
 * where the violation happened (Labor Security Supervision Regulations art. 13), arbitration where the contract is
 * performed (LDMAL art. 21), the court where the contract is performed or the employer is (SPC labor-dispute
 * interpretation (I) art. 3). A worker from 于都 who worked in 章贡区 is served by 章贡区's offices.
 */
export const placeOfWork = (a: { divisionCode: string; workplaceDivisionCode: string | null }) => a.workplaceDivisionCode ?? a.divisionCode;

/** The county that registered a unit (its credit code's division), when it is one of the city's. */
export const registeredArea = (creditCode: string | null | undefined): string | undefined => {
  const area = creditCodeDivision(creditCode);
  return area && isGanzhouServiceArea(area) ? area : undefined;
};

/**
 * Where an agency of the given type acts on the case: inspection and arbitration where the work was done (Labor Security
 * Supervision Regulations art. 13, LDMAL art. 21); the work-injury determination where the employer is (WIIR art. 17:
 * 用人单位所在地统筹地区) — for a worker hired by a crew leader, the contracting unit that bears the employer's liability
 * (人社部发〔2013〕34号 art. 7) — else the place of work.
 */
export function jurisdictionArea(
  a: { divisionCode: string; workplaceDivisionCode: string | null; employerCreditCode: string; hiredByForeman: boolean; generalContractorCreditCode: string | null },
  agencyType: string,
): string {
  if (agencyType === 'work-injury') {
    const liable = a.hiredByForeman && a.generalContractorCreditCode ? a.generalContractorCreditCode : a.employerCreditCode;
    return registeredArea(liable) ?? placeOfWork(a);
  }
  return placeOfWork(a);
}

@Entity('applications')
export class Application {
  @PrimaryColumn('uuid') id: string;
  /** The legal aid office that took the application in; every query is scoped by it. */
  @Column({ name: 'agency_id' }) agencyId: string;
  @Column({ name: 'division_code' }) divisionCode: string;
  /** Where the work was done, when not the case's county: the offices that act there are suggested (null: the case's county). */
  @Column({ name: 'workplace_division_code', type: 'text', nullable: true }) workplaceDivisionCode: string | null;
  @Column('text') channel: Channel;
  @Column('text') matter: Matter;
  @Column('text') industry: Industry;
  @Column({ name: 'worker_name' }) workerName: string;
  /** Sealed at rest with legal aid's data key; found by its keyed hash. */
  @Column({ name: 'worker_id_number_sealed', type: 'text', transformer: sealedColumn }) workerIdNumber: string;
  @Column({ name: 'worker_id_number_hash', type: 'text' }) workerIdNumberHash: string;
  @Column({ name: 'worker_phone_sealed', type: 'text', transformer: sealedColumn }) workerPhone: string;
  @Column({ name: 'worker_phone_hash', type: 'text' }) workerPhoneHash: string;
  @Column({ name: 'worker_key' }) workerKey: string;
  @Column({ name: 'employer_name' }) employerName: string;
  @Column({ name: 'employer_credit_code' }) employerCreditCode: string;
  @Column({ name: 'project_name', type: 'text', nullable: true }) projectName: string | null;
  @Column({ name: 'project_address', type: 'text', nullable: true }) projectAddress: string | null;
  @Column({ name: 'amount_owed_fen', type: 'bigint', transformer: fenTransformer }) amountOwedFen: number;
  @Column({ name: 'workers_affected' }) workersAffected: number;
  @Column('text') summary: string;
  /** Wage and work-injury claims: no means test, priority handling. */
  @Column({ name: 'green_channel' }) greenChannel: boolean;
  @Column({ name: 'means_test_required' }) meansTestRequired: boolean;
  /** A migrant worker (进城务工人员): with a wage or work-injury claim, exempt from the means check (Legal Aid Law art. 42(3)). */
  @Column({ name: 'migrant_worker', type: 'boolean', default: true }) migrantWorker: boolean;
  /** The day the employment ended, when it has: the worker's year to apply for arbitration runs from it (LDMAL art. 27). */
  @Column({ name: 'employment_ended_on', type: 'date', nullable: true }) employmentEndedOn: string | null;
  /** The accident (or the diagnosis of an occupational disease): the worker's year to apply for 工伤认定 runs from it. */
  @Column({ name: 'injured_on', type: 'date', nullable: true }) injuredOn: string | null;
  /** Construction: the general contractor, who pays first for its subcontractors and crew leaders (Wage Payment Regulations arts. 30, 36). */
  @Column({ name: 'general_contractor_name', type: 'text', nullable: true }) generalContractorName: string | null;
  @Column({ name: 'general_contractor_credit_code', type: 'text', nullable: true }) generalContractorCreditCode: string | null;
  /** Hired by a crew leader (包工头) who cannot be an employer: the contracting unit bears the employer's liabilities. */
  @Column({ name: 'hired_by_foreman', type: 'boolean', default: false }) hiredByForeman: boolean;
  @Column({ name: 'government_funded', type: 'boolean', default: false }) governmentFunded: boolean;
  @Column() priority: boolean;
  /** Urgent: aid first, paperwork later (Legal Aid Law art. 44). */
  @Column({ name: 'accept_first' }) acceptFirst: boolean;
  @Column({ name: 'urgent_reason', type: 'text', nullable: true }) urgentReason: string | null;
  @Column({ name: 'urgent_kind', type: 'text', nullable: true }) urgentKind: UrgentKind | null;
  @Column('text') status: ApplicationStatus;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column({ name: 'lawyer_name', type: 'text', nullable: true }) lawyerName: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @Column({ name: 'paperwork_completed_at', type: 'timestamptz', nullable: true }) paperworkCompletedAt: Date | null;
  /** An order or award went unpaid: the case stays open until a later referral confirms payment. */
  @Column({ name: 'follow_up', type: 'boolean', default: false }) followUp: boolean;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'closing_note', type: 'text', nullable: true }) closingNote: string | null;
  /** A refusal's or termination's ground (REFUSAL_GROUNDS / TERMINATION_GROUNDS), its written reasons and when. */
  @Column({ name: 'decision_ground', type: 'text', nullable: true }) decisionGround: string | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  /** Materials asked of the applicant at once (art. 43): the decision clock stands still until they come. */
  @Column({ name: 'materials_requested', type: 'text', nullable: true }) materialsRequested: string | null;
  @Column({ name: 'materials_requested_at', type: 'timestamptz', nullable: true }) materialsRequestedAt: Date | null;
  @OneToMany(() => Referral, (r) => r.application) referrals?: Relation<Referral>[];
}

/** The facts of the intake a receiving office needs beyond the summary: the general contractor, a crew leader, public funds, the injury's day. */
export function caseFactNotes(a: Pick<Application, 'generalContractorName' | 'generalContractorCreditCode' | 'hiredByForeman' | 'governmentFunded' | 'injuredOn'>): string[] {
  return [
    ...(a.generalContractorName ? [`施工总承包单位：${a.generalContractorName}（统一社会信用代码${a.generalContractorCreditCode}）`] : []),
    ...(a.hiredByForeman ? ['劳动者由不具备用工主体资格的个人（包工头）招用'] : []),
    ...(a.governmentFunded ? ['政府投资项目'] : []),
    ...(a.injuredOn ? [`事故伤害发生日：${dayInChinese(a.injuredOn)}`] : []),
  ];
}
