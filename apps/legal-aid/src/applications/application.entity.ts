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
