import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A demonstration site's or window's innovation report (创新经验报告): at least one a year each. */
@Entity('innovation_reports')
export class InnovationReport {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'office_id' }) officeId: string;
  @Column({ name: 'division_code' }) divisionCode: string;
  @Column() year: number;
  @Column() title: string;
  @Column('text') summary: string;
  @Column({ name: 'submitted_by' }) submittedBy: string;
  @Column({ name: 'submitted_by_name' }) submittedByName: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
}
