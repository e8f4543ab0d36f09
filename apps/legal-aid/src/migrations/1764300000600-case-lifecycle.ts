import { schemaMigration } from '@yuanlian/database';

/** The whole case lifecycle: lawyer assignment, paperwork, follow-up, closing; each referral's outcome and clock. */
export const CaseLifecycle1764300000600 = schemaMigration('CaseLifecycle1764300000600', {
  up: [
    `ALTER TABLE {schema}.applications
      ADD COLUMN lawyer_name text,
      ADD COLUMN assigned_at timestamptz,
      ADD COLUMN paperwork_completed_at timestamptz,
      ADD COLUMN follow_up boolean NOT NULL DEFAULT false,
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN closing_note text`,
    `ALTER TABLE {schema}.referrals
      ADD COLUMN agency_case_number text,
      ADD COLUMN clock_rule text,
      ADD COLUMN clock_due_on date,
      ADD COLUMN clock_status text,
      ADD COLUMN clock_provisional boolean,
      ADD COLUMN last_step text,
      ADD COLUMN outcome text,
      ADD COLUMN amount_recovered_fen bigint,
      ADD COLUMN payment_confirmed boolean,
      ADD COLUMN purpose_code text NOT NULL DEFAULT 'statutory_referral'`,
  ],
  down: [
    `ALTER TABLE {schema}.applications DROP COLUMN lawyer_name, DROP COLUMN assigned_at, DROP COLUMN paperwork_completed_at, DROP COLUMN follow_up, DROP COLUMN closed_at, DROP COLUMN closing_note`,
    `ALTER TABLE {schema}.referrals DROP COLUMN agency_case_number, DROP COLUMN clock_rule, DROP COLUMN clock_due_on, DROP COLUMN clock_status, DROP COLUMN clock_provisional, DROP COLUMN last_step, DROP COLUMN outcome, DROP COLUMN amount_recovered_fen, DROP COLUMN payment_confirmed, DROP COLUMN purpose_code`,
  ],
});
