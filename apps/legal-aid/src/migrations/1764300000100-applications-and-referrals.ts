import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationsAndReferrals1764300000100 implements MigrationInterface {
  name = 'ApplicationsAndReferrals1764300000100';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".applications (
        id uuid PRIMARY KEY,
        agency_id text NOT NULL,
        division_code text NOT NULL,
        channel text NOT NULL,
        matter text NOT NULL,
        industry text NOT NULL,
        worker_name text NOT NULL,
        worker_id_number text NOT NULL,
        worker_phone text NOT NULL,
        worker_key text NOT NULL,
        employer_name text NOT NULL,
        employer_credit_code text NOT NULL,
        project_name text,
        project_address text,
        amount_owed_fen bigint NOT NULL CHECK (amount_owed_fen >= 0),
        workers_affected integer NOT NULL CHECK (workers_affected >= 1),
        summary text NOT NULL,
        green_channel boolean NOT NULL,
        means_test_required boolean NOT NULL,
        priority boolean NOT NULL,
        accept_first boolean NOT NULL,
        urgent_reason text,
        status text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz
      )`);
    await q.query(`CREATE INDEX applications_agency_created ON "${s}".applications (agency_id, created_at DESC)`);
    await q.query(`CREATE INDEX applications_employer ON "${s}".applications (employer_credit_code)`);
    await q.query(`
      CREATE TABLE "${s}".referrals (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES "${s}".applications(id),
        from_agency_id text NOT NULL,
        to_agency_type text NOT NULL,
        to_agency_id text NOT NULL,
        status text NOT NULL,
        decline_reason_code text,
        status_note text,
        suggested_agency_id text,
        handled_by text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        status_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referrals_application ON "${s}".referrals (application_id)`);
    await q.query(`CREATE INDEX referrals_from_agency ON "${s}".referrals (from_agency_id, requested_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP TABLE "${s}".referrals`);
    await q.query(`DROP TABLE "${s}".applications`);
  }
}
