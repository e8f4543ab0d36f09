import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a case was accepted first (Legal Aid Law art. 44): a limitation running out, preservation, advance execution. */
export class UrgentKind1764300000900 implements MigrationInterface {
  name = 'UrgentKind1764300000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".applications ADD COLUMN urgent_kind text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".applications DROP COLUMN urgent_kind`);
  }
}
