import { Logger } from '@nestjs/common';
import { decodeEvent, findEvent } from '@yuanlian/contracts';
import type { AgencyType, Decoded, TrustKeyRecordV1 } from '@yuanlian/contracts';
import {
  checkCertificate, checkRevocation, configuredSuite, ensureDevTrust, EventVerifier, Keyring, loadRoots, mayEmit, signEvent, trustDir,
} from '@yuanlian/trust';
import type { KeyCertificate, KeyRevocation, TrustRoot } from '@yuanlian/trust';
import type { IHeaders } from 'kafkajs';

/** An event that verified, decoded and was written by a key allowed to write it. */
export type TrustedEvent = Extract<Decoded, { ok: true }> & { signer: KeyCertificate };
export type Checked = TrustedEvent | { ok: false; reason: string; envelope?: unknown };

/**
 * What a service trusts and signs with: its keyring, the roots, and the revocations it has learned from the key registry.
 * Every event it publishes is signed; every event it consumes is checked here before any handler sees it.
 */
export class EventTrust {
  private readonly logger = new Logger('EventTrust');
  private readonly revocations = new Map<string, KeyRevocation>();
  readonly verifier: EventVerifier;

  constructor(
    readonly service: AgencyType,
    readonly keyring: Keyring,
    private readonly roots: ReadonlyMap<string, TrustRoot>,
  ) {
    this.verifier = new EventVerifier(roots, [keyring.suite.alg], (kid) => this.revocations.get(kid));
  }

  private static readonly cache = new Map<string, EventTrust>();

  /**
   * The service's trust from the environment (`TRUST_DIR`, `EVENT_KEYRING`, `TRUST_ROOTS`, `CRYPTO_SUITE`). Outside production a
   * checkout's development material is made on first use; production must bring its own.
   */
  static forService(service: AgencyType, env: NodeJS.ProcessEnv = process.env): EventTrust {
    const id = `${service}|${env.TRUST_DIR ?? ''}|${env.EVENT_KEYRING ?? ''}|${env.TRUST_ROOTS ?? ''}|${env.CRYPTO_SUITE ?? ''}`;
    let trust = EventTrust.cache.get(id);
    if (!trust) {
      const suite = configuredSuite(env);
      if (env.NODE_ENV !== 'production' && !env.EVENT_KEYRING && !env.TRUST_ROOTS) ensureDevTrust(trustDir(env, suite.name), suite);
      trust = new EventTrust(service, Keyring.load(service, env), loadRoots(env));
      EventTrust.cache.set(id, trust);
    }
    return trust;
  }

  /** Headers that sign one record for its logical topic and key, with the key of the office the event speaks for. */
  sign(topic: string, key: string | null, value: string | Buffer, office?: string): IHeaders {
    return signEvent(this.keyring, { topic, key, value, office });
  }

  /**
   * Signature first (an unauthenticated record is never parsed further), then the envelope and payload, then whether the
   * signer may write it: its agency type is the source, and it speaks for the office the event names.
   */
  check(topic: string, key: string | null, value: Buffer | null, headers: IHeaders | undefined): Checked {
    const verified = this.verifier.verify({ topic, key, value, headers: headers as Record<string, Buffer | string | undefined> });
    if (!verified.ok) return verified;
    const decoded = decodeEvent(value);
    if (!decoded.ok) return decoded;
    const office = decoded.definition.actingOffice?.(decoded.payload);
    const allowed = mayEmit(verified.signer, decoded.envelope.source, office);
    if (!allowed.ok) return { ok: false, reason: allowed.reason, envelope: decoded.envelope };
    return { ...decoded, signer: verified.signer };
  }

  /** Why a record of the key registry is not to be believed (a root must have signed what it holds), or undefined. */
  problemWith(record: TrustKeyRecordV1): string | undefined {
    if (!record.certificate && !record.revocation) return 'neither a certificate nor a revocation';
    if (record.revocation) {
      const checked = checkRevocation(record.revocation, this.roots);
      if (!checked.ok) return checked.reason;
      if (record.revocation.kid !== record.kid) return `revocation of ${String(record.revocation.kid)} filed under ${record.kid}`;
    }
    if (record.certificate) {
      // Expired certificates stay listed (events they signed are history); only their root signature is checked here.
      const checked = checkCertificate(record.certificate, this.roots, [this.keyring.suite.alg], new Date(String(record.certificate.notBefore)));
      if (!checked.ok) return checked.reason;
      if (record.certificate.kid !== record.kid) return `certificate of ${String(record.certificate.kid)} filed under ${record.kid}`;
    }
    return undefined;
  }

  /** Takes in a record of the key registry; returns why it was refused, if it was. */
  learn(record: TrustKeyRecordV1): string | undefined {
    const problem = this.problemWith(record);
    if (problem) return problem;
    if (record.revocation) {
      const revocation = record.revocation as unknown as KeyRevocation;
      if (!this.revocations.has(revocation.kid)) this.logger.warn(`key ${revocation.kid} revoked at ${revocation.revokedAt}: ${revocation.reason}`);
      this.revocations.set(revocation.kid, revocation);
    }
    return undefined;
  }

  /** Signing headers of an outbox row: the office its event speaks for is read from the envelope the row holds. */
  signEnvelope(topic: string, key: string, envelope: string): IHeaders {
    const parsed = JSON.parse(envelope) as { type: string; version: number; payload: object };
    return this.sign(topic, key, envelope, findEvent(parsed.type, parsed.version)?.actingOffice?.(parsed.payload));
  }

  revoked(kid: string): KeyRevocation | undefined {
    return this.revocations.get(kid);
  }
}

/**
 * A record signed as the agency its envelope names would sign it, for simulators and tests that stand in for agencies (they
 * hold the development keyrings; a deployment's simulator gets keys of its own).
 */
export function signedAs(envelope: { source: string }, topic: string, key: string): { key: string; value: string; headers: IHeaders } {
  const value = JSON.stringify(envelope);
  return { key, value, headers: EventTrust.forService(envelope.source as AgencyType).signEnvelope(topic, key, value) };
}
