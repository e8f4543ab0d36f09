// The access matrix: every endpoint of every service × every role of every agency type, allowed or denied as the
// table says; a new endpoint without a row fails the test. Then the office scope (own office / another office of
// the same county / another county) on real records, and forged tokens.
import 'reflect-metadata';
import { signDevToken } from '@yuanlian/auth';
import { createNamespace, dropNamespace, enterNamespace, waitFor } from '@yuanlian/testing';
import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { portalDatabase } from '../apps/portal/src/database';
import { ensureUser } from '../apps/portal/src/users/users.service';
import { CALLERS, listEndpoints, MATRIX, PARAMS, token } from './support/access';
import type { Caller } from './support/access';
import { Platform } from './support/platform';

const ns = createNamespace('access');
enterNamespace(ns);

describe('access matrix', () => {
  let platform: Platform;
  let endpoints: Awaited<ReturnType<typeof listEndpoints>>;

  beforeAll(async () => {
    platform = await Platform.start(ns);
    endpoints = await listEndpoints(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('has a row for every endpoint of every service, and no row for an endpoint that is gone', () => {
    const keys = endpoints.map((e) => e.key);
    expect(keys.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
    expect(endpoints.length).toBeGreaterThan(60);
  });

  it('allows exactly the callers of each row, refuses everyone else with 403 and anonymous callers with 401', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { service, method, path, key } of endpoints) {
      const rule = MATRIX[key];
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(PARAMS[p]));
      const status = async (bearer?: string) => {
        const controller = new AbortController();
        const res = await fetch(platform.services[service].url + url, {
          method, signal: controller.signal,
          headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: method === 'GET' ? undefined : '{}',
        });
        controller.abort(); // the live feed never ends by itself
        return res.status;
      };
      const anonymous = await status();
      const open = anonymous !== 401 && anonymous !== 403 && anonymous < 500;
      if (rule === 'public' ? !open : anonymous !== 401) wrong.push(`${service} ${method} ${path} anonymous → ${anonymous}`);
      if (rule === 'public') continue;
      for (const caller of CALLERS) {
        const got = await status(token(caller));
        checked++;
        const allowed = rule.includes(caller);
        if (allowed ? got === 401 || got === 403 || got >= 500 : got !== 403) wrong.push(`${service} ${method} ${path} ${caller} → ${got} (expected ${allowed ? 'allowed' : '403'})`);
      }
    }
    expect(wrong).toEqual([]);
    process.stdout.write(`access matrix: ${endpoints.length} endpoints × ${CALLERS.length} callers = ${checked} checks, plus anonymous\n`);
  });

  it('keeps records to their office: own office sees them, another office of the county and another county do not', async () => {
    const clerk = token('legal-aid/clerk');
    const created = await platform.call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: '赵六', idNumber: '360702199003071239', phone: '13812345678' },
      employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
      divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction', amountOwedFen: 100_000, workersAffected: 1, summary: '欠薪',
    });
    expect(created.status).toBe(201);
    const referral = await platform.call('legal-aid', 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    expect(referral.status).toBe(201);
    const inspector = token('labor-inspection/inspector');
    await waitFor('the referral at the inspection', async () => (await platform.call('labor-inspection', 'GET', `/referrals/${referral.body.id}`, inspector)).status === 200);

    const scope: [string, string, string, string][] = [
      // service, path, caller's office area → expected
      ['legal-aid', `/applications/${created.body.id}`, '360702', 'own'],
      ['legal-aid', `/applications/${created.body.id}`, '3607JK', 'other office, same county'],
      ['legal-aid', `/applications/${created.body.id}`, '360703', 'other county'],
      ['labor-inspection', `/referrals/${referral.body.id}`, '360702', 'own'],
      ['labor-inspection', `/referrals/${referral.body.id}`, '3607JK', 'other office, same county'],
      ['labor-inspection', `/referrals/${referral.body.id}`, '360703', 'other county'],
    ];
    for (const [service, path, area, relation] of scope) {
      const caller: Caller = service === 'legal-aid' ? 'legal-aid/clerk' : 'labor-inspection/inspector';
      const res = await platform.call(service, 'GET', path, token(caller, area));
      expect({ path, relation, status: res.status }).toEqual({ path, relation, status: relation === 'own' ? 200 : 404 });
      const list = await platform.call(service, 'GET', service === 'legal-aid' ? '/applications' : '/referrals', token(caller, area));
      expect({ relation, listed: list.body.items.some((i: { id: string }) => i.id === (service === 'legal-aid' ? created.body.id : referral.body.id)) }).toEqual({ relation, listed: relation === 'own' });
    }
  });

  it('keeps administrators to their area: thresholds, the directory and the audit trail', async () => {
    const city = token('command/admin', '360700');
    const cityEw = token('early-warning/admin', '360700');
    const nankang = token('command/admin', '360703');
    const nankangEw = token('early-warning/admin', '360703');
    const zhanggong = token('command/admin', '360702');

    // Thresholds: a county's administrators their own county, the city's the default and any county.
    const rules: [string, string, string, number, string?][] = [
      ['county committee admin', nankang, 'default', 403, '全市默认阈值只能由市级管理员修改'],
      ['county early-warning admin', nankangEw, 'default', 403, '全市默认阈值只能由市级管理员修改'],
      ['county committee admin', nankang, '360702', 403, '只能修改本县（市、区）的预警阈值'],
      ['county early-warning admin', nankangEw, '360702', 403, '只能修改本县（市、区）的预警阈值'],
      ['county committee admin', nankang, '360703', 200],
      ['county early-warning admin', nankangEw, '360703', 200],
      ['city committee admin', city, 'default', 200],
      ['city early-warning admin', cityEw, '360722', 200],
    ];
    for (const [who, bearer, divisionCode, status, message] of rules) {
      const res = await platform.call('early-warning', 'PUT', `/rules/${divisionCode}`, bearer, { clusterDays: 10, reason: `${who}调整` });
      expect({ who, divisionCode, status: res.status, message: res.body.message }).toEqual({ who, divisionCode, status, message: message ?? res.body.message });
    }
    const stored = Object.fromEntries((await platform.call('early-warning', 'GET', '/rules', city)).body.items.map((r: { divisionCode: string; version: number }) => [r.divisionCode, r.version]));
    expect(stored).toMatchObject({ default: 1, '360703': 2, '360722': 1 });

    const audit = async (service: string, bearer: string, query = '') => {
      const res = await platform.call(service, 'GET', `/admin/audit${query}`, bearer);
      expect(res.status).toBe(200);
      return res.body.items as { actor: { agencyId: string }; action: string; target: string; divisionCode: string; before: any; after: any; reason: string | null }[];
    };
    const nankangRules = await audit('early-warning', city, '?target=rules:360703');
    expect(nankangRules.map((e) => [e.actor.agencyId, e.before?.version ?? null, e.after.version, e.after.thresholds, e.reason])).toEqual([
      ['early-warning:360703', 1, 2, { clusterDays: 10 }, 'county early-warning admin调整'],
      ['command:360703', null, 1, { clusterDays: 10 }, 'county committee admin调整'],
    ]);
    expect((await audit('early-warning', city)).map((e) => e.target)).toEqual(expect.arrayContaining(['rules:default', 'rules:360703', 'rules:360722']));
    expect(new Set((await audit('early-warning', nankangEw)).map((e) => e.target))).toEqual(new Set(['rules:360703']));
    expect((await audit('early-warning', zhanggong)).every((e) => e.divisionCode === '360702')).toBe(true);
    expect((await audit('early-warning', city, '?action=rules.put&limit=1')).length).toBe(1);
    expect((await platform.call('early-warning', 'GET', '/admin/audit?since=2026-02-30', city)).body.fields.since).toBeDefined();

    // The directory: a county's administrators the offices of their county, the city's the city's and every county's.
    const fields = async (officeId: string) => {
      const { items } = (await platform.call('command', 'GET', `/directory/offices?agencyType=legal-aid`, city)).body;
      const { officeId: _, updatedAt: __, agencyType: ___, divisionCode: ____, ...rest } = items.find((o: { officeId: string }) => o.officeId === officeId);
      return rest;
    };
    const offices: [string, string, string, number, string?][] = [
      ['county admin', nankang, 'legal-aid:360702', 403, '只能修改本县（市、区）的机构'],
      ['county admin', nankang, 'legal-aid:360700', 403, '市级机构只能由市级管理员修改'],
      ['county admin', nankang, 'legal-aid:360703', 200],
      ['city admin', city, 'legal-aid:360700', 200],
      ['city admin', city, 'legal-aid:360702', 200],
    ];
    for (const [who, bearer, officeId, status, message] of offices) {
      const res = await platform.call('command', 'PUT', `/directory/offices/${encodeURIComponent(officeId)}`, bearer, { ...(await fields(officeId)), hours: `${who} 8:30-17:30` });
      expect({ who, officeId, status: res.status, message: res.body.message }).toEqual({ who, officeId, status, message: message ?? res.body.message });
    }
    const changed = await audit('command', city, '?action=office.update');
    expect(changed.map((e) => [e.target, e.actor.agencyId, e.after.hours])).toEqual([
      ['office:legal-aid:360702', 'command:360700', 'city admin 8:30-17:30'],
      ['office:legal-aid:360700', 'command:360700', 'city admin 8:30-17:30'],
      ['office:legal-aid:360703', 'command:360703', 'county admin 8:30-17:30'],
    ]);
    expect(changed[2].before.hours).not.toBe('county admin 8:30-17:30');
    expect((await audit('command', nankang)).map((e) => e.target)).toEqual(['office:legal-aid:360703']);
    expect((await audit('command', zhanggong)).map((e) => e.target)).toEqual(['office:legal-aid:360702']);
  });

  it('refuses expired, foreign-signed, unsigned, tampered, HS256 and misplaced tokens on every service', async () => {
    const claims = { sub: 'x', name: '测试', agencyId: 'command:360702', agencyType: 'command' as const, divisionCode: '360702', roles: ['analyst' as const] };
    const good = signDevToken(claims, { expiresInSeconds: 60 });
    const [h, p, sig] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), agencyId: 'command:360700', divisionCode: '360700' })).toString('base64url')}.${sig}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const hs256 = (secret: string) => sign(claims, secret, { algorithm: 'HS256', expiresIn: 60, issuer: 'yuanlian', audience: 'yuanlian' });
    const bad = {
      expired: signDevToken(claims, { expiresInSeconds: -60 }),
      foreign: sign(claims, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, { algorithm: 'ES256', keyid: 'dev', expiresIn: 60, issuer: 'yuanlian', audience: 'yuanlian' }),
      none,
      tampered,
      // No shared secret exists any more: HS256 with any secret, the old demo secret included, is refused.
      'HS256, the old demo secret': hs256('yuanlian-demo-secret-not-for-production'),
      'HS256, another secret': hs256('another-key-of-at-least-32-characters!!'),
      // The division must be the area of the token's office (command:360702 claiming the city's 360700).
      'division beside its office': signDevToken({ ...claims, divisionCode: '360700' }, { expiresInSeconds: 60 }),
    };
    for (const service of Object.keys(platform.services)) {
      for (const [kind, t] of Object.entries(bad)) {
        const path = { portal: '/users', 'legal-aid': '/applications', 'early-warning': '/rules', command: '/overview' }[service] ?? '/referrals';
        const res = await platform.call(service, 'GET', path, t);
        expect({ service, kind, status: res.status }).toEqual({ service, kind, status: 401 });
      }
    }
  });

  it("accepts the portal's ES256 tokens on every service, and refuses ES256 tokens the portal did not sign", async () => {
    const ds = new DataSource(portalDatabase());
    await ds.initialize();
    await ensureUser(ds, { username: 'matrix.analyst', displayName: '矩阵测试', agencyType: 'command', divisionCode: '360702', roles: ['analyst'], password: 'Matrix2026ok' }, 'test');
    await ds.destroy();
    const login = await platform.call('portal', 'POST', '/auth/login', undefined, { username: 'matrix.analyst', password: 'Matrix2026ok' });
    expect(login.status).toBe(200);
    const portalToken: string = login.body.token;
    const header = JSON.parse(Buffer.from(portalToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('ES256');
    const jwks = (await platform.call('portal', 'GET', '/.well-known/jwks.json')).body;
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);

    const claims = JSON.parse(Buffer.from(portalToken.split('.')[1], 'base64url').toString());
    delete claims.iat; delete claims.exp; delete claims.iss; delete claims.aud;
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = {
      'another key, the portal key id': sign(claims, stranger, { algorithm: 'ES256', keyid: header.kid, expiresIn: 60, issuer: 'yuanlian', audience: 'yuanlian' }),
      'an unknown key id': sign(claims, stranger, { algorithm: 'ES256', keyid: 'not-a-portal-key', expiresIn: 60, issuer: 'yuanlian', audience: 'yuanlian' }),
      'HS256 keyed with the public key': sign(claims, JSON.stringify(jwks.keys[0]), { algorithm: 'HS256', keyid: header.kid, expiresIn: 60, issuer: 'yuanlian', audience: 'yuanlian' }),
    };
    const paths: Record<string, string> = { portal: '/auth/me', 'legal-aid': '/applications', 'early-warning': '/rules', command: '/overview' };
    for (const service of Object.keys(platform.services)) {
      const path = paths[service] ?? '/referrals';
      // The analyst's own token: past authentication everywhere (403 where the analyst has no business, not 401).
      const own = await platform.call(service, 'GET', path, portalToken);
      expect({ service, status: own.status }).toEqual({ service, status: ['portal', 'command', 'early-warning'].includes(service) ? 200 : 403 });
      for (const [kind, t] of Object.entries(forged)) {
        const res = await platform.call(service, 'GET', path, t);
        expect({ service, kind, status: res.status }).toEqual({ service, kind, status: 401 });
      }
    }
  });
});
