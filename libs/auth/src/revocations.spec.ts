import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionRevocations } from './revocations';

/** A real HTTP server publishing the revocation list with an ETag, as the portal does, counting full answers and 304s. */
function portal() {
  const state = { items: [] as { sub: string; validAfter: string }[], full: 0, notModified: 0, down: false };
  const server: Server = createServer((req, res) => {
    if (state.down) return res.writeHead(503).end();
    const body = JSON.stringify({ items: state.items });
    const etag = `W/"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      state.notModified++;
      return res.writeHead(304, { etag }).end();
    }
    state.full++;
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  return { state, server, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/revocations` };
}

const at = (ms: number) => new Date(ms).toISOString();

describe('session revocations', () => {
  const p = portal();
  beforeAll(() => new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r)));
  afterAll(() => new Promise<void>((r) => p.server.close(() => r())));

  it('refuses tokens issued before a user’s sessions ended, and only those', async () => {
    const ended = Date.parse('2026-03-02T08:00:00.400Z');
    p.state.items = [{ sub: 'u1', validAfter: at(ended) }];
    const list = new SessionRevocations(p.url());
    await list.refresh();
    expect(list.revoked('u1', Math.floor(ended / 1000))).toBe(true); // same second, earlier
    expect(list.revoked('u1', Math.floor(ended / 1000) - 3600)).toBe(true);
    expect(list.revoked('u1', Math.ceil(ended / 1000))).toBe(false); // the portal issues new tokens from here
    expect(list.revoked('u2', 0)).toBe(false);
  });

  it('asks with the ETag: an unchanged list costs a 304, a changed one replaces the copy', async () => {
    p.state.items = [{ sub: 'u1', validAfter: at(Date.now()) }];
    p.state.full = p.state.notModified = 0;
    const list = new SessionRevocations(p.url());
    for (let i = 0; i < 3; i++) await list.refresh();
    expect({ full: p.state.full, notModified: p.state.notModified }).toEqual({ full: 1, notModified: 2 });
    p.state.items = [{ sub: 'u2', validAfter: at(Date.now()) }];
    await list.refresh();
    expect(list.revoked('u2', 0)).toBe(true);
    expect(list.revoked('u1', 0)).toBe(false);
  });

  it('polls on its own within the interval', async () => {
    p.state.items = [];
    const list = new SessionRevocations(p.url(), 100).start();
    try {
      await list.refresh();
      p.state.items = [{ sub: 'late', validAfter: at(Date.now()) }];
      const until = Date.now() + 2_000;
      while (!list.revoked('late', 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(list.revoked('late', 0)).toBe(true);
    } finally {
      list.stop();
    }
  });

  it('keeps the last list while the portal is down, and skips malformed entries', async () => {
    p.state.items = [{ sub: 'kept', validAfter: at(Date.now()) }, { sub: 'bad', validAfter: 'not a time' }, null as never];
    const list = new SessionRevocations(p.url());
    await list.refresh();
    p.state.down = true;
    await list.refresh();
    expect(list.revoked('kept', 0)).toBe(true);
    expect(list.revoked('bad', 0)).toBe(false);
    p.state.down = false;
  });

  it('finds the portal beside its keys unless told otherwise', () => {
    expect(SessionRevocations.fromEnv({ JWT_JWKS_URL: 'http://portal:3000/.well-known/jwks.json' })?.url).toBe('http://portal:3000/auth/revocations');
    expect(SessionRevocations.fromEnv({ JWT_JWKS_URL: 'https://idp.example/jwks', JWT_REVOCATIONS_URL: 'https://portal.example/auth/revocations' })?.url).toBe('https://portal.example/auth/revocations');
    expect(SessionRevocations.fromEnv({})).toBeUndefined();
  });
});
