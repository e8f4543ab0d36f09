// Nothing created twice by a retry: a create request repeated with its Idempotency-Key — after a lost answer, from two
// tabs at once, after the service crashed between its commit and its answer — stores one record, on the real
// legal-aid service, broker and database.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaName } from '@yuanlian/database';
import { makeResidentId } from '@yuanlian/identity';
import { createNamespace, enterNamespace, tokenFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('idem');
enterNamespace(ns);
const crashDir = mkdtempSync(join(tmpdir(), 'yl-idem-'));
const crashFile = join(crashDir, 'crash');

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const lawyer = tokenFor('legal-aid', '360702', 'lawyer');
const application = (n: number, name = '钟秀英') => ({
  worker: { name, idNumber: makeResidentId('360702', '19850612', n), phone: `1390797${String(1000 + n).slice(-4)}` },
  employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
  project: { name: '章江新区安置房二期', address: '章贡区某路1号' },
  divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction',
  amountOwedFen: 1_250_000, workersAffected: 12, summary: '12名工人被拖欠3个月工资',
});

describe('idempotency keys on create requests', () => {
  let platform: Platform;
  const la = schemaName('legal_aid');
  const post = (body: unknown, key?: string, token = clerk) =>
    platform.call('legal-aid', 'POST', '/applications', token, body, key ? { 'idempotency-key': key } : {});
  const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
    Number((await platform.pg.query(`SELECT count(*) AS n FROM "${la}".${table} WHERE ${where}`, params)).rows[0].n);
  const applicationsOf = (name: string) => count('applications', 'worker_name = $1', [name]);

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid'], {}, { 'legal-aid': { YL_CRASH_AT: `idempotency.after-commit:${crashFile}` } });
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(crashDir, { recursive: true, force: true });
  });

  it('answers a repeated key with the first answer and creates one application, one event', async () => {
    const key = randomUUID();
    const first = await post(application(11, '赖一'), key);
    expect(first.status).toBe(201);
    expect(first.headers?.get('idempotency-replayed')).toBeNull();
    const again = await post(application(11, '赖一'), key);
    expect(again.status).toBe(201);
    expect(again.headers?.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await applicationsOf('赖一')).toBe(1);
    expect(await count('outbox', "type = 'application.received' AND envelope LIKE $1", [`%${first.body.id}%`])).toBe(1);
    // Without a key, a repeat is a new request: that is what the key is for.
    expect((await post(application(11, '赖一'))).status).toBe(201);
    expect(await applicationsOf('赖一')).toBe(2);
  });

  it('runs one of five requests sent at once with one key; the others replay it or are told to wait', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(application(12, '赖二'), key)));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a).toMatchObject({ status: 409, body: { message: '同一项提交正在处理中，请稍候再试' } });
    expect(await applicationsOf('赖二')).toBe(1);
    // Once it is done, a late repeat gets the same case.
    const late = await post(application(12, '赖二'), key);
    expect(late.body.id).toBe(created[0].body.id);
  });

  it('refuses the key with another request, a malformed key, and keeps keys per user', async () => {
    const key = randomUUID();
    expect((await post(application(13, '赖三'), key)).status).toBe(201);
    const changed = await post({ ...application(13, '赖三'), amountOwedFen: 1_300_000 }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.message).toContain('已用于另一项提交');
    // Another user's request with the same key is theirs: it is not answered with the clerk's case.
    const theirs = await post(application(13, '赖三'), key, lawyer);
    expect(theirs.status).toBe(201);
    expect(theirs.headers?.get('idempotency-replayed')).toBeNull();
    expect(await applicationsOf('赖三')).toBe(2);
    const bad = await post(application(14, '赖四'), 'short');
    expect(bad).toMatchObject({ status: 400, body: { fields: { 'Idempotency-Key': [expect.stringContaining('16 至 100 位')] } } });
    expect(await applicationsOf('赖四')).toBe(0);
  });

  it('frees the key of a request that was refused, so the corrected one goes through', async () => {
    const key = randomUUID();
    const refused = await post({ ...application(15, '赖五'), amountOwedFen: -1 }, key);
    expect(refused.status).toBe(400);
    expect(await count('idempotency_keys', 'key = $1', [key])).toBe(0);
    const fixed = await post(application(15, '赖五'), key);
    expect(fixed.status).toBe(201);
    expect(await applicationsOf('赖五')).toBe(1);
  });

  it('runs again a request whose process died before it committed, once its key is stale', async () => {
    const key = randomUUID();
    const first = await post(application(16, '赖六'), key);
    expect(first.status).toBe(201);
    // What a crash before the commit leaves: the key claimed, nothing committed, no answer — here three minutes old.
    await platform.pg.query(`UPDATE "${la}".idempotency_keys SET state = 'running', committed = false, body = NULL, created_at = now() - interval '3 minutes' WHERE key = $1`, [key]);
    const fresh = await post(application(16, '赖六'), key);
    expect(fresh.status).toBe(201);
    expect(fresh.headers?.get('idempotency-replayed')).toBeNull();
    expect(await applicationsOf('赖六')).toBe(2);
    // A key that is not yet stale is still running: the repeat waits.
    await platform.pg.query(`UPDATE "${la}".idempotency_keys SET state = 'running', committed = false, created_at = now() WHERE key = $1`, [key]);
    expect((await post(application(16, '赖六'), key)).status).toBe(409);
  });

  it('does not redo a request whose service crashed after its commit and before its answer', async () => {
    const key = randomUUID();
    writeFileSync(crashFile, '');
    const lost = await post(application(17, '赖七'), key).then(() => 'answered', (e: Error) => String(e));
    expect(lost).toMatch(/fetch failed/);
    const service = platform.services['legal-aid'];
    expect(await service.exitedWithin(10_000)).toBe(true);
    rmSync(crashFile);
    expect(existsSync(crashFile)).toBe(false);
    await service.start();
    expect(await applicationsOf('赖七')).toBe(1);
    // Right away the repeat cannot tell a crash from a slow answer, and waits; past the stale time it is told.
    expect((await post(application(17, '赖七'), key)).body.message).toBe('同一项提交正在处理中，请稍候再试');
    await platform.pg.query(`UPDATE "${la}".idempotency_keys SET created_at = now() - interval '3 minutes' WHERE key = $1`, [key]);
    const retried = await post(application(17, '赖七'), key);
    expect(retried.status).toBe(409);
    expect(retried.body.message).toBe('这项提交已经保存，结果未能返回；请在列表中查看，不要重复录入');
    expect(await applicationsOf('赖七')).toBe(1);
  });
});
