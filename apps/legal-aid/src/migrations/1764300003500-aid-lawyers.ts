import { schemaMigration } from '@yuanlian/database';

/** Each center's roster of lawyers and legal workers, assigned from with their load in view; one name per center. */
export const AidLawyers1764300003500 = schemaMigration('AidLawyers1764300003500', {
  up: [
    `CREATE TABLE {schema}.aid_lawyers (
        id uuid PRIMARY KEY,
        agency_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('center', 'firm', 'grassroots')),
        firm_name text,
        license_number text,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL
    )`,
    `CREATE UNIQUE INDEX aid_lawyers_name ON {schema}.aid_lawyers (agency_id, name)`,
  ],
  down: [`DROP TABLE {schema}.aid_lawyers`],
});
