import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rewriteRows, schemaOf } from '@yuanlian/database';
import { idNumberHash, legalAidDataKeys, phoneHash } from '../applications/personal-data';

/**
 * ID numbers and phones sealed with legal aid's data key and found by keyed hashes: existing values move into the sealed
 * and hashed columns and the plain ones are dropped. The keys are outside the database, so the rows are rewritten here,
 * not in SQL (the keys are read only when there are rows to move).
 */
export class SealedPersonalData1764300003000 implements MigrationInterface {
  name = 'SealedPersonalData1764300003000';

  async up(q: QueryRunner): Promise<void> {
    const table = `"${schemaOf(q)}".applications`;
    await q.query(`ALTER TABLE ${table} ADD COLUMN worker_id_number_sealed text, ADD COLUMN worker_id_number_hash text,
      ADD COLUMN worker_phone_sealed text, ADD COLUMN worker_phone_hash text`);
    await rewriteRows(q, table, { read: ['worker_id_number', 'worker_phone'], write: ['worker_id_number_sealed', 'worker_id_number_hash', 'worker_phone_sealed', 'worker_phone_hash'] }, ([id, phone]) => {
      const keys = legalAidDataKeys();
      return [keys.seal(id!), idNumberHash(id!, keys), keys.seal(phone!), phoneHash(phone!, keys)];
    });
    await q.query(`ALTER TABLE ${table} DROP COLUMN worker_id_number, DROP COLUMN worker_phone,
      ALTER COLUMN worker_id_number_sealed SET NOT NULL, ALTER COLUMN worker_id_number_hash SET NOT NULL,
      ALTER COLUMN worker_phone_sealed SET NOT NULL, ALTER COLUMN worker_phone_hash SET NOT NULL`);
    await q.query(`CREATE INDEX applications_worker_id_number ON ${table} (agency_id, worker_id_number_hash)`);
    await q.query(`CREATE INDEX applications_worker_phone ON ${table} (agency_id, worker_phone_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const table = `"${schemaOf(q)}".applications`;
    await q.query(`ALTER TABLE ${table} ADD COLUMN worker_id_number text, ADD COLUMN worker_phone text`);
    await rewriteRows(q, table, { read: ['worker_id_number_sealed', 'worker_phone_sealed'], write: ['worker_id_number', 'worker_phone'] }, (sealed) =>
      sealed.map((v) => legalAidDataKeys().open(v!)),
    );
    await q.query(`ALTER TABLE ${table} ALTER COLUMN worker_id_number SET NOT NULL, ALTER COLUMN worker_phone SET NOT NULL,
      DROP COLUMN worker_id_number_sealed, DROP COLUMN worker_id_number_hash, DROP COLUMN worker_phone_sealed, DROP COLUMN worker_phone_hash`);
  }
}
