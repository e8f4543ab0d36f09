import { ADMIN_AUDIT_TABLE } from '@yuanlian/auth';
import { schemaMigration } from '@yuanlian/database';

export const CreateEarlyWarning1764300001300 = schemaMigration('CreateEarlyWarning1764300001300', {
  up: [
    `CREATE TABLE {schema}.observations (
        id bigserial PRIMARY KEY,
        subject_key text NOT NULL,
        kind text NOT NULL,
        day date NOT NULL,
        worker_key text,
        workers integer NOT NULL,
        amount_fen bigint NOT NULL,
        months_missed integer NOT NULL,
        count integer NOT NULL,
        channel text,
        site text,
        office_id text,
        source_agency_type text NOT NULL,
        source_event_id uuid NOT NULL,
        UNIQUE (subject_key, source_event_id)
    )`,
    `CREATE INDEX observations_subject_day ON {schema}.observations (subject_key, day)`,
    `CREATE TABLE {schema}.subjects (
        subject_key text PRIMARY KEY,
        kind text NOT NULL,
        label text NOT NULL,
        division_code text NOT NULL,
        industry text NOT NULL,
        employer_credit_code text NOT NULL,
        general_contractor_credit_code text,
        government_funded boolean NOT NULL DEFAULT false,
        last_day date NOT NULL
    )`,
    `CREATE TABLE {schema}.projects (
        division_code text NOT NULL,
        name text NOT NULL,
        code text NOT NULL,
        employer_credit_code text NOT NULL,
        general_contractor_credit_code text,
        general_contractor_name text,
        developer_credit_code text,
        government_funded boolean NOT NULL,
        PRIMARY KEY (division_code, name)
    )`,
    `CREATE TABLE {schema}.credit_records (
        record_id text PRIMARY KEY,
        employer_credit_code text NOT NULL,
        listing text NOT NULL,
        listed_on date NOT NULL
    )`,
    `CREATE INDEX credit_records_employer ON {schema}.credit_records (employer_credit_code, listed_on)`,
    `CREATE TABLE {schema}.alerts (
        id uuid PRIMARY KEY,
        subject_key text NOT NULL,
        status text NOT NULL,
        status_reason text,
        level text NOT NULL,
        peak_level text NOT NULL,
        sequence integer NOT NULL,
        division_code text NOT NULL,
        subject jsonb NOT NULL,
        explanation jsonb NOT NULL,
        desks jsonb NOT NULL,
        acknowledgements jsonb NOT NULL DEFAULT '[]',
        assigned_to text,
        escalations integer NOT NULL DEFAULT 0,
        escalated_at timestamptz,
        refs jsonb NOT NULL DEFAULT '[]',
        raised_on date NOT NULL,
        level_since date NOT NULL,
        severe_since date,
        as_of date NOT NULL,
        level_changed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // One live alert per subject: new evidence updates it, never a second one.
    `CREATE UNIQUE INDEX alerts_one_live ON {schema}.alerts (subject_key) WHERE status = 'live'`,
    `CREATE INDEX alerts_live_escalation ON {schema}.alerts (level_changed_at) WHERE status = 'live'`,
    // Outside feeds may send a record twice: its id is taken once.
    `CREATE TABLE {schema}.feed_records (
        feed text NOT NULL,
        record_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (feed, record_id)
    )`,
    `CREATE TABLE {schema}.rule_sets (
        division_code text PRIMARY KEY,
        thresholds jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  ],
  down: [
    `DROP TABLE {schema}.rule_sets`,
    `DROP TABLE {schema}.feed_records`,
    `DROP TABLE {schema}.alerts`,
    `DROP TABLE {schema}.credit_records`,
    `DROP TABLE {schema}.projects`,
    `DROP TABLE {schema}.subjects`,
    `DROP TABLE {schema}.observations`,
  ],
});

/** The append-only trail of administrators' changes to the thresholds. */
export const CreateAdminAudit1764300002500 = schemaMigration('CreateAdminAudit1764300002500', ADMIN_AUDIT_TABLE);
