import type { MigrationInterface, QueryRunner } from 'typeorm';
import { baseSchemaName, resealColumns, rewriteRows, schemaOf } from '@yuanlian/database';
import type { Queryable } from '@yuanlian/database';
import { DataKeys } from '@yuanlian/trust';

/** The service's data keys, by the schema a migration or a data source works in. */
export const inboxDataKeys = (schema: string) => DataKeys.forSchema(baseSchemaName(schema));

/** Columns of `referral_inbox` that hold sealed values. */
export const SEALED_INBOX_COLUMNS = ['worker_id_number_sealed', 'worker_phone_sealed'];

/** Rotation: reseals the inbox's values still under an older key with the newest one; returns how many rows. */
export const resealReferralInbox = (q: Queryable, schema: string, keys = inboxDataKeys(schema)) =>
  resealColumns(q, `"${schema}".referral_inbox`, SEALED_INBOX_COLUMNS, keys);

/**
 * The shared ID number and phone sealed with the receiving office's data key: existing values move into the sealed columns
 * and the plain ones are dropped (rewritten here: the keys are outside the database, read only when there are rows).
 */
export class SealedInboxIdentity1764300003100 implements MigrationInterface {
  name = 'SealedInboxIdentity1764300003100';

  async up(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    const table = `"${schema}".referral_inbox`;
    let keys: DataKeys | undefined;
    await q.query(`ALTER TABLE ${table} ADD COLUMN worker_id_number_sealed text, ADD COLUMN worker_phone_sealed text`);
    await rewriteRows(q, table, { read: ['worker_id_number', 'worker_phone'], write: SEALED_INBOX_COLUMNS }, (plain) =>
      plain.map((v) => (v === null ? null : (keys ??= inboxDataKeys(schema)).seal(v))),
    );
    await q.query(`ALTER TABLE ${table} DROP COLUMN worker_id_number, DROP COLUMN worker_phone`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    const table = `"${schema}".referral_inbox`;
    let keys: DataKeys | undefined;
    await q.query(`ALTER TABLE ${table} ADD COLUMN worker_id_number text, ADD COLUMN worker_phone text`);
    await rewriteRows(q, table, { read: SEALED_INBOX_COLUMNS, write: ['worker_id_number', 'worker_phone'] }, (sealed) =>
      sealed.map((v) => (v === null ? null : (keys ??= inboxDataKeys(schema)).open(v))),
    );
    await q.query(`ALTER TABLE ${table} DROP COLUMN worker_id_number_sealed, DROP COLUMN worker_phone_sealed`);
  }
}
