import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AGENCY_TYPES, officeId } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { GANZHOU_CITY, GANZHOU_COUNTIES, GANZHOU_ZONES } from '@yuanlian/identity';
import { createRoot, issueCertificate, RootKey } from './certificates';
import { replaceFile } from './files';
import { KeyringEntry, KeyringFile, keyringFile, rootsFile } from './keyring';
import { CryptoSuite } from './suite';

const AREAS = [GANZHOU_CITY, ...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => a.code);
const DAY = 24 * 3600 * 1000;

/** The offices each service speaks for in the Ganzhou deployment: its own type's, and for the committee the housing desks it hosts. */
export function servedOffices(agencyType: AgencyType): string[] {
  const types: AgencyType[] = agencyType === 'command' ? ['command', 'housing'] : [agencyType];
  return types.flatMap((t) => AREAS.map((a) => officeId(t, a)));
}

export const rootKeyFile = (dir: string) => join(dir, 'root.key.json');

/** A key for the ring: one per office, and one that names no office. */
export function devKey(suite: CryptoSuite, root: RootKey, agencyType: AgencyType, offices: string[], validDays = 365, label?: string): KeyringEntry {
  const pair = suite.generateKeyPair();
  const now = Date.now();
  const kid = `${agencyType}/${label ?? (offices.length === 1 ? offices[0].split(':')[1] : 'service')}/${suite.hash(pair.publicKey).toString('hex').slice(0, 12)}`;
  const cert = issueCertificate(root, pair, { kid, agencyType, offices, notBefore: new Date(now - DAY), notAfter: new Date(now + validDays * DAY) });
  return { cert, privateKey: pair.privateKey };
}

const writeJson = (file: string, value: unknown) => replaceFile(file, JSON.stringify(value, null, 1));

/**
 * Development trust material, made once per checkout and never committed: a root, and a keyring per service with a key for
 * each office it serves. Several processes may ask at once (a test run starts services together): one makes it under a
 * lock, the others wait for it. Production brings its own (`TRUST_DIR`, `EVENT_KEYRING`, `TRUST_ROOTS`), made offline.
 */
export function ensureDevTrust(dir: string, suite: CryptoSuite): void {
  // Complete: the root, and a keyring for every service (one added to the platform since gets its own, under the same root).
  const complete = () => existsSync(rootsFile(dir)) && AGENCY_TYPES.every((t) => t === 'housing' || existsSync(keyringFile(dir, t)));
  if (complete()) return;
  mkdirSync(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (complete()) return;
      // A lock left by a process killed while generating is taken over after a while.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 30_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() - started > 60_000) throw new Error(`waited 60 s for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    if (complete()) return;
    const made = existsSync(rootsFile(dir));
    const root = made ? loadRootKey(dir) : createRoot(suite, '赣州市援联信任根（开发）');
    if (!made) writeJson(rootKeyFile(dir), root);
    for (const agencyType of AGENCY_TYPES) {
      if (agencyType === 'housing' || (made && existsSync(keyringFile(dir, agencyType)))) continue;
      const keys = [devKey(suite, root, agencyType, []), ...servedOffices(agencyType).map((o) => devKey(suite, root, agencyType, [o]))];
      writeJson(keyringFile(dir, agencyType), { agencyType, keys } satisfies KeyringFile);
    }
    // Last: its presence says the rest is there.
    writeJson(rootsFile(dir), [root.root]);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function loadRootKey(dir: string): RootKey {
  return JSON.parse(readFileSync(rootKeyFile(dir), 'utf8')) as RootKey;
}
