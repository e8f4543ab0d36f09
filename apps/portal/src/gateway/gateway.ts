import { Agent, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { SERVICE_PORTS } from '@yuanlian/contracts';

/** Where each service is: `PORTAL_UPSTREAMS=legal-aid=http://10.0.0.5:3001,...`, by default the ports of one machine. */
export function upstreams(env = process.env.PORTAL_UPSTREAMS): Map<string, URL> {
  const out = new Map<string, URL>();
  if (env) {
    for (const pair of env.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.indexOf('=');
      out.set(pair.slice(0, at), new URL(pair.slice(at + 1)));
    }
  } else {
    for (const [name, port] of Object.entries(SERVICE_PORTS)) if (name !== 'portal') out.set(name, new URL(`http://127.0.0.1:${port}`));
  }
  return out;
}

/** Request headers passed on to a service; cookies and the rest stay at the portal. */
const FORWARDED = ['authorization', 'content-type', 'accept', 'accept-language', 'last-event-id', 'idempotency-key'];
/** Response headers passed back; the portal sets its own security headers. */
const RETURNED = ['content-type', 'cache-control', 'retry-after', 'content-disposition', 'idempotency-replayed'];

type Req = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * The browser talks to one origin: `/api/<service>/<path>` goes to that service, answers and live feeds (SSE)
 * stream back unbuffered. The JSON body was already parsed (and size-limited) by the portal; it is sent on as JSON.
 */
export function gateway(targets = upstreams()) {
  const logger = new Logger('Gateway');
  // A connection per request: a kept-alive one can be closed by the service (its 5 s idle timeout) just as the next
  // request goes out on it, and that request fails with "socket hang up" (seen in a CI run).
  const agent = new Agent({ keepAlive: false });
  return (req: Req, res: ServerResponse, next: () => void) => {
    const url = req.originalUrl ?? req.url ?? '';
    const m = /^\/api\/([a-z-]+)(\/.*)?$/.exec(url);
    if (!m) return next();
    const target = targets.get(m[1]);
    const reply = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ statusCode: status, message }));
    };
    if (!target) return reply(404, `没有名为 ${m[1]} 的服务`);
    const headers: Record<string, string> = {};
    for (const h of FORWARDED) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
    const body = req.body !== undefined && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.from(JSON.stringify(req.body)) : undefined;
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(body.length) });
    // The path is appended to the service's address, never resolved against it: `//host/x` must not leave it.
    const address = new URL(target.origin + (m[2] ?? '/'));
    if (address.origin !== target.origin) return reply(400, '请求路径无效');
    const upstream = request(address, { method: req.method, headers, agent }, (answer) => {
      const back: Record<string, string | string[]> = {};
      for (const h of RETURNED) if (answer.headers[h] !== undefined) back[h] = answer.headers[h]!;
      res.writeHead(answer.statusCode ?? 502, back);
      res.flushHeaders();
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      logger.warn(`${m[1]} unreachable: ${e.message}`);
      if (!res.headersSent) reply(502, `${m[1]} 服务暂时无法访问，请稍后再试`);
      else res.destroy();
    });
    // The browser went away (a closed live feed): stop the upstream request too.
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };
}
