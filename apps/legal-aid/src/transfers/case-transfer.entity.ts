import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONSENT_METHODS = { written: '书面同意', recorded_call: '电话录音同意', online: '网上确认' } as const;
export type ConsentMethod = keyof typeof CONSENT_METHODS;

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
