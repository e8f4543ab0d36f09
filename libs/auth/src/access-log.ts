import { Column, Entity, EntityManager, MigrationInterface, PrimaryGeneratedColumn, QueryRunner } from 'typeorm';
import { migrationSchema } from '@yuanlian/database';
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

export class CreateAccessLog1764300001200 implements MigrationInterface {
  name = 'CreateAccessLog1764300001200';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        agency_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        revealed boolean NOT NULL,
        purpose text
      )`);
    await q.query(`CREATE INDEX access_log_subject ON "${s}".access_log (subject_id, at)`);
    await q.query(`
      CREATE FUNCTION "${s}".access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON "${s}".access_log
      FOR EACH ROW EXECUTE FUNCTION "${s}".access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP TABLE "${s}".access_log`);
    await q.query(`DROP FUNCTION "${s}".access_log_append_only()`);
  }
}
