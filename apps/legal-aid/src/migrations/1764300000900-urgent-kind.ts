import { schemaMigration } from '@yuanlian/database';

/** Why a case was accepted first (Legal Aid Law art. 44): a limitation running out, preservation, advance execution. */
export const UrgentKind1764300000900 = schemaMigration('UrgentKind1764300000900', {
  up: [
    `ALTER TABLE {schema}.applications ADD COLUMN urgent_kind text`,
  ],
  down: [
    `ALTER TABLE {schema}.applications DROP COLUMN urgent_kind`,
  ],
});
