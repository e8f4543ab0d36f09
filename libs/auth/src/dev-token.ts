import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createOnce, replaceFile } from '@yuanlian/trust';
import { join, resolve } from 'node:path';
import { sign } from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER, TokenClaims } from './claims';

/** The key id of development tokens; services outside production check such tokens against the development public key. */
export const DEV_TOKEN_KID = 'dev';

/** Where the development key pair lives: `TRUST_DIR`, or `.run/trust` under the checkout (never committed). */
export const devTokenKeyDir = (env: NodeJS.ProcessEnv = process.env) => (env.TRUST_DIR ? resolve(env.TRUST_DIR) : resolve('.run', 'trust'));
const privateFile = (dir: string) => join(dir, 'dev-token.key.pem');
const publicFile = (dir: string) => join(dir, 'dev-token.pub.pem');

const isProduction = () => process.env.NODE_ENV === 'production';

/**
 * Makes the development key pair unless it exists; of processes starting at once exactly one key wins (`createOnce`), and
 * the public key is derived from the winner.
 */
function ensureDevTokenKeys(dir: string): void {
  const keyFile = privateFile(dir);
  if (!existsSync(keyFile)) createOnce(keyFile, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const pub = createPublicKey(createPrivateKey(readFileSync(keyFile))).export({ format: 'pem', type: 'spki' }).toString();
  const pubFile = publicFile(dir);
  if (existsSync(pubFile) && readFileSync(pubFile, 'utf8') === pub) return;
  replaceFile(pubFile, pub, 0o644);
}

/** The development public key the services trust outside production; made on first use. */
export function devTokenPublicKey(dir = devTokenKeyDir()): KeyObject {
  if (isProduction()) throw new Error('development tokens are not trusted in production');
  if (!existsSync(publicFile(dir))) ensureDevTokenKeys(dir);
  return createPublicKey(readFileSync(publicFile(dir)));
}

/** Parsed once per directory: tests sign thousands of tokens. */
const signingKeys = new Map<string, KeyObject>();

function devTokenPrivateKey(dir: string): KeyObject {
  let key = signingKeys.get(dir);
  if (!key) {
    ensureDevTokenKeys(dir);
    key = createPrivateKey(readFileSync(privateFile(dir)));
    signingKeys.set(dir, key);
  }
  return key;
}

/**
 * A development token (tests, the demo, `npm run token`), ES256 with the development key, which only services outside
 * production trust. Short-lived by default. Production has no development key: this throws there.
 */
export function signDevToken(claims: TokenClaims, options: { expiresInSeconds?: number; dir?: string } = {}): string {
  if (isProduction()) throw new Error('development tokens cannot be made in production; sign in at the portal');
  return sign({ ...claims }, devTokenPrivateKey(options.dir ?? devTokenKeyDir()), {
    algorithm: 'ES256',
    keyid: DEV_TOKEN_KID,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: options.expiresInSeconds ?? 15 * 60,
  });
}
