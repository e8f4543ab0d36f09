import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The receiver stores only what was shared: ID number and phone may be absent; basis and shared fields kept. */
export class ReferralInboxDisclosure1764300001100 implements MigrationInterface {
  name = 'ReferralInboxDisclosure1764300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "${migrationSchema(q)}".referral_inbox
        ALTER COLUMN worker_id_number DROP NOT NULL,
        ALTER COLUMN worker_phone DROP NOT NULL,
        ADD COLUMN legal_basis text,
        ADD COLUMN shared jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".referral_inbox DROP COLUMN legal_basis, DROP COLUMN shared`);
  }
}
