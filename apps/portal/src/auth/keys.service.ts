import { createHash, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { PublishedKey } from '@yuanlian/auth';
import { DataSource, IsNull } from 'typeorm';
import { SigningKey } from './signing-key.entity';

/** RFC 7638 thumbprint of an EC public key: the key id, stable and derived from the key itself. */
function thumbprint(jwk: { crv?: string; kty?: string; x?: string; y?: string }): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
}

/**
 * The portal's ES256 signing keys. The first instance to start creates one (stored in the portal's schema; a
 * deployment that keeps keys in an HSM or a secret store would replace this); every instance signs with the newest
 * unretired key and publishes every unretired key, so a new key can be rolled in before the old one is retired.
 */
@Injectable()
export class KeysService implements OnModuleInit {
  private signing?: { kid: string; key: KeyObject };
  private published: PublishedKey[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit() {
    const repo = this.dataSource.getRepository(SigningKey);
    if (!(await repo.count({ where: { retiredAt: IsNull() } }))) await this.create();
    await this.load();
  }

  /** Creates a key (on first start, or to roll keys); instances pick it up when they next load. */
  async create(): Promise<string> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const kid = thumbprint(jwk);
    await this.dataSource.getRepository(SigningKey).insert({
      kid, algorithm: 'ES256', privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      publicJwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } as PublishedKey as never, createdAt: new Date(), retiredAt: null,
    });
    return kid;
  }

  async load() {
    const keys = await this.dataSource.getRepository(SigningKey).find({ where: { retiredAt: IsNull() }, order: { createdAt: 'DESC', kid: 'ASC' } });
    this.published = keys.map((k) => k.publicJwk);
    this.signing = { kid: keys[0].kid, key: createPrivateKey(keys[0].privateKeyPem) };
  }

  signingKey(): { kid: string; key: KeyObject } {
    if (!this.signing) throw new Error('signing keys not loaded');
    return this.signing;
  }

  jwks(): { keys: PublishedKey[] } {
    return { keys: this.published };
  }
}
