import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trustDir } from './keyring';
import { createOnce, replaceFile } from './files';
import { configuredSuite, CryptoSuite, SuiteName } from './suite';

/** One version of a service's key for personal data at rest (32 bytes, base64). */
export interface DataKey {
  version: number;
  key: string;
  createdAt: string;
}

/**
 * A service's data key file: the sealing keys by version (the newest seals, every one still opens) and the separate key of
 * the search hashes. Kept outside the database, so a dump of it opens nothing.
 */
export interface DataKeyFile {
  schema: string;
  suite: SuiteName;
  keys: DataKey[];
  indexKey: string;
}

/** `DATA_KEYS_DIR`, or data-keys/ in the trust directory; one file per service schema. */
export const dataKeysDir = (env: NodeJS.ProcessEnv = process.env) => (env.DATA_KEYS_DIR ? resolve(env.DATA_KEYS_DIR) : join(trustDir(env), 'data-keys'));
export const dataKeysFile = (schema: string, env: NodeJS.ProcessEnv = process.env) => join(dataKeysDir(env), `${schema}.json`);

const SEALED = /^v(\d+):(.+)$/s;
const newKey = () => randomBytes(32).toString('base64');

/**
 * Seals and opens a service's personal data (ID numbers, phones) with its versioned keys, and hashes values for finding
 * rows by them. A sealed value names its key version (`v2:…`); rotation adds a version, and `reseal` moves old values to it.
 */
export class DataKeys {
  private keys = new Map<number, Buffer>();
  private indexKey: Buffer = Buffer.alloc(0);
  /** The version new values are sealed with: the newest in the file when it was loaded. */
  readonly current: number;

  private constructor(
    readonly file: string,
    readonly suite: CryptoSuite,
  ) {
    this.read();
    this.current = Math.max(...this.keys.keys());
  }

  /**
   * The service's keys (`DATA_KEYS_DIR`/<schema>.json). Outside production a checkout's development keys are made on first
   * use; production brings its own and refuses to start without.
   */
  static forSchema(schema: string, env: NodeJS.ProcessEnv = process.env): DataKeys {
    const file = dataKeysFile(schema, env);
    const suite = configuredSuite(env);
    if (!existsSync(file)) {
      if (env.NODE_ENV === 'production') throw new Error(`no data keys at ${file}: production brings its own (DATA_KEYS_DIR)`);
      ensureDevDataKeys(file, schema, suite);
    }
    // One per file and suite in a process (the outbox, the relay and the service's own code share the keys read once),
    // read again only when the file has changed since (a key added by rotation).
    const id = `${file}|${suite.name}`;
    const changedAt = statSync(file).mtimeMs;
    const known = DataKeys.loaded.get(id);
    if (known && known.changedAt === changedAt) return known.keys;
    const keys = new DataKeys(file, suite);
    DataKeys.loaded.set(id, { keys, changedAt });
    return keys;
  }

  private static readonly loaded = new Map<string, { keys: DataKeys; changedAt: number }>();

  /** `v<current>:` — how every value sealed under the newest key begins. */
  get currentPrefix(): string {
    return `v${this.current}:`;
  }

  seal(plain: string): string {
    return this.currentPrefix + this.suite.seal(this.keys.get(this.current)!, plain);
  }

  open(sealed: string): string {
    const m = SEALED.exec(sealed);
    if (!m) throw new Error('not a sealed value');
    const version = Number(m[1]);
    // A version added after this process loaded the file (rotation while it runs): read the file again.
    if (!this.keys.has(version)) this.read();
    const key = this.keys.get(version);
    if (!key) throw new Error(`value sealed with data key v${version}, which ${this.file} does not hold`);
    return this.suite.open(key, m[2]);
  }

  isCurrent(sealed: string): boolean {
    return sealed.startsWith(this.currentPrefix);
  }

  /** The value sealed under the newest key (unchanged when it already is). */
  reseal(sealed: string): string {
    return this.isCurrent(sealed) ? sealed : this.seal(this.open(sealed));
  }

  /**
   * The keyed hash rows are found by (search, duplicate checks): equal values give equal hashes, and without the key
   * nobody can test a guessed ID number against it. `field` keeps an ID number's hash apart from a phone's.
   */
  index(field: string, value: string): string {
    return this.suite.hmac(this.indexKey, `${field}\u0000${value}`).toString('hex');
  }

  private read() {
    const data = JSON.parse(readFileSync(this.file, 'utf8')) as DataKeyFile;
    if (data.suite !== this.suite.name) throw new Error(`data keys in ${this.file} are for CRYPTO_SUITE=${data.suite}, not ${this.suite.name}`);
    if (!data.keys?.length) throw new Error(`${this.file} holds no data key`);
    this.keys = new Map(data.keys.map((k) => [k.version, checkLength(Buffer.from(k.key, 'base64'), this.file)]));
    this.indexKey = checkLength(Buffer.from(data.indexKey, 'base64'), this.file);
  }
}

function checkLength(key: Buffer, file: string): Buffer {
  if (key.length !== 32) throw new Error(`a key in ${file} does not have 32 bytes`);
  return key;
}

/**
 * Development data keys, made once per checkout and never committed. Several processes may ask at once (a test run starts
 * services together): each writes its own file and links it into place, and only the first link succeeds.
 */
export function ensureDevDataKeys(file: string, schema: string, suite: CryptoSuite): void {
  if (existsSync(file)) return;
  const keys: DataKeyFile = { schema, suite: suite.name, keys: [{ version: 1, key: newKey(), createdAt: new Date().toISOString() }], indexKey: newKey() };
  createOnce(file, JSON.stringify(keys, null, 1));
}

/**
 * Rotation: adds a new key version to a data key file and returns it. Services seal with it once restarted and open it at
 * once; old values keep opening until resealed. The search hashes' key stays, so hashes stay valid.
 */
export function addDataKey(file: string): number {
  const data = JSON.parse(readFileSync(file, 'utf8')) as DataKeyFile;
  const version = Math.max(0, ...data.keys.map((k) => k.version)) + 1;
  data.keys.push({ version, key: newKey(), createdAt: new Date().toISOString() });
  replaceFile(file, JSON.stringify(data, null, 1));
  return version;
}
