import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { DeclineReason, Outcome, ReceivingAgencyType } from '@yuanlian/contracts';
import { fenTransformer } from '@yuanlian/database';
import type { ReferralStatus } from '@yuanlian/referrals';
import { Application } from '../applications/application.entity';

/** The sender's copy of a referral: its status follows the receiving office's updates. */
@Entity('referrals')
export class Referral {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.referrals) @JoinColumn({ name: 'application_id' }) application?: Relation<Application>;
  @Column({ name: 'from_agency_id' }) fromAgencyId: string;
  @Column({ name: 'to_agency_type', type: 'text' }) toAgencyType: ReceivingAgencyType;
  @Column({ name: 'to_agency_id' }) toAgencyId: string;
  @Column('text') status: ReferralStatus;
  @Column({ name: 'decline_reason_code', type: 'text', nullable: true }) declineReasonCode: DeclineReason | null;
  @Column({ name: 'status_note', type: 'text', nullable: true }) statusNote: string | null;
  @Column({ name: 'suggested_agency_id', type: 'text', nullable: true }) suggestedAgencyId: string | null;
  @Column({ name: 'handled_by', type: 'text', nullable: true }) handledBy: string | null;
  @Column({ name: 'requested_by' }) requestedBy: string;
  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'status_at', type: 'timestamptz', nullable: true }) statusAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'purpose_code', type: 'text', default: 'statutory_referral' }) purposeCode: string;
  @Column({ name: 'legal_basis', type: 'text', nullable: true }) legalBasis: string | null;
  /** The optional personal data the referral shared (minimum necessity). */
  @Column({ type: 'jsonb', default: () => "'[]'" }) shared: string[];
  /** The receiving office's own case number, once it accepted. */
  @Column({ name: 'agency_case_number', type: 'text', nullable: true }) agencyCaseNumber: string | null;
  /** The receiving office's current statutory clock, as last reported. */
  @Column({ name: 'clock_rule', type: 'text', nullable: true }) clockRule: string | null;
  @Column({ name: 'clock_due_on', type: 'date', nullable: true }) clockDueOn: string | null;
  @Column({ name: 'clock_status', type: 'text', nullable: true }) clockStatus: string | null;
  @Column({ name: 'clock_provisional', type: 'boolean', nullable: true }) clockProvisional: boolean | null;
  @Column({ name: 'last_step', type: 'text', nullable: true }) lastStep: string | null;
  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ name: 'amount_recovered_fen', type: 'bigint', nullable: true, transformer: fenTransformer }) amountRecoveredFen: number | null;
  @Column({ name: 'payment_confirmed', type: 'boolean', nullable: true }) paymentConfirmed: boolean | null;
}

/**
 * Arbitration let its period run out: no decision to accept within 5 days, or no award within 45 (+15) days of
 * acceptance. The worker may then sue (LDMAL art. 29: 逾期未作出决定的，申请人可以就该劳动争议事项向人民法院提起诉讼;
 * art. 43: 逾期未作出仲裁裁决的，当事人可以就该劳动争议事项向人民法院提起诉讼).
 */
export function arbitrationLapsed(r: Pick<Referral, 'toAgencyType' | 'clockRule' | 'clockStatus' | 'clockDueOn'>, today: string): boolean {
  return r.toAgencyType === 'arbitration' && r.clockStatus === 'running' && !!r.clockDueOn && r.clockDueOn < today &&
    (r.clockRule === 'arbitration.acceptance' || r.clockRule === 'arbitration.award');
}
