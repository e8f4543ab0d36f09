import { schemaMigration } from '@yuanlian/database';

/** Statutory clocks; the partial index answers the sweeper's question: running, past due, not yet reported. */
export const CreateClocks1764300000300 = schemaMigration('CreateClocks1764300000300', {
  up: [
    `CREATE TABLE {schema}.clocks (
        id uuid PRIMARY KEY,
        rule_id text NOT NULL,
        office_id text NOT NULL,
        agency_type text NOT NULL,
        area_code text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        started_on date NOT NULL,
        due_on date,
        provisional boolean NOT NULL,
        status text NOT NULL,
        pauses jsonb NOT NULL DEFAULT '[]',
        extensions jsonb NOT NULL DEFAULT '[]',
        overdue_at timestamptz,
        stopped_at timestamptz,
        stop_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX clocks_subject ON {schema}.clocks (subject_id)`,
    `CREATE INDEX clocks_due ON {schema}.clocks (due_on) WHERE status = 'running' AND overdue_at IS NULL`,
  ],
  down: [
    `DROP TABLE {schema}.clocks`,
  ],
});

/**
 * The holiday calendar's versions a service has recounted its clocks with (once each), and every due date that moved or
 * stopped being provisional when a year's notice arrived — for the office to see.
 */
export const ClockCalendarChanges1764300003900 = schemaMigration('ClockCalendarChanges1764300003900', {
  up: [
    `CREATE TABLE {schema}.clock_calendar_versions (
        year text PRIMARY KEY,
        version integer NOT NULL,
        notice_no text NOT NULL,
        clocks_changed integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE {schema}.clock_changes (
        id uuid PRIMARY KEY,
        clock_id uuid NOT NULL,
        rule_id text NOT NULL,
        office_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        calendar_year text NOT NULL,
        calendar_version integer NOT NULL,
        notice_no text NOT NULL,
        old_due_on date,
        new_due_on date,
        old_provisional boolean NOT NULL,
        new_provisional boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (clock_id, calendar_year, calendar_version)
    )`,
    `CREATE INDEX clock_changes_office ON {schema}.clock_changes (office_id, changed_at DESC)`,
  ],
  down: [
    `DROP TABLE {schema}.clock_changes`,
    `DROP TABLE {schema}.clock_calendar_versions`,
  ],
});
