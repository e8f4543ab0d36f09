// Key material for event signing. The root's private key belongs offline with the city's administrators; this tool is
// what they run there. The committee's service registers what it prints (POST /trust/keys) and never holds the root.
//
//   node -r @swc-node/register scripts/trust.ts init                          development material in TRUST_DIR (npm start and the tests make it themselves)
//   node -r @swc-node/register scripts/trust.ts issue <agencyType> [officeId …] [--days 365] [--keyring file]
//                                                                            a new key for a service (rotation: the newer valid key signs), added to its keyring; prints the certificate
//   node -r @swc-node/register scripts/trust.ts revoke <kid> <reason>         prints a revocation to register
//   node -r @swc-node/register scripts/trust.ts list [agencyType]             the keys of the keyrings in TRUST_DIR
//
// TRUST_ROOT_KEY names the root's key file (default: the development root in TRUST_DIR); CRYPTO_SUITE=sm for SM2/SM3.
import { existsSync, readFileSync } from 'node:fs';
import { AGENCY_TYPES, RECEIVING_AGENCY_TYPES } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { configuredSuite, dataKeysFile, devKey, ensureDevDataKeys, ensureDevTrust, issueRevocation, keyringFile, replaceFile, rootKeyFile, trustDir } from '@yuanlian/trust';
import type { KeyringFile, RootKey } from '@yuanlian/trust';

const [command, ...args] = process.argv.slice(2);
const suite = configuredSuite();
const dir = trustDir(process.env, suite.name);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const root = (): RootKey => {
  const file = process.env.TRUST_ROOT_KEY || rootKeyFile(dir);
  if (!existsSync(file)) fail(`no root key at ${file} (TRUST_ROOT_KEY)`);
  return JSON.parse(readFileSync(file, 'utf8')) as RootKey;
};
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

if (command === 'init') {
  ensureDevTrust(dir, suite);
  // The data keys of the schemas that hold sealed personal data, beside the signing material.
  for (const schema of ['legal_aid', ...RECEIVING_AGENCY_TYPES.map((t) => t.replace('-', '_'))]) ensureDevDataKeys(dataKeysFile(schema, { ...process.env, TRUST_DIR: dir }), schema, suite);
  console.log(`trust material in ${dir}`);
} else if (command === 'issue') {
  const days = Number(option('days') ?? 365);
  const keyring = option('keyring');
  const [agencyType, ...offices] = args;
  if (!AGENCY_TYPES.includes(agencyType as AgencyType)) fail(`agency type must be one of ${AGENCY_TYPES.join(', ')}`);
  if (!(days > 0 && days <= 3650)) fail('--days must be between 1 and 3650');
  const entry = devKey(suite, root(), agencyType as AgencyType, offices, days, offices.length === 1 ? offices[0].split(':')[1] : offices.length ? 'offices' : 'service');
  const file = keyring ?? keyringFile(dir, agencyType as AgencyType);
  const ring: KeyringFile = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { agencyType: agencyType as AgencyType, keys: [] };
  ring.keys.push(entry);
  replaceFile(file, JSON.stringify(ring, null, 1));
  process.stderr.write(`added ${entry.cert.kid} to ${file}; register the certificate below with POST /trust/keys {"certificate": …}\n`);
  console.log(JSON.stringify(entry.cert, null, 1));
} else if (command === 'revoke') {
  const [kid, ...reason] = args;
  if (!kid || !reason.length) fail('usage: revoke <kid> <reason>');
  process.stderr.write('register the revocation below with POST /trust/keys {"revocation": …}\n');
  console.log(JSON.stringify(issueRevocation(root(), kid, reason.join(' ')), null, 1));
} else if (command === 'list') {
  for (const type of AGENCY_TYPES.filter((t) => !args[0] || t === args[0])) {
    const file = keyringFile(dir, type);
    if (!existsSync(file)) continue;
    for (const { cert } of (JSON.parse(readFileSync(file, 'utf8')) as KeyringFile).keys) {
      console.log(`${cert.kid}\t${cert.alg}\t${cert.notBefore.slice(0, 10)}..${cert.notAfter.slice(0, 10)}\t${cert.offices.join(',') || '(service)'}`);
    }
  }
} else {
  fail('usage: trust.ts init | issue <agencyType> [officeId …] [--days N] [--keyring file] | revoke <kid> <reason> | list [agencyType]');
}
