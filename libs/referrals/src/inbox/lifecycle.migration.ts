import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole lifecycle: the office's own case number, outcome and payment, and the case-number counter. */
export class ReferralInboxLifecycle1764300000500 implements MigrationInterface {
  name = 'ReferralInboxLifecycle1764300000500';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      ALTER TABLE "${s}".referral_inbox
        ADD COLUMN agency_case_number text,
        ADD COLUMN outcome text,
        ADD COLUMN amount_recovered_fen bigint,
        ADD COLUMN payment_confirmed boolean`);
    await q.query(`CREATE TABLE "${s}".case_numbers (office_id text NOT NULL, year integer NOT NULL, last integer NOT NULL, PRIMARY KEY (office_id, year))`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP TABLE "${s}".case_numbers`);
    await q.query(`ALTER TABLE "${s}".referral_inbox DROP COLUMN agency_case_number, DROP COLUMN outcome, DROP COLUMN amount_recovered_fen, DROP COLUMN payment_confirmed`);
  }
}
