import { schemaMigration } from '@yuanlian/database';

export const CreateSupervisionItems1764300000700 = schemaMigration('CreateSupervisionItems1764300000700', {
  up: [
    `CREATE TABLE {schema}.supervision_items (
        clock_id uuid PRIMARY KEY,
        rule text NOT NULL,
        rule_label text NOT NULL,
        basis text NOT NULL,
        office_id text NOT NULL,
        agency_type text NOT NULL,
        division_code text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        started_on date NOT NULL,
        due_on date NOT NULL,
        provisional boolean NOT NULL,
        reported_at timestamptz NOT NULL,
        supervised_by text,
        supervised_at timestamptz,
        supervision_note text
    )`,
    `CREATE INDEX supervision_items_division ON {schema}.supervision_items (division_code, due_on)`,
  ],
  down: [
    `DROP TABLE {schema}.supervision_items`,
  ],
});
