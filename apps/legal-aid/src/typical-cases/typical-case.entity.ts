import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Industry, Matter } from '@yuanlian/contracts';
import { fenTransformer } from '@yuanlian/database';

/**
 * A typical case's way to the case library: drafted by the county's center from one of its closed cases, checked by
 * the county's head, then by the city's center, then published (以案释法). A case the county or the city returns goes
 * back to its drafters.
 */
export const TYPICAL_CASE_STATUSES = {
  draft: '起草中',
  county_review: '待县级审核',
  city_review: '已报送，待市级审核',
  returned: '已退回修改',
  published: '已入库发布',
} as const;
export type TypicalCaseStatus = keyof typeof TYPICAL_CASE_STATUSES;

/** The parts of a typical case's text, in the order they are printed. */
export const TYPICAL_CASE_SECTIONS = { facts: '基本案情', handling: '援助过程', result: '处理结果', significance: '典型意义' } as const;
export type TypicalCaseSection = keyof typeof TYPICAL_CASE_SECTIONS;

@Entity('typical_cases')
export class TypicalCase {
  @PrimaryColumn('uuid') id: string;
  /** The closed case it was drafted from (never shown in the library). */
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'agency_id' }) agencyId: string;
  @Column({ name: 'division_code' }) divisionCode: string;
  /** The quarter whose duty it counts for, e.g. 2026-Q3. */
  @Column() quarter: string;
  @Column('text') status: TypicalCaseStatus;
  @Column() title: string;
  @Column('text') facts: string;
  @Column('text') handling: string;
  @Column('text') result: string;
  @Column('text') significance: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) keywords: string[];
  @Column('text') matter: Matter;
  @Column('text') industry: Industry;
  @Column({ name: 'workers_affected' }) workersAffected: number;
  @Column({ name: 'amount_claimed_fen', type: 'bigint', transformer: fenTransformer }) amountClaimedFen: number;
  @Column({ name: 'amount_recovered_fen', type: 'bigint', transformer: fenTransformer }) amountRecoveredFen: number;
  /** Agency types the case went through (labor inspection, arbitration…), for the library's filters. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) agencies: string[];
  /** Bumped on every change; an edit names the version it was made on (two editors do not overwrite each other). */
  @Column() version: number;
  @Column({ name: 'proposed_by' }) proposedBy: string;
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt: Date;
  /** When the county first sent it to the city (its head approved it): what the quarterly duty counts. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'return_note', type: 'text', nullable: true }) returnNote: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Who did what to a typical case, and when (proposed, edited, submitted, approved, returned, published). */
@Entity('typical_case_events')
export class TypicalCaseEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'typical_case_id', type: 'uuid' }) typicalCaseId: string;
  @Column('text') action: string;
  @Column() by: string;
  @Column({ name: 'by_name' }) byName: string;
  @Column({ name: 'by_agency' }) byAgency: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
}

export const REMINDER_KINDS = { due_soon: '报送期限将至', due_today: '今日为报送截止日', overdue: '已逾期未报送' } as const;
export type ReminderKind = keyof typeof REMINDER_KINDS;

/** A reminder of a county's quarterly duty, made once per county, quarter and kind by the duty sweep. */
@Entity('typical_case_reminders')
export class DutyReminder {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'division_code' }) divisionCode: string;
  @Column() quarter: string;
  @Column('text') kind: ReminderKind;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column('text') message: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
