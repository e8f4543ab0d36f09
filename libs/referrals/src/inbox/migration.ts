import { schemaMigration } from '@yuanlian/database';

/** The shared referral inbox; its index serves the office's list: priority first, newest first. */
export const CreateReferralInbox1764300000200 = schemaMigration('CreateReferralInbox1764300000200', {
  up: [
    `CREATE TABLE {schema}.referral_inbox (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        office_id text NOT NULL,
        division_code text NOT NULL,
        from_agency_id text NOT NULL,
        from_agency_type text NOT NULL,
        matter text NOT NULL,
        industry text NOT NULL,
        green_channel boolean NOT NULL,
        priority boolean NOT NULL,
        purpose_code text NOT NULL,
        worker_key text NOT NULL,
        worker_name text NOT NULL,
        worker_id_number text NOT NULL,
        worker_phone text NOT NULL,
        employer_name text NOT NULL,
        employer_credit_code text NOT NULL,
        project_name text,
        project_address text,
        amount_owed_fen bigint NOT NULL,
        workers_affected integer NOT NULL,
        summary text NOT NULL,
        status text NOT NULL,
        decline_reason_code text,
        status_note text,
        suggested_agency_id text,
        handled_by text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        status_at timestamptz NOT NULL
    )`,
    `CREATE INDEX referral_inbox_office ON {schema}.referral_inbox (office_id, status, priority DESC, received_at DESC)`,
    `CREATE INDEX referral_inbox_employer ON {schema}.referral_inbox (employer_credit_code)`,
  ],
  down: [
    `DROP TABLE {schema}.referral_inbox`,
  ],
});
