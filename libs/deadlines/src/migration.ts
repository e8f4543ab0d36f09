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
