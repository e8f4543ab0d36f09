import { checkCertificate, KeyCertificate, KeyRevocation, TrustRoot } from './certificates';
import { Keyring } from './keyring';
import { SignatureAlgorithm, suiteOfAlgorithm } from './suite';

/** Headers of a signed event: the signature and the signer's certificate (so a new key works at once, wherever it is read). */
export const SIGNATURE_HEADER = 'yl-sig';
export const CERTIFICATE_HEADER = 'yl-cert';

/**
 * The bytes a service signs: the logical topic (without the deployment prefix), the key and the value. A genuine event copied
 * to another topic or under another key no longer verifies; the event id inside the value makes a replay a duplicate.
 */
export function signedBytes(topic: string, key: string | null, value: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`yl-event/1\n${topic}\n${key ?? ''}\n`), typeof value === 'string' ? Buffer.from(value) : value]);
}

/** Signs one record with the ring's key for the office the event speaks for. */
export function signEvent(keyring: Keyring, record: { topic: string; key: string | null; value: string | Buffer; office?: string }): Record<string, string> {
  const entry = keyring.keyFor(record.office);
  return {
    [SIGNATURE_HEADER]: keyring.suite.sign(entry.privateKey, signedBytes(record.topic, record.key, record.value)),
    [CERTIFICATE_HEADER]: encodeCertificate(entry.cert),
  };
}

export const encodeCertificate = (cert: KeyCertificate) => Buffer.from(JSON.stringify(cert)).toString('base64url');

export type Verified = { ok: true; signer: KeyCertificate } | { ok: false; reason: string };

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;
const headerText = (value: HeaderValue): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : v.toString();
};

/**
 * Checks what every consumer checks before any handler runs: a signature, by a key certified by a trusted root, valid now,
 * not revoked. Which source and office the key may speak for is checked against the decoded event (`mayEmit`).
 */
export class EventVerifier {
  /** Certificates already checked, by their header text: a root signature is verified once per key, not per event. */
  private readonly certificates = new Map<string, { cert: KeyCertificate; until: number } | { reason: string }>();

  constructor(
    private readonly roots: ReadonlyMap<string, TrustRoot>,
    private readonly accepted: readonly SignatureAlgorithm[],
    private readonly revocation: (kid: string) => KeyRevocation | undefined = () => undefined,
  ) {}

  verify(record: { topic: string; key: string | null; value: Buffer | null; headers?: Record<string, HeaderValue> }): Verified {
    const signature = headerText(record.headers?.[SIGNATURE_HEADER]);
    const certText = headerText(record.headers?.[CERTIFICATE_HEADER]);
    if (!signature || !certText) return { ok: false, reason: 'unsigned event (no yl-sig / yl-cert header)' };
    if (certText.length > 8192 || signature.length > 1024) return { ok: false, reason: 'signature headers too large' };
    const checked = this.certificate(certText);
    if ('reason' in checked) return { ok: false, reason: checked.reason };
    const { cert } = checked;
    const revoked = this.revocation(cert.kid);
    if (revoked) return { ok: false, reason: `key ${cert.kid} was revoked at ${revoked.revokedAt}: ${revoked.reason}` };
    if (record.value === null) return { ok: false, reason: 'empty message (tombstone) on an event topic' };
    const suite = suiteOfAlgorithm(cert.alg)!;
    if (!suite.verify(cert.publicKey, signedBytes(record.topic, record.key, record.value), signature)) {
      return { ok: false, reason: `signature does not verify with key ${cert.kid} (altered, or signed for another topic or key)` };
    }
    return { ok: true, signer: cert };
  }

  private certificate(text: string): { cert: KeyCertificate } | { reason: string } {
    const now = Date.now();
    const known = this.certificates.get(text);
    if (known && ('reason' in known || now <= known.until)) return known;
    let cert: unknown;
    try {
      cert = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      return { reason: 'malformed key certificate' };
    }
    const checked = checkCertificate(cert, this.roots, this.accepted);
    // A certificate that is not yet valid may become so; one that has expired stays so. Neither is remembered as good.
    const result = checked.ok ? { cert: cert as KeyCertificate, until: Date.parse((cert as KeyCertificate).notAfter) } : { reason: checked.reason };
    if (this.certificates.size > 5000) this.certificates.clear();
    if (checked.ok || !/not valid now/.test(checked.reason)) this.certificates.set(text, result);
    return result;
  }
}

/**
 * Whether a verified signer may have written this event: its key is of the agency type the envelope names as source, and,
 * for an event that speaks for an office (a referral answered, an alert closed), the key speaks for that office.
 */
export function mayEmit(signer: KeyCertificate, source: string, office: string | undefined): { ok: true } | { ok: false; reason: string } {
  if (signer.agencyType !== source) return { ok: false, reason: `source ${source} but signed by ${signer.kid}, a key of ${signer.agencyType}` };
  if (office !== undefined && !signer.offices.includes(office)) return { ok: false, reason: `key ${signer.kid} does not speak for office ${office}` };
  return { ok: true };
}
