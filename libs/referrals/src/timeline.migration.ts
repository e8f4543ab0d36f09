import { schemaMigration } from '@yuanlian/database';

export const CreateReferralTimeline1764300000400 = schemaMigration('CreateReferralTimeline1764300000400', {
  up: [
    `CREATE TABLE {schema}.referral_timeline (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL,
        type text NOT NULL,
        status text,
        by text,
        note text,
        data jsonb,
        at timestamptz NOT NULL
    )`,
    `CREATE INDEX referral_timeline_referral ON {schema}.referral_timeline (referral_id, id)`,
  ],
  down: [
    `DROP TABLE {schema}.referral_timeline`,
  ],
});
