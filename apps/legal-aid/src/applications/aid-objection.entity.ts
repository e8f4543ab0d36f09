import type { ObjectionDecision } from '@yuanlian/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An objection to a refusal or termination of aid, made to the justice bureau that set up the center (Legal Aid Law
 * art. 49). The center records it as the bureau received it and the bureau's decision as written, so the 5-day review
 * is followed on the case.
 */
@Entity('aid_objections')
export class AidObjection {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  /** The decision objected to. */
  @Column({ type: 'text' }) against: 'refused' | 'terminated';
  /** The day the justice bureau received the objection: the review's 5 days run from it. */
  @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ type: 'text' }) status: 'pending' | ObjectionDecision;
  @Column({ name: 'decided_on', type: 'date', nullable: true }) decidedOn: string | null;
  @Column({ name: 'document_number', type: 'text', nullable: true }) documentNumber: string | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
}
