import {
  canonicalJson, checkCertificate, checkRevocation, createRoot, cryptoSuite, devKey, EventVerifier, issueCertificate, issueRevocation, Keyring,
  mayEmit, signEvent, SuiteName,
} from './index';

describe.each<SuiteName>(['intl', 'sm'])('trust with the %s suite', (name) => {
  const suite = cryptoSuite(name);
  const root = createRoot(suite, 'test root');
  const roots = new Map([[root.root.id, root.root]]);
  const office = 'labor-inspection:360702';

  it('signs and verifies, and refuses a changed message, a changed signature and another key', () => {
    const a = suite.generateKeyPair();
    const b = suite.generateKeyPair();
    const data = Buffer.from('转介已受理 ¥1,000');
    const sig = suite.sign(a.privateKey, data);
    expect(suite.verify(a.publicKey, data, sig)).toBe(true);
    expect(suite.verify(a.publicKey, Buffer.from('转介已受理 ¥9,000'), sig)).toBe(false);
    expect(suite.verify(b.publicKey, data, sig)).toBe(false);
    // A digit for a digit: valid base64 and hex alike, and not the same value in either case.
    const flipped = sig.slice(0, 10) + (sig[10] === '0' ? '1' : '0') + sig.slice(11);
    expect(suite.verify(a.publicKey, data, flipped)).toBe(false);
    expect(suite.verify(a.publicKey, data, 'not a signature')).toBe(false);
    expect(suite.alg).toBe(name === 'sm' ? 'sm2' : 'ed25519');
  });

  it('hashes with SHA-256 or SM3', () => {
    // SM3("abc") from GB/T 32905-2016, appendix A; SHA-256("abc") from FIPS 180-2.
    expect(suite.hash('abc').toString('hex')).toBe(
      name === 'sm' ? '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' : 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('seals and opens personal data, refusing an altered value and another key', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = suite.seal(key, '360702199003071239');
    expect(sealed).not.toContain('360702');
    expect(suite.open(key, sealed)).toBe('360702199003071239');
    expect(suite.seal(key, '360702199003071239')).not.toBe(sealed);
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 20] ^= 1;
    expect(() => suite.open(key, raw.toString('base64'))).toThrow();
    expect(() => suite.open(Buffer.alloc(32, 8), sealed)).toThrow();
  });

  it('certifies keys, and refuses a foreign root, a changed field, an expired key and another algorithm', () => {
    const key = devKey(suite, root, 'labor-inspection', [office]);
    expect(checkCertificate(key.cert, roots, [suite.alg])).toEqual({ ok: true });
    // The same fields in another order are the same certificate.
    const reordered = Object.fromEntries(Object.entries(key.cert).reverse());
    expect(checkCertificate(reordered, roots, [suite.alg])).toEqual({ ok: true });
    expect(checkCertificate({ ...key.cert, offices: ['labor-inspection:360703'] }, roots, [suite.alg])).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(checkCertificate({ ...key.cert, agencyType: 'command' }, roots, [suite.alg])).toMatchObject({ ok: false });
    const stranger = createRoot(suite, 'stranger');
    expect(checkCertificate(devKey(suite, stranger, 'labor-inspection', [office]).cert, roots, [suite.alg])).toMatchObject({ ok: false, reason: expect.stringContaining('not a trusted root') });
    const expired = issueCertificate(root, suite.generateKeyPair(), { kid: 'old', agencyType: 'court', offices: [], notBefore: new Date('2025-01-01'), notAfter: new Date('2025-12-31') });
    expect(checkCertificate(expired, roots, [suite.alg])).toMatchObject({ ok: false, reason: expect.stringContaining('not valid now') });
    expect(checkCertificate(key.cert, roots, [name === 'sm' ? 'ed25519' : 'sm2'])).toMatchObject({ ok: false, reason: expect.stringContaining('not accepted') });
    expect(checkCertificate({ ...key.cert, offices: ['<script>'] }, roots, [suite.alg])).toEqual({ ok: false, reason: 'malformed key certificate' });
  });

  it('accepts a revocation only from a root', () => {
    const revocation = issueRevocation(root, 'k1', '密钥泄露');
    expect(checkRevocation(revocation, roots)).toEqual({ ok: true });
    expect(checkRevocation({ ...revocation, kid: 'k2' }, roots)).toMatchObject({ ok: false });
    const stranger = createRoot(suite, 'stranger');
    expect(checkRevocation({ ...issueRevocation(stranger, 'k1', 'x'), issuer: root.root.id }, roots)).toMatchObject({ ok: false });
  });

  it('signs with the key of the office an event speaks for, the newer one during a roll-over', () => {
    const service = devKey(suite, root, 'labor-inspection', []);
    const older = devKey(suite, root, 'labor-inspection', [office]);
    const newer = { ...devKey(suite, root, 'labor-inspection', [office]) };
    newer.cert = issueCertificate(root, { alg: suite.alg, publicKey: newer.cert.publicKey }, {
      kid: 'newer', agencyType: 'labor-inspection', offices: [office], notBefore: new Date(Date.now() - 1000), notAfter: new Date(Date.now() + 3600_000),
    });
    const ring = new Keyring('labor-inspection', [service, older, newer], suite);
    expect(ring.keyFor(office).cert.kid).toBe('newer');
    expect(ring.keyFor(undefined).cert.kid).toBe(service.cert.kid);
    expect(() => ring.keyFor('labor-inspection:360703')).toThrow('no valid signing key for office labor-inspection:360703');
  });

  it('verifies an event against the roots, its topic and key, and revocations', () => {
    const ring = new Keyring('labor-inspection', [devKey(suite, root, 'labor-inspection', [office])], suite);
    const revoked = new Set<string>();
    const verifier = new EventVerifier(roots, [suite.alg], (kid) => (revoked.has(kid) ? issueRevocation(root, kid, '停用') : undefined));
    const value = '{"type":"referral.accepted"}';
    const headers = signEvent(ring, { topic: 'referral-updates.legal-aid', key: 'r1', value, office });
    const record = (over: object = {}) => ({ topic: 'referral-updates.legal-aid', key: 'r1', value: Buffer.from(value), headers, ...over });
    const ok = verifier.verify(record());
    expect(ok).toMatchObject({ ok: true, signer: { agencyType: 'labor-inspection', offices: [office] } });
    expect(verifier.verify(record({ topic: 'alert-actions' }))).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(verifier.verify(record({ key: 'r2' }))).toMatchObject({ ok: false });
    expect(verifier.verify(record({ headers: {} }))).toMatchObject({ ok: false, reason: expect.stringContaining('unsigned') });
    expect(verifier.verify(record({ headers: { ...headers, 'yl-cert': 'e30' } }))).toMatchObject({ ok: false, reason: 'malformed key certificate' });
    if (!ok.ok) throw new Error('unreachable');
    expect(mayEmit(ok.signer, 'labor-inspection', office)).toEqual({ ok: true });
    expect(mayEmit(ok.signer, 'labor-inspection', 'labor-inspection:360703')).toMatchObject({ ok: false, reason: expect.stringContaining('does not speak for office') });
    expect(mayEmit(ok.signer, 'command', undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('source command but signed by') });
    revoked.add(ok.signer.kid);
    expect(verifier.verify(record())).toMatchObject({ ok: false, reason: expect.stringContaining('revoked') });
  });
});

describe('canonical JSON', () => {
  it('is the same whatever the order of keys, at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [2, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
