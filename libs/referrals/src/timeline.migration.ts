import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReferralTimeline1764300000400 implements MigrationInterface {
  name = 'CreateReferralTimeline1764300000400';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".referral_timeline (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL,
        type text NOT NULL,
        status text,
        by text,
        note text,
        data jsonb,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX referral_timeline_referral ON "${s}".referral_timeline (referral_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${migrationSchema(q)}".referral_timeline`);
  }
}
