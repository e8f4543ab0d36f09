import { schemaMigration } from '@yuanlian/database';

/** Cross-region collaboration: transfers in, out and between Ganzhou's centers, with the worker's consent. */
export const CaseTransfers1764300001000 = schemaMigration('CaseTransfers1764300001000', {
  up: [
    `CREATE TABLE {schema}.case_transfers (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES {schema}.applications(id),
        direction text NOT NULL,
        from_center text NOT NULL,
        from_center_name text,
        to_center text NOT NULL,
        to_center_name text,
        reason text NOT NULL,
        consent_method text NOT NULL,
        consent_recorded_by text NOT NULL,
        consent_at timestamptz NOT NULL,
        transferred_by text NOT NULL,
        at timestamptz NOT NULL
    )`,
    `CREATE INDEX case_transfers_application ON {schema}.case_transfers (application_id, at)`,
    `CREATE INDEX applications_agency_status ON {schema}.applications (agency_id, status, created_at DESC)`,
  ],
  down: [
    `DROP INDEX {schema}.applications_agency_status`,
    `DROP TABLE {schema}.case_transfers`,
  ],
});
