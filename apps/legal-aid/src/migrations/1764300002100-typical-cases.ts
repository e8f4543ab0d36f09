import { schemaMigration } from '@yuanlian/database';

/** Typical cases (典型案例): drafts from closed cases, their review, the library, and the quarterly duty's reminders. */
export const TypicalCases1764300002100 = schemaMigration('TypicalCases1764300002100', {
  up: [
    `CREATE TABLE {schema}.typical_cases (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL UNIQUE REFERENCES {schema}.applications(id),
        agency_id text NOT NULL,
        division_code text NOT NULL,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        status text NOT NULL CHECK (status IN ('draft', 'county_review', 'city_review', 'returned', 'published')),
        title text NOT NULL,
        facts text NOT NULL,
        handling text NOT NULL,
        result text NOT NULL,
        significance text NOT NULL,
        keywords jsonb NOT NULL DEFAULT '[]',
        matter text NOT NULL,
        industry text NOT NULL,
        workers_affected integer NOT NULL,
        amount_claimed_fen bigint NOT NULL,
        amount_recovered_fen bigint NOT NULL,
        agencies jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        sent_at timestamptz,
        published_at timestamptz,
        return_note text,
        updated_at timestamptz NOT NULL
    )`,
    `CREATE INDEX typical_cases_office ON {schema}.typical_cases (agency_id, updated_at DESC)`,
    `CREATE INDEX typical_cases_duty ON {schema}.typical_cases (quarter, division_code) WHERE sent_at IS NOT NULL`,
    `CREATE INDEX typical_cases_library ON {schema}.typical_cases (published_at DESC) WHERE status = 'published'`,
    `CREATE TABLE {schema}.typical_case_events (
        id bigserial PRIMARY KEY,
        typical_case_id uuid NOT NULL REFERENCES {schema}.typical_cases(id),
        action text NOT NULL,
        by text NOT NULL,
        by_name text NOT NULL,
        by_agency text NOT NULL,
        note text,
        at timestamptz NOT NULL
    )`,
    `CREATE INDEX typical_case_events_case ON {schema}.typical_case_events (typical_case_id, id)`,
    `CREATE TABLE {schema}.typical_case_reminders (
        id bigserial PRIMARY KEY,
        division_code text NOT NULL,
        quarter text NOT NULL,
        kind text NOT NULL,
        due_on date NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (division_code, quarter, kind)
    )`,
  ],
  down: [
    `DROP TABLE {schema}.typical_case_reminders`,
    `DROP TABLE {schema}.typical_case_events`,
    `DROP TABLE {schema}.typical_cases`,
  ],
});
