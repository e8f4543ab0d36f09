// Starts services of the platform as separate processes in a test namespace, and talks to them over HTTP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl, migrate } from '@yuanlian/database';
import { Client } from 'pg';
import { freePort, grantNamespace, ServiceProcess, SUITE_MARKER, TestNamespace } from '@yuanlian/testing';
import { SERVICES } from '../../scripts/services';

export interface Reply {
  status: number;
  body: any;
  headers?: Headers;
}

export class Platform {
  private constructor(
    readonly services: Record<string, ServiceProcess>,
    /** A direct database connection, for checking what the services stored. */
    public pg: Client,
  ) {}

  /** A new database connection, once PostgreSQL answers again (after a restart). */
  async reconnect(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const pg = new Client({ connectionString: databaseUrl() });
      pg.on('error', () => undefined);
      try {
        await pg.connect();
        this.pg = pg;
        return;
      } catch (e) {
        await pg.end().catch(() => undefined);
        if (Date.now() > until) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Migrates the namespace's schemas and starts the named services (all of them by default); `serviceEnv` adds to one service's environment. */
  static async start(ns: TestNamespace, names = Object.keys(SERVICES), env: Record<string, string> = {}, serviceEnv: Record<string, Record<string, string>> = {}): Promise<Platform> {
    for (const name of names) await migrate(SERVICES[name].database());
    // Each service reaches the broker as its own principal: the namespace's topics need their ACLs.
    await grantNamespace(ns);
    const logDir = join(__dirname, '..', '..', '.run', 'test-logs', ns.id);
    // Which suite these logs belong to: after a failed run, scripts/failure-logs.ts prints the failed suites' logs.
    // (The fault suite and the benchmark start platforms outside jest.)
    const suite = (globalThis as { expect?: typeof expect }).expect?.getState().testPath;
    if (suite) {
      mkdirSync(logDir, { recursive: true });
      writeFileSync(join(logDir, SUITE_MARKER), suite);
    }
    const ports: Record<string, number> = {};
    for (const name of names) ports[name] = await freePort();
    // Services check the portal's tokens against its JWKS; the portal's gateway reaches the services started here.
    const wiring: Record<string, string> = {
      PORTAL_UPSTREAMS: names.filter((n) => n !== 'portal').map((n) => `${n}=http://127.0.0.1:${ports[n]}`).join(','),
      ...(ports.portal ? { JWT_JWKS_URL: `http://127.0.0.1:${ports.portal}/.well-known/jwks.json` } : {}),
    };
    const services: Record<string, ServiceProcess> = {};
    for (const name of names) services[name] = new ServiceProcess(name, SERVICES[name].main, ports[name], { ...ns.env, ...wiring, ...env, ...serviceEnv[name] }, logDir);
    await Promise.all(Object.values(services).map((s) => s.start()));
    const pg = new Client({ connectionString: databaseUrl() });
    // A restart of PostgreSQL (the fault suite's) ends this connection; the suite reconnects.
    pg.on('error', () => undefined);
    await pg.connect();
    return new Platform(services, pg);
  }

  /** Stops every service (all of them, even when one will not stop gracefully) and the database connection. */
  async stop(): Promise<void> {
    const stopped = await Promise.allSettled(Object.values(this.services).map((s) => s.stop()));
    await this.pg.end().catch(() => undefined);
    const failed = stopped.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async call(service: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(this.services[service].url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
}
