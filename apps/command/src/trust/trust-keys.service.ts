import { ForbiddenException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { mayAdminister, recordAdminChange } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE, TrustKeyRecord } from '@yuanlian/contracts';
import type { TrustKeyRecordV1 } from '@yuanlian/contracts';
import { Outbox, TrustRegistry } from '@yuanlian/messaging';
import type { KeyCertificate, KeyRevocation } from '@yuanlian/trust';
import { DataSource } from 'typeorm';

export interface KeyView {
  kid: string;
  agencyType: string;
  offices: string[];
  alg: string;
  notBefore: string;
  notAfter: string;
  issuer: string;
  status: 'valid' | 'expired' | 'revoked' | 'not_yet_valid';
  revokedAt?: string;
  revocationReason?: string;
}

/**
 * The key registry the committee's administrators keep: certificates and revocations signed by the trust root (offline,
 * with `scripts/trust.ts`), checked here and published on the compacted topic every service reads. This service holds no
 * root key: it cannot make a certificate, only pass on one a root made.
 */
@Injectable()
export class TrustKeysService {
  constructor(
    private readonly registry: TrustRegistry,
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
  ) {}

  list(): KeyView[] {
    return keyViews(this.registry.records());
  }

  /**
   * Registers a root-signed certificate and/or a revocation. Each is its own record of the compacted topic (a revocation
   * under `<kid>#revoked`), so a certificate registered again after a revocation cannot take the revocation's place.
   */
  async register(caller: Caller, input: { certificate?: Record<string, unknown>; revocation?: Record<string, unknown> }): Promise<KeyView[]> {
    if (!mayAdminister(caller, GANZHOU_CITY_CODE)) throw new ForbiddenException('只有市级管理员可以登记或吊销密钥');
    const kid = String((input.certificate ?? input.revocation)?.kid ?? '');
    const records: TrustKeyRecordV1[] = [
      ...(input.certificate ? [{ kid, certificate: input.certificate }] : []),
      ...(input.revocation ? [{ kid, revocation: input.revocation }] : []),
    ];
    for (const record of records) {
      const problem = this.registry.trust.problemWith(record);
      if (problem) throw new UnprocessableEntityException(`密钥记录未通过信任根校验：${problem}`);
    }
    const before = this.registry.records().filter((r) => r.kid === kid);
    await this.dataSource.transaction(async (m) => {
      await this.outbox.publishAll(m, records.map((payload) => ({ definition: TrustKeyRecord, payload })));
      await recordAdminChange(m, caller, {
        action: input.revocation ? 'key.revoke' : 'key.register', target: `key:${kid}`, divisionCode: GANZHOU_CITY_CODE,
        before: before.length ? before : null, after: records, reason: (input.revocation?.reason as string | undefined) ?? null,
      });
    });
    // What the registry holds once these records are read back: the key as it now stands.
    return keyViews([...before, ...records]);
  }
}

/** The registry's keys with their status: each certificate, revoked when a revocation of its key id is there too. */
function keyViews(records: TrustKeyRecordV1[]): KeyView[] {
  const now = Date.now();
  const revocations = new Map(records.filter((r) => r.revocation).map((r) => [r.kid, r.revocation as unknown as KeyRevocation]));
  const certificates = new Map(records.filter((r) => r.certificate).map((r) => [r.kid, r.certificate as unknown as KeyCertificate]));
  return [...certificates.values()].map((c): KeyView => {
    const revocation = revocations.get(c.kid);
    const status: KeyView['status'] = revocation ? 'revoked' : now < Date.parse(c.notBefore) ? 'not_yet_valid' : now > Date.parse(c.notAfter) ? 'expired' : 'valid';
    return {
      kid: c.kid, agencyType: c.agencyType, offices: c.offices, alg: c.alg, notBefore: c.notBefore, notAfter: c.notAfter, issuer: c.issuer, status,
      ...(revocation ? { revokedAt: revocation.revokedAt, revocationReason: revocation.reason } : {}),
    };
  }).sort((a, b) => a.kid.localeCompare(b.kid));
}
