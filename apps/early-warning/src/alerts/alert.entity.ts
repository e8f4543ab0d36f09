import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Acknowledgement, AlertExplanation, AlertLevel, AlertStatus, AlertSubject } from '@yuanlian/contracts';

/** The alert of one subject (employer, site or contractor chain); early warning owns its lifecycle. */
@Entity('alerts')
export class Alert {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'subject_key', type: 'text' }) subjectKey: string;
  @Column({ type: 'text' }) status: AlertStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'text' }) level: AlertLevel;
  @Column({ name: 'peak_level', type: 'text' }) peakLevel: AlertLevel;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ name: 'division_code', type: 'text' }) divisionCode: string;
  @Column({ type: 'jsonb' }) subject: AlertSubject;
  @Column({ type: 'jsonb' }) explanation: AlertExplanation;
  @Column({ type: 'jsonb' }) desks: string[];
  @Column({ type: 'jsonb' }) acknowledgements: Acknowledgement[];
  @Column({ name: 'assigned_to', type: 'text', nullable: true }) assignedTo: string | null;
  @Column({ type: 'integer' }) escalations: number;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ name: 'refs', type: 'jsonb' }) references: string[];
  @Column({ name: 'raised_on', type: 'date' }) raisedOn: string;
  @Column({ name: 'level_since', type: 'date' }) levelSince: string;
  @Column({ name: 'severe_since', type: 'date', nullable: true }) severeSince: string | null;
  @Column({ name: 'as_of', type: 'date' }) asOf: string;
  @Column({ name: 'level_changed_at', type: 'timestamptz' }) levelChangedAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
