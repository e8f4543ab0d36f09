import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Minimum necessity: each referral records what it shared and on what legal basis. */
export class ReferralDisclosure1764300001100 implements MigrationInterface {
  name = 'ReferralDisclosure1764300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".referrals ADD COLUMN legal_basis text, ADD COLUMN shared jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".referrals DROP COLUMN legal_basis, DROP COLUMN shared`);
  }
}
