import {
  createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes, sign,
  timingSafeEqual, verify,
} from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/** The signature algorithms a key can be of: Ed25519 (RFC 8032) or SM2 with SM3 (GM/T 0003, GM/T 0004). */
export type SignatureAlgorithm = 'ed25519' | 'sm2';
/** `intl`: Ed25519 and SHA-256; `sm`: SM2, SM3 (商用密码, for deployments assessed under GB/T 39786-2021). */
export type SuiteName = 'intl' | 'sm';

export interface KeyPair {
  alg: SignatureAlgorithm;
  /** Ed25519: PKCS#8 PEM; SM2: the private scalar in hex. */
  privateKey: string;
  /** Ed25519: SPKI DER in base64; SM2: the uncompressed point in hex. */
  publicKey: string;
}

/**
 * One set of algorithms, chosen by configuration (`CRYPTO_SUITE`). Everything that signs, verifies or hashes for trust goes
 * through this interface, so a deployment that must use the national algorithms changes a setting, not code.
 */
export interface CryptoSuite {
  name: SuiteName;
  alg: SignatureAlgorithm;
  generateKeyPair(): KeyPair;
  sign(privateKey: string, data: Buffer): string;
  verify(publicKey: string, data: Buffer, signature: string): boolean;
  hash(data: Buffer | string): Buffer;
  hmac(key: Buffer, data: Buffer | string): Buffer;
  /** Authenticated encryption with a 32-byte key: base64 of nonce, ciphertext and tag. */
  seal(key: Buffer, plaintext: string): string;
  /** The plaintext, or an error if the key is wrong or the value was altered. */
  open(key: Buffer, sealed: string): string;
}

/** Parsed keys by their text: a key is parsed once per process, not per event (PEM/DER parsing costs more than a verify). */
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();
const cached = (map: Map<string, KeyObject>, text: string, make: () => KeyObject) => {
  let key = map.get(text);
  if (!key) {
    if (map.size > 10_000) map.clear();
    key = make();
    map.set(text, key);
  }
  return key;
};

const intl: CryptoSuite = {
  name: 'intl',
  alg: 'ed25519',
  generateKeyPair() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return {
      alg: 'ed25519',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    };
  },
  sign(privateKey, data) {
    return sign(null, data, cached(privateKeys, privateKey, () => createPrivateKey(privateKey))).toString('base64');
  },
  verify(publicKey, data, signature) {
    try {
      const key = cached(publicKeys, publicKey, () => createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }));
      return verify(null, data, key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  },
  hash: (data) => createHash('sha256').update(data).digest(),
  hmac: (key, data) => createHmac('sha256', key).update(data).digest(),
  seal(key, plaintext) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', checkKey(key), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  },
  open(key, sealed) {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < 28) throw new Error('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', checkKey(key), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  },
};

function checkKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error('an encryption key has 32 bytes');
  return key;
}

/**
 * SM4 (GM/T 0002) in CTR mode, then HMAC-SM3 over nonce and ciphertext (encrypt-then-MAC): Node's OpenSSL has SM4 but
 * no SM4-GCM. The 32-byte key gives a 16-byte cipher key and a MAC key, each derived with HMAC-SM3.
 */
const sm4Derived = new WeakMap<Buffer, { enc: Buffer; mac: Buffer }>();
function sm4Keys(key: Buffer) {
  // Derived once per key object (two HMAC-SM3 runs were half the cost of a seal).
  let derived = sm4Derived.get(key);
  if (!derived) {
    checkKey(key);
    derived = { enc: createHmac('sm3', key).update('yl-sm4-enc').digest().subarray(0, 16), mac: createHmac('sm3', key).update('yl-sm4-mac').digest() };
    sm4Derived.set(key, derived);
  }
  return derived;
}

const HEX = /^[0-9a-f]+$/i;

/**
 * SM2 signatures through sm-crypto-v2 (built on the audited @noble curves): Node's OpenSSL knows the SM2 curve, but Node does
 * not map imported SM2 keys to SM2 signing (an exported and re-imported key fails to verify its own signature here), so the
 * signature is not left to it. SM3 comes from OpenSSL (`sm3`), which computes it natively.
 */
const sm: CryptoSuite = {
  name: 'sm',
  alg: 'sm2',
  generateKeyPair() {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    return { alg: 'sm2', privateKey, publicKey };
  },
  sign(privateKey, data) {
    // hash: SM3 over Z_A (the default user id 1234567812345678, GM/T 0009) and the message, as the standard signs.
    return sm2.doSignature(new Uint8Array(data), privateKey, { hash: true, der: false });
  },
  verify(publicKey, data, signature) {
    if (!HEX.test(signature) || signature.length !== 128 || !HEX.test(publicKey)) return false;
    try {
      return sm2.doVerifySignature(new Uint8Array(data), signature, publicKey, { hash: true, der: false });
    } catch {
      return false;
    }
  },
  hash: (data) => createHash('sm3').update(data).digest(),
  hmac: (key, data) => createHmac('sm3', key).update(data).digest(),
  seal(key, plaintext) {
    const { enc, mac } = sm4Keys(key);
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', enc, iv);
    const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([body, createHmac('sm3', mac).update(body).digest()]).toString('base64');
  },
  open(key, sealed) {
    const { enc, mac } = sm4Keys(key);
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < 48) throw new Error('sealed value too short');
    const body = raw.subarray(0, raw.length - 32);
    if (!timingSafeEqual(createHmac('sm3', mac).update(body).digest(), raw.subarray(raw.length - 32))) throw new Error('sealed value altered or wrong key');
    const decipher = createDecipheriv('sm4-ctr', enc, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
  },
};

const SUITES: Record<SuiteName, CryptoSuite> = { intl, sm };
const BY_ALG: Record<SignatureAlgorithm, CryptoSuite> = { ed25519: intl, sm2: sm };

export function cryptoSuite(name: SuiteName): CryptoSuite {
  return SUITES[name];
}

export function suiteOfAlgorithm(alg: string): CryptoSuite | undefined {
  return (BY_ALG as Record<string, CryptoSuite | undefined>)[alg];
}

/** The deployment's suite (`CRYPTO_SUITE`, default `intl`); an unknown name stops the service rather than weakening it. */
export function configuredSuite(env: NodeJS.ProcessEnv = process.env): CryptoSuite {
  const name = env.CRYPTO_SUITE || 'intl';
  if (name !== 'intl' && name !== 'sm') throw new Error(`CRYPTO_SUITE must be intl or sm, not ${name}`);
  return SUITES[name];
}

