import { schemaMigration } from '@yuanlian/database';

/** Innovation reports of the demonstration sites and windows. */
export const CreateInnovationReports1764300002200 = schemaMigration('CreateInnovationReports1764300002200', {
  up: [
    `CREATE TABLE {schema}.innovation_reports (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        division_code text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2020 AND 2100),
        title text NOT NULL,
        summary text NOT NULL,
        submitted_by text NOT NULL,
        submitted_by_name text NOT NULL,
        submitted_at timestamptz NOT NULL
    )`,
    `CREATE INDEX innovation_reports_year ON {schema}.innovation_reports (year, office_id, submitted_at)`,
  ],
  down: [`DROP TABLE {schema}.innovation_reports`],
});
