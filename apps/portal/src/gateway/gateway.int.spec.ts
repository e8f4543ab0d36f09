import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gateway } from './gateway';

/** Real listeners: an upstream service, another host, and the portal around the gateway; no mocks. */
function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('portal gateway', () => {
  const seen: { url?: string; auth?: string; host: string }[] = [];
  let upstream: { server: Server; url: string };
  let other: { server: Server; url: string };
  let portal: { server: Server; url: string };

  beforeAll(async () => {
    upstream = await listen((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, host: 'upstream' });
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'x=1' }).end('{"ok":true}');
    });
    other = await listen((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, host: 'other' });
      res.writeHead(200).end('leaked');
    });
    const pass = gateway(new Map([['legal-aid', new URL(upstream.url)]]));
    portal = await listen((req, res) => pass(req, res, () => res.writeHead(404).end()));
  });

  afterAll(async () => {
    for (const s of [upstream, other, portal]) await new Promise((r) => s.server.close(r));
  });

  it('passes the path and the token to the named service, and returns only the allowed headers', async () => {
    const res = await fetch(`${portal.url}/api/legal-aid/applications?limit=5`, { headers: { authorization: 'Bearer t', cookie: 'secret=1' } });
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(seen.at(-1)).toEqual({ url: '/applications?limit=5', auth: 'Bearer t', host: 'upstream' });
  });

  it('never leaves the service: a protocol-relative path stays on its host, the token with it', async () => {
    const res = await fetch(`${portal.url}/api/legal-aid//${new URL(other.url).host}/steal`, { headers: { authorization: 'Bearer secret-token' } });
    expect(await res.text()).not.toBe('leaked');
    expect(seen.filter((s) => s.host === 'other')).toEqual([]);
  });

  it('refuses unknown services in Chinese', async () => {
    const res = await fetch(`${portal.url}/api/nowhere/x`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('没有名为 nowhere 的服务');
  });
});
