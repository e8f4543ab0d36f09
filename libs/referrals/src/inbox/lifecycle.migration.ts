import { schemaMigration } from '@yuanlian/database';

/** The whole lifecycle: the office's own case number, outcome and payment, and the case-number counter. */
export const ReferralInboxLifecycle1764300000500 = schemaMigration('ReferralInboxLifecycle1764300000500', {
  up: [
    `ALTER TABLE {schema}.referral_inbox
      ADD COLUMN agency_case_number text,
      ADD COLUMN outcome text,
      ADD COLUMN amount_recovered_fen bigint,
      ADD COLUMN payment_confirmed boolean`,
    `CREATE TABLE {schema}.case_numbers (office_id text NOT NULL, year integer NOT NULL, last integer NOT NULL, PRIMARY KEY (office_id, year))`,
  ],
  down: [
    `DROP TABLE {schema}.case_numbers`,
    `ALTER TABLE {schema}.referral_inbox DROP COLUMN agency_case_number, DROP COLUMN outcome, DROP COLUMN amount_recovered_fen, DROP COLUMN payment_confirmed`,
  ],
});
