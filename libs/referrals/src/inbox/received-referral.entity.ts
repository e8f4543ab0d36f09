import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeclineReason, Industry, Matter, Outcome } from '@yuanlian/contracts';
import { fenTransformer } from '@yuanlian/database';
import type { ReferralStatus } from '../state-machine';

/** A referral in a receiving office's inbox (labor inspection, arbitration, court, union). */
@Entity('referral_inbox')
export class ReceivedReferral {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  /** The receiving office; every query is scoped by it. */
  @Column({ name: 'office_id' }) officeId: string;
  @Column({ name: 'division_code' }) divisionCode: string;
  @Column({ name: 'from_agency_id' }) fromAgencyId: string;
  @Column({ name: 'from_agency_type' }) fromAgencyType: string;
  @Column('text') matter: Matter;
  @Column('text') industry: Industry;
  @Column({ name: 'green_channel' }) greenChannel: boolean;
  @Column() priority: boolean;
  @Column({ name: 'purpose_code' }) purposeCode: string;
  @Column({ name: 'legal_basis', type: 'text', nullable: true }) legalBasis: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) shared: string[];
  @Column({ name: 'worker_key' }) workerKey: string;
  @Column({ name: 'worker_name' }) workerName: string;
  /** Only when the sender shared them; sealed with the office's data key (`ReferralInboxService.worker` opens them). */
  @Column({ name: 'worker_id_number_sealed', type: 'text', nullable: true }) workerIdNumberSealed: string | null;
  @Column({ name: 'worker_phone_sealed', type: 'text', nullable: true }) workerPhoneSealed: string | null;
  @Column({ name: 'employer_name' }) employerName: string;
  @Column({ name: 'employer_credit_code' }) employerCreditCode: string;
  @Column({ name: 'project_name', type: 'text', nullable: true }) projectName: string | null;
  @Column({ name: 'project_address', type: 'text', nullable: true }) projectAddress: string | null;
  @Column({ name: 'amount_owed_fen', type: 'bigint', transformer: fenTransformer }) amountOwedFen: number;
  @Column({ name: 'workers_affected' }) workersAffected: number;
  @Column('text') summary: string;
  @Column('text') status: ReferralStatus;
  @Column({ name: 'decline_reason_code', type: 'text', nullable: true }) declineReasonCode: DeclineReason | null;
  @Column({ name: 'status_note', type: 'text', nullable: true }) statusNote: string | null;
  @Column({ name: 'suggested_agency_id', type: 'text', nullable: true }) suggestedAgencyId: string | null;
  @Column({ name: 'handled_by', type: 'text', nullable: true }) handledBy: string | null;
  @Column({ name: 'requested_by' }) requestedBy: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'status_at', type: 'timestamptz' }) statusAt: Date;
  /** This office's own number for the case (complaint, arbitration or court case number), given on acceptance. */
  @Column({ name: 'agency_case_number', type: 'text', nullable: true }) agencyCaseNumber: string | null;
  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ name: 'amount_recovered_fen', type: 'bigint', nullable: true, transformer: fenTransformer }) amountRecoveredFen: number | null;
  @Column({ name: 'payment_confirmed', type: 'boolean', nullable: true }) paymentConfirmed: boolean | null;
  /** The nearest running deadline (acceptance or handling), kept as the clocks move; the inbox is sorted by it. */
  @Column({ name: 'next_due_on', type: 'date', nullable: true }) nextDueOn: string | null;
}
