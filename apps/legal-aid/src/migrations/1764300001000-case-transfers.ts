import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cross-region collaboration: transfers in, out and between Ganzhou's centers, with the worker's consent. */
export class CaseTransfers1764300001000 implements MigrationInterface {
  name = 'CaseTransfers1764300001000';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".case_transfers (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES "${s}".applications(id),
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
      )`);
    await q.query(`CREATE INDEX case_transfers_application ON "${s}".case_transfers (application_id, at)`);
    await q.query(`CREATE INDEX applications_agency_status ON "${s}".applications (agency_id, status, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP INDEX "${s}".applications_agency_status`);
    await q.query(`DROP TABLE "${s}".case_transfers`);
  }
}
