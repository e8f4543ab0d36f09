import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ThresholdOverride } from './thresholds';

/** Thresholds of one county (or `default` for the city-wide defaults), kept by administrators. */
@Entity('rule_sets')
export class RuleSet {
  @PrimaryColumn({ name: 'division_code', type: 'text' }) divisionCode: string;
  @Column({ type: 'jsonb' }) thresholds: ThresholdOverride;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
