import { schemaMigration } from '@yuanlian/database';

/**
 * What the work-injury and construction procedures need from the intake: the day of the accident (the worker's year to
 * apply for 工伤认定, WIIR art. 17), the general contractor (who pays first, Wage Payment Regulations arts. 30, 36),
 * whether a crew leader (包工头) hired the worker, and whether the project is government-funded.
 */
export const InjuryAndConstruction1764300003800 = schemaMigration('InjuryAndConstruction1764300003800', {
  up: [
    `ALTER TABLE {schema}.applications ADD COLUMN injured_on date, ADD COLUMN general_contractor_name text, ADD COLUMN general_contractor_credit_code text,
       ADD COLUMN hired_by_foreman boolean NOT NULL DEFAULT false, ADD COLUMN government_funded boolean NOT NULL DEFAULT false`,
  ],
  down: [
    `ALTER TABLE {schema}.applications DROP COLUMN injured_on, DROP COLUMN general_contractor_name, DROP COLUMN general_contractor_credit_code,
       DROP COLUMN hired_by_foreman, DROP COLUMN government_funded`,
  ],
});
