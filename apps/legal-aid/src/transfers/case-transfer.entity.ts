import type { ConsentMethod } from '@yuanlian/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case moving between legal aid centers (异地协作); the case keeps its history wherever it goes. */
@Entity('case_transfers')
export class CaseTransfer {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) direction: 'within' | 'outbound' | 'inbound';
  @Column({ name: 'from_center', type: 'text' }) fromCenter: string;
  @Column({ name: 'from_center_name', type: 'text', nullable: true }) fromCenterName: string | null;
  @Column({ name: 'to_center', type: 'text' }) toCenter: string;
  @Column({ name: 'to_center_name', type: 'text', nullable: true }) toCenterName: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'consent_method', type: 'text' }) consentMethod: ConsentMethod;
  @Column({ name: 'consent_recorded_by', type: 'text' }) consentRecordedBy: string;
  @Column({ name: 'consent_at', type: 'timestamptz' }) consentAt: Date;
  @Column({ name: 'transferred_by', type: 'text' }) transferredBy: string;
  @Column({ type: 'timestamptz' }) at: Date;
}
