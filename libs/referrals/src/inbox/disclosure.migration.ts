import { schemaMigration } from '@yuanlian/database';

/** The receiver stores only what was shared: ID number and phone may be absent; basis and shared fields kept. */
export const ReferralInboxDisclosure1764300001100 = schemaMigration('ReferralInboxDisclosure1764300001100', {
  up: [
    `ALTER TABLE {schema}.referral_inbox
      ALTER COLUMN worker_id_number DROP NOT NULL,
      ALTER COLUMN worker_phone DROP NOT NULL,
      ADD COLUMN legal_basis text,
      ADD COLUMN shared jsonb NOT NULL DEFAULT '[]'`,
  ],
  down: [
    `ALTER TABLE {schema}.referral_inbox DROP COLUMN legal_basis, DROP COLUMN shared`,
  ],
});
