import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClocks1764300000300 implements MigrationInterface {
  name = 'CreateClocks1764300000300';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".clocks (
        id uuid PRIMARY KEY,
        rule_id text NOT NULL,
        office_id text NOT NULL,
        agency_type text NOT NULL,
        area_code text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        started_on date NOT NULL,
        due_on date,
        provisional boolean NOT NULL,
        status text NOT NULL,
        pauses jsonb NOT NULL DEFAULT '[]',
        extensions jsonb NOT NULL DEFAULT '[]',
        overdue_at timestamptz,
        stopped_at timestamptz,
        stop_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX clocks_subject ON "${s}".clocks (subject_id)`);
    // The sweeper's question: running clocks past due and not yet reported.
    await q.query(`CREATE INDEX clocks_due ON "${s}".clocks (due_on) WHERE status = 'running' AND overdue_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${migrationSchema(q)}".clocks`);
  }
}
