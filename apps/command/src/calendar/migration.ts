import { schemaMigration } from '@yuanlian/database';

/** The official years of the holiday calendar, entered from the State Council's notices. */
export const CreateCalendarYears1764300003900 = schemaMigration('CreateCalendarYears1764300003900', {
  up: [
    `CREATE TABLE {schema}.calendar_years (year text PRIMARY KEY, version integer NOT NULL, data jsonb NOT NULL, updated_by text NOT NULL, updated_at timestamptz NOT NULL)`,
  ],
  down: [
    `DROP TABLE {schema}.calendar_years`,
  ],
});
