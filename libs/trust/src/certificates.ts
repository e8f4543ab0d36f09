import type { AgencyType } from '@yuanlian/contracts';
import { CryptoSuite, KeyPair, SignatureAlgorithm, suiteOfAlgorithm } from './suite';

/** A trust anchor: the city's root key, which certifies every service key (more than one during a roll-over, or per partner city). */
export interface TrustRoot {
  id: string;
  alg: SignatureAlgorithm;
  publicKey: string;
  name?: string;
}

/**
 * A service key, certified by a root: which agency type it speaks for (the envelope's `source`), and which offices. A key
 * speaks for an office only if the office is listed; a key listing none signs only events that name no office.
 */
export interface KeyCertificate {
  v: 1;
  kid: string;
  agencyType: AgencyType;
  offices: string[];
  alg: SignatureAlgorithm;
  publicKey: string;
  notBefore: string;
  notAfter: string;
  issuer: string;
  sig: string;
}

/** A root's word that a key may no longer be used. */
export interface KeyRevocation {
  v: 1;
  kid: string;
  revokedAt: string;
  reason: string;
  issuer: string;
  sig: string;
}

/** JSON with keys sorted at every level: the bytes a root signs do not depend on how a record was built or parsed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const signedPart = (record: object) => {
  const { sig: _, ...rest } = record as { sig?: unknown };
  return Buffer.from(canonicalJson(rest));
};

export const rootId = (suite: CryptoSuite, publicKey: string) => `root-${suite.hash(publicKey).toString('hex').slice(0, 16)}`;

export interface RootKey {
  root: TrustRoot;
  privateKey: string;
}

export function createRoot(suite: CryptoSuite, name: string): RootKey {
  const pair = suite.generateKeyPair();
  return { root: { id: rootId(suite, pair.publicKey), alg: pair.alg, publicKey: pair.publicKey, name }, privateKey: pair.privateKey };
}

export function issueCertificate(
  root: RootKey,
  key: Pick<KeyPair, 'alg' | 'publicKey'>,
  subject: { kid: string; agencyType: AgencyType; offices: string[]; notBefore: Date; notAfter: Date },
): KeyCertificate {
  const suite = suiteOfAlgorithm(root.root.alg)!;
  const cert: Omit<KeyCertificate, 'sig'> = {
    v: 1, kid: subject.kid, agencyType: subject.agencyType, offices: [...subject.offices].sort(), alg: key.alg, publicKey: key.publicKey,
    notBefore: subject.notBefore.toISOString(), notAfter: subject.notAfter.toISOString(), issuer: root.root.id,
  };
  return { ...cert, sig: suite.sign(root.privateKey, signedPart(cert)) };
}

export function issueRevocation(root: RootKey, kid: string, reason: string, at = new Date()): KeyRevocation {
  const suite = suiteOfAlgorithm(root.root.alg)!;
  const record: Omit<KeyRevocation, 'sig'> = { v: 1, kid, revokedAt: at.toISOString(), reason, issuer: root.root.id };
  return { ...record, sig: suite.sign(root.privateKey, signedPart(record)) };
}

export type Checked = { ok: true } | { ok: false; reason: string };

function checkIssuer(record: { issuer?: unknown; sig?: unknown }, roots: ReadonlyMap<string, TrustRoot>): Checked {
  const root = typeof record.issuer === 'string' ? roots.get(record.issuer) : undefined;
  if (!root) return { ok: false, reason: `issuer ${String(record.issuer).slice(0, 80)} is not a trusted root` };
  const suite = suiteOfAlgorithm(root.alg);
  if (!suite || typeof record.sig !== 'string' || !suite.verify(root.publicKey, signedPart(record as { sig: string }), record.sig)) {
    return { ok: false, reason: `signature of ${root.id} does not verify` };
  }
  return { ok: true };
}

const OFFICE = /^[a-z-]+:[0-9A-Z]{6}$/;

/** Whether a certificate is well formed, issued by a trusted root, of an accepted algorithm and valid at `now`. */
export function checkCertificate(cert: unknown, roots: ReadonlyMap<string, TrustRoot>, accepted: readonly SignatureAlgorithm[], now = new Date()): Checked {
  const c = cert as Partial<KeyCertificate> | null;
  if (
    !c || typeof c !== 'object' || c.v !== 1 || typeof c.kid !== 'string' || c.kid.length > 200 || typeof c.agencyType !== 'string' ||
    !Array.isArray(c.offices) || c.offices.length > 1000 || !c.offices.every((o) => typeof o === 'string' && OFFICE.test(o)) ||
    typeof c.publicKey !== 'string' || c.publicKey.length > 512 || typeof c.notBefore !== 'string' || typeof c.notAfter !== 'string'
  ) {
    return { ok: false, reason: 'malformed key certificate' };
  }
  if (!accepted.includes(c.alg as SignatureAlgorithm)) return { ok: false, reason: `key algorithm ${String(c.alg)} is not accepted here (${accepted.join(', ')})` };
  const issued = checkIssuer(c, roots);
  if (!issued.ok) return { ok: false, reason: `key certificate ${c.kid}: ${issued.reason}` };
  const from = Date.parse(c.notBefore), to = Date.parse(c.notAfter);
  if (!(from <= now.getTime() && now.getTime() <= to)) return { ok: false, reason: `key ${c.kid} is not valid now (${c.notBefore} – ${c.notAfter})` };
  return { ok: true };
}

export function checkRevocation(revocation: unknown, roots: ReadonlyMap<string, TrustRoot>): Checked {
  const r = revocation as Partial<KeyRevocation> | null;
  if (!r || typeof r !== 'object' || r.v !== 1 || typeof r.kid !== 'string' || typeof r.revokedAt !== 'string' || typeof r.reason !== 'string') {
    return { ok: false, reason: 'malformed revocation' };
  }
  return checkIssuer(r, roots);
}
