import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decode, verify } from 'jsonwebtoken';
import { DEV_TOKEN_KID, devTokenPublicKey, signDevToken } from './dev-token';

const claims = { sub: 'dev-user', name: '测试', agencyId: 'legal-aid:360702', agencyType: 'legal-aid' as const, divisionCode: '360702', roles: ['clerk' as const] };

describe('development tokens', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'yl-dev-token-')), 'trust');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(resolve(d, '..'), { recursive: true, force: true })));

  it('are ES256 with the development key, made on first use and kept', () => {
    const dir = fresh();
    const token = signDevToken(claims, { dir });
    expect(decode(token, { complete: true })?.header).toMatchObject({ alg: 'ES256', kid: DEV_TOKEN_KID });
    expect(verify(token, devTokenPublicKey(dir), { algorithms: ['ES256'] })).toMatchObject({ sub: 'dev-user', iat: expect.any(Number) });
    expect(readdirSync(dir).sort()).toEqual(['dev-token.key.pem', 'dev-token.pub.pem']);
    const key = readFileSync(join(dir, 'dev-token.key.pem'), 'utf8');
    signDevToken(claims, { dir });
    expect(readFileSync(join(dir, 'dev-token.key.pem'), 'utf8')).toBe(key);
  });

  it('uses a key another process made first, and derives the public key from it', () => {
    const dir = fresh();
    const theirs = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dev-token.key.pem'), theirs.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    // A public key that does not belong to it (a half-finished earlier run) is replaced.
    writeFileSync(join(dir, 'dev-token.pub.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }));
    const token = signDevToken(claims, { dir });
    expect(verify(token, theirs.publicKey, { algorithms: ['ES256'] })).toMatchObject({ sub: 'dev-user' });
    expect(readFileSync(join(dir, 'dev-token.pub.pem'), 'utf8')).toBe(theirs.publicKey.export({ format: 'pem', type: 'spki' }));
    expect(readdirSync(dir).sort()).toEqual(['dev-token.key.pem', 'dev-token.pub.pem']);
  });

  it('do not exist in production', () => {
    const dir = fresh();
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => signDevToken(claims, { dir })).toThrow('development tokens cannot be made in production');
      expect(() => devTokenPublicKey(dir)).toThrow('not trusted in production');
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
