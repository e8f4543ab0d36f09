import { schemaMigration } from '@yuanlian/database';

/**
 * One open referral per case and receiving office, kept by the database: the referral is inserted with
 * ON CONFLICT DO NOTHING instead of being counted first (one statement less on the hot path, and no reliance on the
 * case's row lock). The final statuses are those of libs/referrals' FINAL_STATUSES.
 */
export const ONE_OPEN_REFERRAL_INDEX =
  `CREATE UNIQUE INDEX referrals_one_open ON {schema}.referrals (application_id, to_agency_id) WHERE status NOT IN ('declined', 'resolved', 'revoked')`;

export const OneOpenReferral1764300001700 = schemaMigration('OneOpenReferral1764300001700', {
  up: [ONE_OPEN_REFERRAL_INDEX],
  down: [`DROP INDEX {schema}.referrals_one_open`],
});
