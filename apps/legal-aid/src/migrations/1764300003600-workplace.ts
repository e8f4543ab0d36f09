import { schemaMigration } from '@yuanlian/database';

/**
 * Where the work was done, beside where the worker applied: inspection acts where the violation happened (Labor Security
 * Supervision Regulations art. 13), arbitration where the contract is performed (LDMAL art. 21). Null: the case's county.
 * And whether the applicant is a migrant worker (进城务工人员), whom Legal Aid Law art. 42(3) exempts from the means check.
 */
export const Workplace1764300003600 = schemaMigration('Workplace1764300003600', {
  up: [
    `ALTER TABLE {schema}.applications ADD COLUMN workplace_division_code text`,
    // Art. 42(3) exempts migrant workers: every case before this one was taken as one (the platform's program is for them).
    `ALTER TABLE {schema}.applications ADD COLUMN migrant_worker boolean NOT NULL DEFAULT true`,
  ],
  down: [`ALTER TABLE {schema}.applications DROP COLUMN workplace_division_code, DROP COLUMN migrant_worker`],
});
