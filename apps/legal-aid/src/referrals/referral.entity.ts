import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { DeclineReason, ReceivingAgencyType } from '@yuanlian/contracts';
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
}
