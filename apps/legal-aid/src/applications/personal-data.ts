import type { ValueTransformer } from 'typeorm';
import { resealColumns } from '@yuanlian/database';
import type { Queryable } from '@yuanlian/database';
import { DataKeys } from '@yuanlian/trust';

let keys: DataKeys | undefined;

/** Legal aid's keys for personal data at rest (its schema's data key file), loaded once per process. */
export const legalAidDataKeys = (): DataKeys => (keys ??= DataKeys.forSchema('legal_aid'));

/** A column stored sealed and used in the clear: the ID number and phone never reach the database as they are. */
export const sealedColumn: ValueTransformer = {
  to: (v: string | null | undefined) => (v === null || v === undefined ? v : legalAidDataKeys().seal(v)),
  from: (v: string | null) => (v === null ? null : legalAidDataKeys().open(v)),
};

/** The keyed hashes an application is found by (search, duplicate checks), never the values themselves. */
export const idNumberHash = (idNumber: string, k = legalAidDataKeys()) => k.index('id_number', idNumber.toUpperCase());
export const phoneHash = (phone: string, k = legalAidDataKeys()) => k.index('phone', phone);

/** Columns of `applications` that hold sealed values. */
export const SEALED_APPLICATION_COLUMNS = ['worker_id_number_sealed', 'worker_phone_sealed'];

/** Rotation: reseals the applications still under an older key with the newest one; returns how many. */
export const resealApplications = (q: Queryable, schema: string, k = legalAidDataKeys()) =>
  resealColumns(q, `"${schema}".applications`, SEALED_APPLICATION_COLUMNS, k);
