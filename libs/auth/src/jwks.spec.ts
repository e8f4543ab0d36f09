import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksKeys } from './jwks';

/** A real HTTP server publishing a key set, counting how often it is asked. */
function provider() {
  const state = { keys: [] as object[], requests: 0, down: false };
  const server: Server = createServer((_req, res) => {
    state.requests++;
    if (state.down) return res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  return { state, server, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` };
}

const ecKey = (kid: string) => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'ES256' });

describe('JWKS keys', () => {
  const p = provider();
  beforeAll(() => new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r)));
  afterAll(() => new Promise<void>((r) => p.server.close(() => r())));

  it('fetches on an unknown key id, keeps what it got, and refetches at most once per interval', async () => {
    p.state.keys = [ecKey('k1')];
    p.state.requests = 0;
    const keys = new JwksKeys(p.url(), 60_000);
    expect((await keys.key('k1'))?.asymmetricKeyType).toBe('ec');
    expect(await keys.key('k1')).toBeDefined();
    expect(p.state.requests).toBe(1);
    // Forged key ids do not make it ask again within the interval.
    for (let i = 0; i < 20; i++) expect(await keys.key(`forged-${i}`)).toBeUndefined();
    expect(p.state.requests).toBe(1);
  });

  it('picks up a rolled key after the interval and drops keys no longer published; encryption keys are ignored', async () => {
    p.state.keys = [ecKey('old')];
    const keys = new JwksKeys(p.url(), 0);
    expect(await keys.key('old')).toBeDefined();
    p.state.keys = [ecKey('new'), { ...ecKey('enc'), use: 'enc' }];
    expect(await keys.key('new')).toBeDefined();
    expect(await keys.key('old')).toBeUndefined();
    expect(await keys.key('enc')).toBeUndefined();
  });

  it('refuses while the provider is down and recovers once it answers', async () => {
    p.state.keys = [ecKey('k2')];
    p.state.down = true;
    const keys = new JwksKeys(p.url(), 0);
    expect(await keys.key('k2')).toBeUndefined();
    p.state.down = false;
    await new Promise((r) => setTimeout(r, 1_050));
    expect(await keys.key('k2')).toBeDefined();
  });
});
