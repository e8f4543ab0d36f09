import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSupervisionItems1764300000700 implements MigrationInterface {
  name = 'CreateSupervisionItems1764300000700';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".supervision_items (
        clock_id uuid PRIMARY KEY,
        rule text NOT NULL,
        rule_label text NOT NULL,
        basis text NOT NULL,
        office_id text NOT NULL,
        agency_type text NOT NULL,
        division_code text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        started_on date NOT NULL,
        due_on date NOT NULL,
        provisional boolean NOT NULL,
        reported_at timestamptz NOT NULL,
        supervised_by text,
        supervised_at timestamptz,
        supervision_note text
      )`);
    await q.query(`CREATE INDEX supervision_items_division ON "${s}".supervision_items (division_code, due_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${migrationSchema(q)}".supervision_items`);
  }
}
