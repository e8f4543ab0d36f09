import { schemaMigration } from '@yuanlian/database';

/**
 * The statistics read model: one row per legal-aid application and per referral milestone, as the events told it
 * (pseudonymous: the worker key, never a name, ID number or phone); the figures are counted from these rows.
 */
export const CreateStatistics1764300002000 = schemaMigration('CreateStatistics1764300002000', {
  up: [
    `CREATE TABLE {schema}.stat_applications (
        application_id uuid PRIMARY KEY,
        office_id text NOT NULL,
        division_code text NOT NULL,
        received_at timestamptz NOT NULL,
        channel text NOT NULL,
        matter text NOT NULL,
        industry text NOT NULL,
        green_channel boolean NOT NULL,
        accept_first boolean NOT NULL,
        amount_claimed_fen bigint NOT NULL,
        workers integer NOT NULL,
        worker_key text NOT NULL,
        granted_at timestamptz
    )`,
    `CREATE INDEX stat_applications_period ON {schema}.stat_applications (received_at, division_code)`,
    `CREATE TABLE {schema}.stat_transfers (
        event_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        direction text NOT NULL,
        from_center text NOT NULL,
        to_center text NOT NULL,
        at timestamptz NOT NULL
    )`,
    `CREATE TABLE {schema}.stat_referral_milestones (
        event_id uuid PRIMARY KEY,
        referral_id uuid NOT NULL,
        case_id uuid NOT NULL,
        office_id text NOT NULL,
        agency_type text NOT NULL,
        division_code text NOT NULL,
        milestone text NOT NULL,
        at timestamptz NOT NULL,
        matter text NOT NULL,
        green_channel boolean NOT NULL,
        amount_claimed_fen bigint NOT NULL,
        amount_recovered_fen bigint,
        payment_confirmed boolean,
        outcome text,
        clocks jsonb NOT NULL
    )`,
    `CREATE INDEX stat_referral_milestones_period ON {schema}.stat_referral_milestones (at, division_code)`,
  ],
  down: [`DROP TABLE {schema}.stat_referral_milestones`, `DROP TABLE {schema}.stat_transfers`, `DROP TABLE {schema}.stat_applications`],
});

/** Typical cases the counties sent for their quarterly duty and the city published, as legal aid told it: one row per case. */
export const CreateStatTypicalCases1764300002300 = schemaMigration('CreateStatTypicalCases1764300002300', {
  up: [
    `CREATE TABLE {schema}.stat_typical_cases (
        typical_case_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        division_code text NOT NULL,
        quarter text NOT NULL,
        due_on date NOT NULL,
        title text NOT NULL,
        sent_at timestamptz,
        published_at timestamptz
    )`,
    `CREATE INDEX stat_typical_cases_quarter ON {schema}.stat_typical_cases (quarter, division_code)`,
  ],
  down: [`DROP TABLE {schema}.stat_typical_cases`],
});

/**
 * The procedures in the figures: each agency step as a `progressed` milestone with its step and amount, and legal aid's
 * refusals, terminations and objections (by their codes only).
 */
export const StatProcedures1764300004000 = schemaMigration('StatProcedures1764300004000', {
  up: [
    `ALTER TABLE {schema}.stat_referral_milestones ADD COLUMN step text, ADD COLUMN step_amount_fen bigint`,
    `CREATE TABLE {schema}.stat_aid_decisions (
        event_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        division_code text NOT NULL,
        kind text NOT NULL,
        code text NOT NULL,
        matter text NOT NULL,
        at timestamptz NOT NULL
    )`,
    `CREATE INDEX stat_aid_decisions_period ON {schema}.stat_aid_decisions (at, division_code)`,
  ],
  down: [`DROP TABLE {schema}.stat_aid_decisions`, `ALTER TABLE {schema}.stat_referral_milestones DROP COLUMN step, DROP COLUMN step_amount_fen`],
});
