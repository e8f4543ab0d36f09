import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOffices1764300000800 implements MigrationInterface {
  name = 'CreateOffices1764300000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${migrationSchema(q)}".offices (office_id text PRIMARY KEY, data jsonb NOT NULL, updated_by text NOT NULL, updated_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${migrationSchema(q)}".offices`);
  }
}
