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
    const now = Date.now();
    return this.registry.records().flatMap((r): KeyView[] => {
      const c = r.certificate as unknown as KeyCertificate | undefined;
      const revocation = r.revocation as unknown as KeyRevocation | undefined;
      if (!c) return [];
      const status: KeyView['status'] = revocation ? 'revoked' : now < Date.parse(c.notBefore) ? 'not_yet_valid' : now > Date.parse(c.notAfter) ? 'expired' : 'valid';
      return [{
        kid: r.kid, agencyType: c.agencyType, offices: c.offices, alg: c.alg, notBefore: c.notBefore, notAfter: c.notAfter, issuer: c.issuer, status,
        ...(revocation ? { revokedAt: revocation.revokedAt, revocationReason: revocation.reason } : {}),
      }];
    }).sort((a, b) => a.kid.localeCompare(b.kid));
  }

  /** Registers a root-signed certificate, or a revocation (kept beside the certificate it ends, so compaction keeps both). */
  async register(caller: Caller, input: { certificate?: Record<string, unknown>; revocation?: Record<string, unknown> }): Promise<KeyView[]> {
    if (!mayAdminister(caller, GANZHOU_CITY_CODE)) throw new ForbiddenException('只有市级管理员可以登记或吊销密钥');
    const kid = String((input.certificate ?? input.revocation)?.kid ?? '');
    const known = this.registry.records().find((r) => r.kid === kid);
    const record: TrustKeyRecordV1 = { kid, certificate: input.certificate ?? known?.certificate, revocation: input.revocation ?? known?.revocation };
    const problem = this.registry.trust.problemWith(record);
    if (problem) throw new UnprocessableEntityException(`密钥记录未通过信任根校验：${problem}`);
    await this.dataSource.transaction(async (m) => {
      await this.outbox.publish(m, TrustKeyRecord, record);
      await recordAdminChange(m, caller, {
        action: input.revocation ? 'key.revoke' : 'key.register', target: `key:${kid}`, divisionCode: GANZHOU_CITY_CODE,
        before: known ?? null, after: record, reason: (input.revocation?.reason as string | undefined) ?? null,
      });
    });
    return this.list().filter((k) => k.kid === kid);
  }
}
