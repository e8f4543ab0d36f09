import { createHmac } from 'node:crypto';
import { secretFromEnv } from './secrets';

/** 360702199003071239 → 3607************39 */
export function maskIdNumber(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 6) + id.slice(-2);
}

/** 13812345678 → 138****5678; other formats keep only their last four digits. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return phone.length <= 4 ? '*'.repeat(phone.length) : '*'.repeat(phone.length - 4) + phone.slice(-4);
}

/**
 * Pseudonymous worker key: a keyed hash of the ID number, the same across agencies that share the key,
 * so events can link a worker's cases without carrying the ID number.
 */
export function workerKey(idNumber: string, secret: string): string {
  return 'wk_' + createHmac('sha256', secret).update(idNumber.toUpperCase()).digest('hex').slice(0, 32);
}

export const DEMO_WORKER_KEY_SECRET = 'yuanlian-demo-worker-key-not-for-production';

/** Secret for pseudonymous worker keys, shared by the agencies that must link a worker's cases. */
export const workerKeySecret = () => secretFromEnv('WORKER_KEY_SECRET', DEMO_WORKER_KEY_SECRET);

export interface WorkerIdentity {
  name: string;
  /** null where it was not shared with this agency. */
  idNumber: string | null;
  phone: string | null;
  key: string;
}

/** A worker as an API shows it: ID number and phone masked unless revealing was allowed and recorded. */
export function workerView(w: WorkerIdentity, reveal = false): WorkerIdentity {
  const show = (v: string | null, mask: (v: string) => string) => (v === null ? null : reveal ? v : mask(v));
  return { key: w.key, name: w.name, idNumber: show(w.idNumber, maskIdNumber), phone: show(w.phone, maskPhone) };
}
