import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgencyType } from '@yuanlian/contracts';
import { KeyCertificate, TrustRoot } from './certificates';
import { configuredSuite, CryptoSuite, SuiteName } from './suite';

/** A service key with its certificate, as the service holds it. */
export interface KeyringEntry {
  cert: KeyCertificate;
  privateKey: string;
}

export interface KeyringFile {
  agencyType: AgencyType;
  keys: KeyringEntry[];
}

/** Where a deployment keeps its trust material (`TRUST_DIR`; development: `.run/trust/<suite>` under the checkout). */
export function trustDir(env: NodeJS.ProcessEnv = process.env, suite: SuiteName = configuredSuite(env).name): string {
  return env.TRUST_DIR ? resolve(env.TRUST_DIR) : resolve('.run', 'trust', suite);
}

export const rootsFile = (dir: string) => join(dir, 'roots.json');
export const keyringFile = (dir: string, agencyType: AgencyType) => join(dir, 'keyrings', `${agencyType}.json`);

/** The trusted roots (`TRUST_ROOTS`, or roots.json in the trust directory). */
export function loadRoots(env: NodeJS.ProcessEnv = process.env): Map<string, TrustRoot> {
  const file = env.TRUST_ROOTS || rootsFile(trustDir(env));
  const roots = JSON.parse(readFileSync(file, 'utf8')) as TrustRoot[];
  return new Map(roots.map((r) => [r.id, r]));
}

/**
 * The keys a service signs with: one per office it speaks for and one for events that name no office. In production only
 * this file (`EVENT_KEYRING`) reaches the service; it holds no other service's keys and no root key.
 */
export class Keyring {
  constructor(
    readonly agencyType: AgencyType,
    private readonly entries: KeyringEntry[],
    readonly suite: CryptoSuite,
  ) {}

  static load(agencyType: AgencyType, env: NodeJS.ProcessEnv = process.env): Keyring {
    const file = env.EVENT_KEYRING || keyringFile(trustDir(env), agencyType);
    const ring = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
    if (ring.agencyType !== agencyType) throw new Error(`keyring ${file} is for ${ring.agencyType}, not ${agencyType}`);
    const suite = configuredSuite(env);
    const keys = ring.keys.filter((k) => k.cert.alg === suite.alg);
    if (!keys.length) throw new Error(`keyring ${file} has no ${suite.alg} key (CRYPTO_SUITE=${suite.name})`);
    return new Keyring(agencyType, keys, suite);
  }

  /**
   * The key to sign an event with: the newest valid key that speaks for the office the event names, or for an event that
   * names none, the service's own key. During a roll-over both keys are valid and the newer one signs.
   */
  keyFor(office: string | undefined, now = Date.now()): KeyringEntry {
    const valid = this.entries.filter((e) => Date.parse(e.cert.notBefore) <= now && now <= Date.parse(e.cert.notAfter));
    const candidates = office ? valid.filter((e) => e.cert.offices.includes(office)) : valid.filter((e) => !e.cert.offices.length);
    const pick = (candidates.length ? candidates : office ? [] : valid).sort((a, b) => Date.parse(b.cert.notBefore) - Date.parse(a.cert.notBefore))[0];
    if (!pick) throw new Error(office ? `no valid signing key for office ${office} in the ${this.agencyType} keyring` : `no valid signing key in the ${this.agencyType} keyring`);
    return pick;
  }
}
