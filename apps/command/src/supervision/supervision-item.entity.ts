import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An overdue statutory clock on the political-legal committee's supervision (督办) list. */
@Entity('supervision_items')
export class SupervisionItem {
  @PrimaryColumn('uuid', { name: 'clock_id' }) clockId: string;
  @Column({ type: 'text' }) rule: string;
  @Column({ name: 'rule_label', type: 'text' }) ruleLabel: string;
  @Column({ type: 'text' }) basis: string;
  @Column({ name: 'office_id', type: 'text' }) officeId: string;
  @Column({ name: 'agency_type', type: 'text' }) agencyType: string;
  @Column({ name: 'division_code', type: 'text' }) divisionCode: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ type: 'boolean' }) provisional: boolean;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt: Date;
  @Column({ name: 'supervised_by', type: 'text', nullable: true }) supervisedBy: string | null;
  @Column({ name: 'supervised_at', type: 'timestamptz', nullable: true }) supervisedAt: Date | null;
  @Column({ name: 'supervision_note', type: 'text', nullable: true }) supervisionNote: string | null;
}
