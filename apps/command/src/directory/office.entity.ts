import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfficeV1 } from '@yuanlian/contracts';

/** The directory's source of truth; every change is published to the compacted directory topic. */
@Entity('offices')
export class OfficeRecord {
  @PrimaryColumn({ name: 'office_id', type: 'text' }) officeId: string;
  @Column({ type: 'jsonb' }) data: OfficeV1;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
