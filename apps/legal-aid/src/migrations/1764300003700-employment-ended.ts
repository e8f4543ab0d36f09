import { schemaMigration } from '@yuanlian/database';

/** The day the employment ended: the worker's one year to apply for arbitration runs from it (LDMAL art. 27). */
export const EmploymentEnded1764300003700 = schemaMigration('EmploymentEnded1764300003700', {
  up: [`ALTER TABLE {schema}.applications ADD COLUMN employment_ended_on date`],
  down: [`ALTER TABLE {schema}.applications DROP COLUMN employment_ended_on`],
});
