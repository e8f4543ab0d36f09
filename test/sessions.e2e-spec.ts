// Sessions end everywhere within seconds: the portal and two services as separate processes, real database. A user
// deactivated, given other roles or a new password (their own change or an administrator's reset) loses every
// token issued before, on every service, without a call per request; the next sign-in works at once. Administrators
// act within their area, and their changes to users are in the audit trail.
import 'reflect-metadata';
import { schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { DataSource } from 'typeorm';
import { portalDatabase } from '../apps/portal/src/database';
import { ensureUser } from '../apps/portal/src/users/users.service';
import { Platform } from './support/platform';

const ns = createNamespace('sessions');
enterNamespace(ns);

const PASSWORD = 'Sessions2026ok';
const USERS = [
  { username: 's.clerk', displayName: '会话测试甲', agencyType: 'legal-aid', divisionCode: '360702', roles: ['clerk'] },
  { username: 's.lawyer', displayName: '会话测试乙', agencyType: 'legal-aid', divisionCode: '360702', roles: ['lawyer'] },
  { username: 's.inspector', displayName: '会话测试丙', agencyType: 'labor-inspection', divisionCode: '360702', roles: ['inspector'] },
  { username: 's.admin', displayName: '市级管理员', agencyType: 'command', divisionCode: '360700', roles: ['admin'] },
  { username: 's.zg.admin', displayName: '章贡区法律援助管理员', agencyType: 'legal-aid', divisionCode: '360702', roles: ['admin'] },
  { username: 's.nk.admin', displayName: '南康区政法委管理员', agencyType: 'command', divisionCode: '360703', roles: ['admin'] },
] as const;

describe('sessions end on every service within seconds', () => {
  let platform: Platform;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await Platform.start(ns, ['portal', 'legal-aid', 'labor-inspection']);
    const ds = new DataSource(portalDatabase());
    await ds.initialize();
    for (const u of USERS) await ensureUser(ds, { ...u, roles: [...u.roles], password: PASSWORD }, 'test');
    for (const { id, username } of await ds.query(`SELECT id, username FROM "${schemaName('portal')}".users`)) ids[username] = id;
    await ds.destroy();
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  const login = async (username: string, password = PASSWORD) => platform.call('portal', 'POST', '/auth/login', undefined, { username, password });
  const tokenOf = async (username: string, password = PASSWORD) => {
    const res = await login(username, password);
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  /** Milliseconds until the call answers 401 (fails after 6 s); until then it must answer `before` (200: the token works). */
  async function untilRefused(service: string, path: string, token: string, before = 200): Promise<number> {
    const started = Date.now();
    for (;;) {
      const { status } = await platform.call(service, 'GET', path, token);
      if (status === 401) return Date.now() - started;
      expect(status).toBe(before);
      if (Date.now() - started > 6_000) throw new Error(`${service} ${path} still accepts the token after 6 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('a deactivated user: refused by the portal and the services within seconds; signs in like a wrong password', async () => {
    const clerk = await tokenOf('s.clerk');
    const admin = await tokenOf('s.admin');
    expect((await platform.call('legal-aid', 'GET', '/applications', clerk)).status).toBe(200);
    expect((await platform.call('portal', 'GET', '/auth/me', clerk)).status).toBe(200);
    expect((await platform.call('portal', 'PUT', `/users/${ids['s.clerk']}`, admin, { active: false })).status).toBe(200);
    const [legalAid, portal] = await Promise.all([untilRefused('legal-aid', '/applications', clerk), untilRefused('portal', '/auth/me', clerk)]);
    expect(Math.max(legalAid, portal)).toBeLessThan(5_000);
    expect((await platform.call('portal', 'PUT', '/auth/password', clerk, { currentPassword: PASSWORD, newPassword: 'Another2026ok' })).status).toBe(401);

    const disabled = await login('s.clerk');
    const wrong = await login('s.lawyer', 'Wrong-password-1');
    expect({ status: disabled.status, body: disabled.body }).toEqual({ status: wrong.status, body: wrong.body });
    expect(disabled.body.message).toBe('用户名或密码错误');
  });

  it('a role change: the old token is refused, the next sign-in (even in the same second) works', async () => {
    const inspector = await tokenOf('s.inspector');
    const admin = await tokenOf('s.admin');
    expect((await platform.call('labor-inspection', 'GET', '/referrals', inspector)).status).toBe(200);
    expect((await platform.call('portal', 'PUT', `/users/${ids['s.inspector']}`, admin, { roles: ['inspector', 'supervisor'] })).status).toBe(200);
    const fresh = await tokenOf('s.inspector');
    expect(await untilRefused('labor-inspection', '/referrals', inspector)).toBeLessThan(5_000);
    expect((await platform.call('labor-inspection', 'GET', '/referrals', fresh)).status).toBe(200);
    // Every service polls on its own: legal aid, which answered the inspector 403 (another agency), refuses the token too.
    expect(await untilRefused('legal-aid', '/applications', inspector, 403)).toBeLessThan(5_000);
  });

  it('a password change, the user’s own or an administrator’s reset, ends the sessions; changes are rate-limited', async () => {
    const lawyer = await tokenOf('s.lawyer');
    expect((await platform.call('portal', 'PUT', '/auth/password', lawyer, { currentPassword: PASSWORD, newPassword: 'Changed2026ok' })).status).toBe(204);
    expect(await untilRefused('legal-aid', '/applications', lawyer)).toBeLessThan(5_000);
    const again = await tokenOf('s.lawyer', 'Changed2026ok');
    expect((await platform.call('legal-aid', 'GET', '/applications', again)).status).toBe(200);

    const admin = await tokenOf('s.admin');
    expect((await platform.call('portal', 'PUT', `/users/${ids['s.lawyer']}`, admin, { password: 'Reset2026okay' })).status).toBe(200);
    expect(await untilRefused('legal-aid', '/applications', again)).toBeLessThan(5_000);

    // Ten tries per user in five minutes, as at sign-in (the change above was one); the eleventh is refused whatever it says.
    const guesser = await tokenOf('s.lawyer', 'Reset2026okay');
    for (let i = 0; i < 9; i++) {
      expect((await platform.call('portal', 'PUT', '/auth/password', guesser, { currentPassword: `guess-${i}-2026`, newPassword: 'Guessed2026ok' })).status).toBe(400);
    }
    const limited = await platform.call('portal', 'PUT', '/auth/password', guesser, { currentPassword: 'Reset2026okay', newPassword: 'Guessed2026ok' });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/请求过于频繁/);
  });

  it('serves the ended sessions as a short list, with 304 while it is unchanged', async () => {
    const url = `${platform.services.portal.url}/auth/revocations`;
    const first = await fetch(url);
    const { items } = (await first.json()) as { items: { sub: string; validAfter: string }[] };
    expect(items.map((i) => i.sub).sort()).toEqual([ids['s.clerk'], ids['s.inspector'], ids['s.lawyer']].sort());
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(url, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    // The services' long poll: a current copy is held for the wait (no change meanwhile), then answered 304.
    const started = Date.now();
    expect((await fetch(`${url}?wait=1`, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const tooLong = await fetch(`${url}?wait=99`);
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { fields: Record<string, string[]> }).fields.wait).toBeDefined();
  });

  it('keeps administrators to their area, and records their changes for the city administrator', async () => {
    const county = await tokenOf('s.zg.admin');
    const nankang = await tokenOf('s.nk.admin');
    const city = await tokenOf('s.admin');
    const put = (token: string, user: string, body: object) => platform.call('portal', 'PUT', `/users/${ids[user]}`, token, body);

    expect((await put(county, 's.zg.admin', { roles: ['admin', 'pii_reveal'] })).body.fields.roles).toEqual(['不能更改自己的角色']);
    expect((await put(county, 's.lawyer', { roles: ['lawyer', 'pii_reveal'] })).status).toBe(403);
    expect((await put(county, 's.inspector', { active: false })).status).toBe(404);
    expect((await put(nankang, 's.lawyer', { active: false })).status).toBe(404);
    const created = await platform.call('portal', 'POST', '/users', nankang, { username: 's.city.boss', displayName: '越权', agencyType: 'command', divisionCode: '360700', roles: ['admin', 'pii_reveal'], password: PASSWORD });
    expect(created.status).toBe(403);
    const listed = (await platform.call('portal', 'GET', '/users', county)).body.items.map((u: { username: string }) => u.username);
    expect(listed.sort()).toEqual(['s.clerk', 's.lawyer', 's.zg.admin']);
    expect((await platform.call('portal', 'GET', '/users', nankang)).body.items.map((u: { username: string }) => u.username)).toEqual(['s.nk.admin']);

    expect((await put(city, 's.lawyer', { roles: ['lawyer', 'pii_reveal'] })).status).toBe(200);
    const audit = (await platform.call('portal', 'GET', `/admin/audit?target=user:${ids['s.lawyer']}`, city)).body.items;
    expect(audit.map((e: { action: string; actor: { agencyId: string } }) => [e.action, e.actor.agencyId])).toEqual([
      ['user.update', 'command:360700'], ['user.update', 'command:360700'],
    ]);
    expect([audit[0].before.roles, audit[0].after.roles]).toEqual([['lawyer'], ['lawyer', 'pii_reveal']]);
    expect(audit[1].after.passwordChangedAt).not.toBe(audit[1].before.passwordChangedAt);
    expect(JSON.stringify(audit)).not.toMatch(/passwordHash|\$2[aby]\$/);
    const all = (await platform.call('portal', 'GET', '/admin/audit?action=user.update', city)).body.items;
    expect(all.map((e: { target: string }) => e.target)).toEqual(expect.arrayContaining([`user:${ids['s.clerk']}`, `user:${ids['s.inspector']}`]));
    // Another agency's county administrator manages only its own agency's users: it does not read the committee's trail,
    // which names every agency's (the inspector's deactivation in its county among them); a county committee reads its county.
    expect((await platform.call('portal', 'GET', '/admin/audit', county)).status).toBe(403);
    const nankangTrail = (await platform.call('portal', 'GET', '/admin/audit', nankang)).body.items;
    expect(nankangTrail.every((e: { divisionCode: string }) => e.divisionCode === '360703')).toBe(true);
  });
});
