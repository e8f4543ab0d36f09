import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDataKey, DataKeys, dataKeysFile, ensureDevDataKeys } from './data-keys';
import { cryptoSuite } from './suite';

const ID = '360702199003071239';

describe.each(['intl', 'sm'] as const)('data keys (%s)', (suite) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-keys-'));
    env = { DATA_KEYS_DIR: dir, CRYPTO_SUITE: suite };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals under a named key version and opens again; the sealed value holds the ID number in no form', () => {
    const keys = DataKeys.forSchema('legal_aid', env);
    const sealed = keys.seal(ID);
    expect(sealed).toMatch(/^v1:/);
    expect(keys.open(sealed)).toBe(ID);
    for (const form of [ID, ID.slice(0, 17), Buffer.from(ID).toString('base64'), Buffer.from(ID).toString('hex')]) expect(sealed).not.toContain(form);
    expect(keys.seal(ID)).not.toBe(sealed);
  });

  it('keeps old values opening after a new version is added, seals with the newest, and reseals old values', () => {
    const file = dataKeysFile('legal_aid', env);
    const v1 = DataKeys.forSchema('legal_aid', env);
    const old = v1.seal(ID);
    expect(addDataKey(file)).toBe(2);
    const v2 = DataKeys.forSchema('legal_aid', env);
    expect(v2.open(old)).toBe(ID);
    const fresh = v2.seal(ID);
    expect(fresh).toMatch(/^v2:/);
    expect(v2.isCurrent(old)).toBe(false);
    const resealed = v2.reseal(old);
    expect(resealed).toMatch(/^v2:/);
    expect(v2.open(resealed)).toBe(ID);
    expect(v2.reseal(fresh)).toBe(fresh);
    // A process that loaded the file before the rotation opens the new version by reading the file again.
    expect(v1.open(fresh)).toBe(ID);
  });

  it('refuses a value altered or under a version it does not hold', () => {
    const keys = DataKeys.forSchema('legal_aid', env);
    const sealed = keys.seal(ID);
    const body = Buffer.from(sealed.slice(3), 'base64');
    body[body.length - 1] ^= 1;
    expect(() => keys.open(`v1:${body.toString('base64')}`)).toThrow();
    expect(() => keys.open(sealed.replace(/^v1:/, 'v9:'))).toThrow('v9');
    expect(() => keys.open(ID)).toThrow('not a sealed value');
  });

  it('hashes for search with its own key: equal values equal, fields apart, another service different', () => {
    const keys = DataKeys.forSchema('legal_aid', env);
    expect(keys.index('id_number', ID)).toBe(DataKeys.forSchema('legal_aid', env).index('id_number', ID));
    expect(keys.index('id_number', ID)).not.toBe(keys.index('phone', ID));
    expect(keys.index('id_number', ID)).not.toBe(DataKeys.forSchema('labor_inspection', env).index('id_number', ID));
    expect(keys.index('id_number', ID)).not.toContain(ID);
  });

  it('makes development keys once, however many processes ask; production brings its own', () => {
    const file = dataKeysFile('court', env);
    ensureDevDataKeys(file, 'court', cryptoSuite(suite));
    const first = readFileSync(file, 'utf8');
    ensureDevDataKeys(file, 'court', cryptoSuite(suite));
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(() => DataKeys.forSchema('union', { ...env, NODE_ENV: 'production' })).toThrow('production brings its own');
  });

  it('refuses keys made for the other crypto suite', () => {
    DataKeys.forSchema('legal_aid', env);
    expect(() => DataKeys.forSchema('legal_aid', { ...env, CRYPTO_SUITE: suite === 'intl' ? 'sm' : 'intl' })).toThrow('CRYPTO_SUITE');
  });
});
