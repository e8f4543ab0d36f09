import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayCalendarYearV1 } from '@yuanlian/contracts';

/** A year's notice as the city's administrators entered it (its latest version); published to the compacted calendar topic. */
@Entity('calendar_years')
export class CalendarYearRecord {
  @PrimaryColumn({ type: 'text' }) year: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'jsonb' }) data: HolidayCalendarYearV1;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
