import { timelineLabel } from '@yuanlian/contracts';
import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a referral's history, kept by the sender and by the receiver alike. */
@Entity('referral_timeline')
export class ReferralTimelineEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text', nullable: true }) status: string | null;
  @Column({ type: 'text', nullable: true }) by: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'jsonb', nullable: true }) data: Record<string, unknown> | null;
  @Column({ type: 'timestamptz' }) at: Date;
}

export function timelineView(e: ReferralTimelineEntry) {
  return { type: e.type, label: timelineLabel(e.type, e.data), status: e.status, by: e.by, note: e.note, data: e.data, at: e.at };
}

/** Appends a line to a referral's timeline inside the caller's transaction. */
export async function recordTimeline(
  m: EntityManager,
  referralId: string,
  entry: { type: string; status: string | null; by: string | null; note?: string | null; data?: Record<string, unknown> | null; at?: Date },
): Promise<void> {
  await m.save(m.create(ReferralTimelineEntry, { referralId, note: null, data: null, at: new Date(), ...entry }));
}
