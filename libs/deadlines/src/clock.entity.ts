import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Pause } from './clock';

export type ClockStatus = 'running' | 'paused' | 'stopped';

export interface Extension {
  days: number;
  approvedBy: string;
  reason: string;
  at: string;
}

/** A statutory clock on a case or referral in a service's own schema. */
@Entity('clocks')
export class StatutoryClock {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'rule_id', type: 'text' }) ruleId: string;
  @Column({ name: 'office_id', type: 'text' }) officeId: string;
  @Column({ name: 'agency_type', type: 'text' }) agencyType: string;
  @Column({ name: 'area_code', type: 'text' }) areaCode: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: 'application' | 'referral';
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn: string | null;
  @Column({ type: 'boolean' }) provisional: boolean;
  @Column({ type: 'text' }) status: ClockStatus;
  @Column({ type: 'jsonb' }) pauses: Pause[];
  @Column({ type: 'jsonb' }) extensions: Extension[];
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt: Date | null;
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true }) stoppedAt: Date | null;
  @Column({ name: 'stop_reason', type: 'text', nullable: true }) stopReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
