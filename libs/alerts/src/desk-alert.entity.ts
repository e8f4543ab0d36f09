import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlertLevel, AlertStatus, AlertV1 } from '@yuanlian/contracts';

/** A desk's copy of an alert: the latest message early warning sent, plus this desk's own supervision note. */
@Entity('desk_alerts')
export class DeskAlert {
  @PrimaryColumn('uuid', { name: 'alert_id' }) alertId: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'text' }) status: AlertStatus;
  @Column({ type: 'text' }) level: AlertLevel;
  @Column({ name: 'division_code', type: 'text' }) divisionCode: string;
  @Column({ type: 'jsonb' }) desks: string[];
  @Column({ type: 'jsonb' }) data: Omit<AlertV1, 'deskType'>;
  @Column({ name: 'supervision', type: 'jsonb', default: () => "'[]'" }) supervision: { by: string; officeId: string; note: string; at: string }[];
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  /** When the first message of the alert was sent (kept through updates). */
  @Column({ name: 'first_sent_at', type: 'timestamptz', nullable: true }) firstSentAt: Date | null;
}
