// Hardening: security headers, CORS for the portal only, request size limits, secrets from the environment only.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNamespace, dropNamespace, enterNamespace, freePort, ServiceProcess, tokenFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('hard');
enterNamespace(ns);

describe('hardening', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid'], { PORTAL_ORIGINS: 'https://portal.example.gov.cn' });
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  const url = (path: string) => platform.services['legal-aid'].url + path;

  it('sends security headers on every answer', async () => {
    const res = await fetch(url('/health'));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('lets only the portal call the APIs from a browser', async () => {
    const preflight = (origin: string) => fetch(url('/applications'), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://portal.example.gov.cn')).headers.get('access-control-allow-origin')).toBe('https://portal.example.gov.cn');
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a body over 256 KB with 413 and a message', async () => {
    const res = await fetch(url('/applications'), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('legal-aid', '360702', 'clerk')}` },
      body: JSON.stringify({ summary: 'x'.repeat(300_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toBeTruthy();
  });

  it('refuses to start in production without the keys tokens are checked with (no development key there)', async () => {
    const logDir = join(__dirname, '..', '.run', 'test-logs', ns.id);
    const prod = new ServiceProcess('legal-aid-production', 'apps/legal-aid/src/main.ts', await freePort(), { ...ns.env, NODE_ENV: 'production', JWT_JWKS_URL: '' }, logDir);
    await expect(prod.start(20_000)).rejects.toThrow(/exited \(code 1\)/);
    expect(readFileSync(prod.logFile, 'utf8')).toContain('JWT_JWKS_URL must be set in production');
  });
});
