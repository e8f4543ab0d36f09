import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';
import { schemaMigration } from '@yuanlian/database';
import type { Caller } from './claims';

/** Who read which case, when, and — for full personal data — why. Append-only. */
@Entity('access_log')
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId: string;
  /** Full ID number or phone shown. */
  @Column({ type: 'boolean' }) revealed: boolean;
  @Column({ type: 'text', nullable: true }) purpose: string | null;
}

export async function recordAccess(
  manager: EntityManager,
  caller: Caller,
  read: { subjectType: string; subjectId: string; revealed?: boolean; purpose?: string | null },
): Promise<void> {
  await manager.insert(AccessLogEntry, {
    at: new Date(), userId: caller.sub, agencyId: caller.agencyId, subjectType: read.subjectType, subjectId: read.subjectId,
    revealed: read.revealed ?? false, purpose: read.purpose ?? null,
  });
}

/** The access log, with a trigger that refuses UPDATE and DELETE. */
export const CreateAccessLog1764300001200 = schemaMigration('CreateAccessLog1764300001200', {
  up: [
    `CREATE TABLE {schema}.access_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      user_id text NOT NULL,
      agency_id text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      revealed boolean NOT NULL,
      purpose text
    )`,
    `CREATE INDEX access_log_subject ON {schema}.access_log (subject_id, at)`,
    `CREATE FUNCTION {schema}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`,
    `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON {schema}.access_log
      FOR EACH ROW EXECUTE FUNCTION {schema}.access_log_append_only()`,
  ],
  down: [`DROP TABLE {schema}.access_log`, `DROP FUNCTION {schema}.access_log_append_only()`],
});
