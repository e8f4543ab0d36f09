import { schemaMigration } from '@yuanlian/database';

/** Minimum necessity: each referral records what it shared and on what legal basis. */
export const ReferralDisclosure1764300001100 = schemaMigration('ReferralDisclosure1764300001100', {
  up: [
    `ALTER TABLE {schema}.referrals ADD COLUMN legal_basis text, ADD COLUMN shared jsonb NOT NULL DEFAULT '[]'`,
  ],
  down: [
    `ALTER TABLE {schema}.referrals DROP COLUMN legal_basis, DROP COLUMN shared`,
  ],
});
