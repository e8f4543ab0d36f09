import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issuedAtAfter, SessionRevocations, sessionsEndAt, tokenEnded } from './revocations';

/** A real HTTP server publishing the revocation list with an ETag, as the portal does, counting full answers and 304s. */
function portal() {
  const state = { items: [] as { sub: string; validAfter: string }[], full: 0, notModified: 0, down: false, requests: 0, longPoll: false };
  const held = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    state.requests++;
    if (state.down) return res.writeHead(503).end();
    const body = JSON.stringify({ items: state.items });
    const etag = `W/"${createHash('sha1').update(body).digest('hex')}"`;
    // As the portal's long poll (?wait=N): a current copy is answered when the list changes (change() below).
    if (state.longPoll && req.headers['if-none-match'] === etag && /[?&]wait=\d+/.test(req.url ?? '')) {
      const answer = () => {
        held.delete(answer);
        const now = JSON.stringify({ items: state.items });
        res.writeHead(200, { 'content-type': 'application/json', etag: `W/"${createHash('sha1').update(now).digest('hex')}"` }).end(now);
      };
      held.add(answer);
      req.on('close', () => held.delete(answer));
      return;
    }
    if (req.headers['if-none-match'] === etag) {
      state.notModified++;
      return res.writeHead(304, { etag }).end();
    }
    state.full++;
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  const change = (items: typeof state.items) => {
    state.items = items;
    for (const answer of [...held]) answer();
  };
  return { state, server, change, held, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/revocations` };
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

  it('follows a long-polling portal: one held request at rest, a change seen as soon as it is answered, and a stop that ends the request', async () => {
    p.state.items = [];
    p.state.longPoll = true;
    const list = new SessionRevocations(p.url(), 100).start();
    try {
      await list.refresh();
      await new Promise((r) => setTimeout(r, 150));
      const before = p.state.requests;
      await new Promise((r) => setTimeout(r, 600));
      // At rest: the request held since the first answer, and no other (polling every 100 ms would have made six).
      expect(p.state.requests - before).toBe(0);
      expect(p.held.size).toBe(1);
      const changedAt = Date.now();
      p.change([{ sub: 'now', validAfter: at(Date.now()) }]);
      while (!list.revoked('now', 0) && Date.now() - changedAt < 2_000) await new Promise((r) => setTimeout(r, 5));
      expect(list.revoked('now', 0)).toBe(true);
      expect(Date.now() - changedAt).toBeLessThan(100);
    } finally {
      list.stop();
      p.state.longPoll = false;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(p.held.size).toBe(0);
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

  it('ends every token handed out so far, even one whose iat was rounded up past a second end in the same second', () => {
    const s = (hms: string) => Date.parse(`2026-03-02T${hms}Z`);
    const before = issuedAtAfter(null, s('08:00:09.200'));
    const first = sessionsEndAt(null, s('08:00:10.400'));
    expect(tokenEnded(before, first)).toBe(true);
    // Signed in again 200 ms after the end: iat rounded up to 08:00:11, so the token is not taken for an old one.
    const between = issuedAtAfter(first, s('08:00:10.600'));
    expect(between).toBe(s('08:00:11') / 1000);
    expect(tokenEnded(between, first)).toBe(false);
    // An administrator resets the password at 08:00:10.900: the end must reach past 08:00:11 (it used to be 10.900,
    // which left the token of 10.600 valid).
    const second = sessionsEndAt(first, s('08:00:10.900'));
    expect(tokenEnded(before, second)).toBe(true);
    expect(tokenEnded(between, second)).toBe(true);
    const after = issuedAtAfter(second, s('08:00:10.950'));
    expect(tokenEnded(after, second)).toBe(false);
    // Ends far apart are ends at their own time.
    expect(sessionsEndAt(s('07:00:00.000'), s('08:00:00.000'))).toBe(s('08:00:00.001'));
  });

  it('finds the portal beside its keys unless told otherwise', () => {
    expect(SessionRevocations.fromEnv({ JWT_JWKS_URL: 'http://portal:3000/.well-known/jwks.json' })?.url).toBe('http://portal:3000/auth/revocations');
    expect(SessionRevocations.fromEnv({ JWT_JWKS_URL: 'https://idp.example/jwks', JWT_REVOCATIONS_URL: 'https://portal.example/auth/revocations' })?.url).toBe('https://portal.example/auth/revocations');
    expect(SessionRevocations.fromEnv({})).toBeUndefined();
  });
});
