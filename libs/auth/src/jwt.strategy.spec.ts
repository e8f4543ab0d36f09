import 'reflect-metadata';
import { createHmac, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { sign } from 'jsonwebtoken';
import { AuthModule } from './auth.module';
import { JWT_AUDIENCE, JWT_ISSUER } from './claims';
import type { Caller } from './claims';
import { CurrentUser } from './decorators';
import { signDevToken } from './dev-token';

@Controller()
class WhoAmI {
  @Get('whoami')
  whoami(@CurrentUser() caller: Caller) {
    return caller;
  }
}

@Module({ imports: [AuthModule], controllers: [WhoAmI] })
class TestModule {}

/** A real identity provider: its key set and its list of ended sessions, over HTTP. */
function provider() {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const state = { revoked: [] as { sub: string; validAfter: string }[] };
  const server: Server = createServer((req, res) => {
    const body = req.url === '/auth/revocations' ? { items: state.revoked } : { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig', alg: 'ES256' }] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return { key, state, server, jwks: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json` };
}

const claims = { sub: 'u-1', name: '测试', agencyId: 'command:360702', agencyType: 'command' as const, divisionCode: '360702', roles: ['analyst' as const] };
const es256 = (key: KeyObject, kid: string, payload: object = claims, options: object = {}) =>
  sign(payload, key, { algorithm: 'ES256', keyid: kid, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 60, ...options });
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Made by hand: a library may refuse to make what an attacker would. */
function hs256(secret: string | Buffer, kid = 'dev'): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64({ ...claims, iat: now, exp: now + 60, iss: JWT_ISSUER, aud: JWT_AUDIENCE })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const unsigned = () => {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 60, iss: JWT_ISSUER, aud: JWT_AUDIENCE })}.`;
};

describe('which tokens a service accepts', () => {
  const idp = provider();
  const trustDir = mkdtempSync(join(tmpdir(), 'yl-jwt-'));
  const apps: INestApplication[] = [];

  /** A service with the given environment (read when its strategy is made). */
  async function service(env: Record<string, string | undefined>) {
    const saved = { ...process.env };
    Object.assign(process.env, { TRUST_DIR: trustDir, JWT_JWKS_URL: idp.jwks(), JWT_REVOCATIONS_POLL_MS: '100', ...env });
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    try {
      const app = await NestFactory.create(TestModule, { logger: false, abortOnError: false });
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      const url = await app.getUrl();
      return async (token: string) => (await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${token}` } })).status;
    } finally {
      process.env = saved;
    }
  }

  beforeAll(() => new Promise<void>((r) => idp.server.listen(0, '127.0.0.1', r)));
  afterAll(async () => {
    for (const app of apps) await app.close();
    await new Promise((r) => idp.server.close(r));
    rmSync(trustDir, { recursive: true, force: true });
  });

  it('outside production: development and identity-provider ES256 tokens; no HS256, no alg none, no stranger keys', async () => {
    const call = await service({ NODE_ENV: 'test' });
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(await call(signDevToken(claims, { dir: trustDir }))).toBe(200);
    expect(await call(es256(idp.key.privateKey, 'idp-1'))).toBe(200);
    const refused = {
      'HS256 with the old demo secret': hs256('yuanlian-demo-secret-not-for-production'),
      'HS256 with another secret': hs256('another-key-of-at-least-32-characters!!', 'idp-1'),
      'HS256 keyed with the development public key': hs256(readFileSync(join(trustDir, 'dev-token.pub.pem'))),
      'alg none': unsigned(),
      'a stranger key named dev': es256(stranger, 'dev'),
      'a stranger key named as the provider key': es256(stranger, 'idp-1'),
      'a stranger key of its own': es256(stranger, 'stranger'),
      'no iat': es256(idp.key.privateKey, 'idp-1', claims, { noTimestamp: true }),
      'a division beside its office (command:360702 in 360700)': signDevToken({ ...claims, divisionCode: '360700' }, { dir: trustDir }),
      'an office of another agency type': signDevToken({ ...claims, agencyId: 'court:360702' }, { dir: trustDir }),
    };
    for (const [kind, token] of Object.entries(refused)) expect({ kind, status: await call(token) }).toEqual({ kind, status: 401 });
  });

  it('in production: only the identity provider’s tokens, never development ones; and not without its keys', async () => {
    const devToken = signDevToken(claims, { dir: trustDir });
    const call = await service({ NODE_ENV: 'production' });
    expect(await call(es256(idp.key.privateKey, 'idp-1'))).toBe(200);
    expect(await call(devToken)).toBe(401);
    expect(await call(hs256('yuanlian-demo-secret-not-for-production'))).toBe(401);
    await expect(service({ NODE_ENV: 'production', JWT_JWKS_URL: undefined })).rejects.toThrow('JWT_JWKS_URL must be set in production');
  });

  it('refuses the tokens of a user whose sessions ended within a poll, and accepts the next sign-in', async () => {
    const call = await service({ NODE_ENV: 'test' });
    const old = es256(idp.key.privateKey, 'idp-1', { ...claims, sub: 'u-ended' });
    expect(await call(old)).toBe(200);
    const endedAt = Date.now() + 1;
    idp.state.revoked = [{ sub: 'u-ended', validAfter: new Date(endedAt).toISOString() }];
    const started = Date.now();
    while ((await call(old)) === 200) {
      expect(Date.now() - started).toBeLessThan(3_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await call(old)).toBe(401);
    expect(await call(es256(idp.key.privateKey, 'idp-1', { ...claims, sub: 'u-ended', iat: Math.ceil(endedAt / 1000) }))).toBe(200);
    expect(await call(es256(idp.key.privateKey, 'idp-1', { ...claims, sub: 'u-other' }))).toBe(200);
  });
});
