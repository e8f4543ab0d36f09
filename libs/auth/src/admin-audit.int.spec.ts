// The administrative audit trail on the real database: recorded in the caller's transaction, append-only, read
// within the reader's area.
import 'reflect-metadata';
import { dataSourceOptions, databaseUrl, migrate, schemaMigration, schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { ADMIN_AUDIT_TABLE, AdminAuditQuery, readAdminAudit, recordAdminChange } from './admin-audit';
import type { AdminChange } from './admin-audit';
import type { Caller } from './claims';

const ns = createNamespace('audit');
enterNamespace(ns);

const options = () => dataSourceOptions({ schema: 'audittest', entities: [], migrations: [schemaMigration('CreateAdminAudit1764300009998', ADMIN_AUDIT_TABLE)] });
const admin = (area: string): Caller => ({ sub: `command-${area}-admin`, name: `管理员 ${area}`, agencyId: `command:${area}`, agencyType: 'command', divisionCode: area, roles: ['admin'] });
const city = admin('360700');
const nankang = admin('360703');

describe('admin audit trail', () => {
  let ds: DataSource;
  let owner: DataSource;
  const table = () => `"${schemaName('audittest')}".admin_audit`;

  beforeAll(async () => {
    await migrate(options());
    // The service's own role, as the services connect; and the owner, as migrations do.
    ds = new DataSource(options());
    await ds.initialize();
    owner = new DataSource({ ...options(), url: databaseUrl() } as DataSourceOptions);
    await owner.initialize();
    const changes: [Caller, AdminChange][] = [
      [city, { action: 'rules.put', target: 'rules:default', divisionCode: '360700', before: null, after: { workers: { orange: 9 } }, reason: '冬季专项' }],
      [nankang, { action: 'rules.put', target: 'rules:360703', divisionCode: '360703', before: null, after: { clusterDays: 7 } }],
      [city, { action: 'office.update', target: 'office:legal-aid:360702', divisionCode: '360702', before: { active: true }, after: { active: false } }],
      [nankang, { action: 'rules.put', target: 'rules:360703', divisionCode: '360703', before: { clusterDays: 7 }, after: { clusterDays: 10 } }],
    ];
    for (const [who, change] of changes) {
      await ds.transaction((m) => recordAdminChange(m, who, change));
      await new Promise((r) => setTimeout(r, 5)); // distinct milliseconds, for the `since` filter
    }
  });

  afterAll(async () => {
    await ds?.destroy();
    await owner?.destroy();
    await dropNamespace(ns);
  });

  it('records who, when, what, before and after; newest first', async () => {
    const { items } = await readAdminAudit(ds, city);
    expect(items.map((i) => i.target)).toEqual(['rules:360703', 'office:legal-aid:360702', 'rules:360703', 'rules:default']);
    expect(items[0]).toMatchObject({
      actor: { sub: 'command-360703-admin', name: '管理员 360703', agencyId: 'command:360703', roles: ['admin'] },
      action: 'rules.put', divisionCode: '360703', before: { clusterDays: 7 }, after: { clusterDays: 10 }, reason: null,
    });
    expect(items[3]).toMatchObject({ before: null, after: { workers: { orange: 9 } }, reason: '冬季专项' });
    expect(Date.parse(items[0].at)).toBeGreaterThanOrEqual(Date.parse(items[3].at));
  });

  it('is written in the caller’s transaction: a change rolled back leaves no entry', async () => {
    await expect(ds.transaction(async (m) => {
      await recordAdminChange(m, city, { action: 'rules.put', target: 'rules:360722', divisionCode: '360722', before: null, after: {} });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect((await readAdminAudit(ds, city, { target: 'rules:360722' })).items).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE: to the service by privilege, and to the owner by trigger', async () => {
    for (const sql of [`UPDATE ${table()} SET after = '{}'`, `DELETE FROM ${table()}`, `TRUNCATE ${table()}`]) {
      await expect(ds.query(sql)).rejects.toThrow(/permission denied for table admin_audit/);
      await expect(owner.query(sql)).rejects.toThrow(/append-only/);
    }
    expect((await readAdminAudit(ds, city)).items).toHaveLength(4);
  });

  it('filters by action, target and time, and pages', async () => {
    expect((await readAdminAudit(ds, city, { action: 'office.update' })).items.map((i) => i.target)).toEqual(['office:legal-aid:360702']);
    expect((await readAdminAudit(ds, city, { target: 'rules:360703' })).items.map((i) => i.after)).toEqual([{ clusterDays: 10 }, { clusterDays: 7 }]);
    const all = (await readAdminAudit(ds, city)).items;
    expect((await readAdminAudit(ds, city, { since: all[1].at })).items.map((i) => i.id)).toEqual([all[0].id, all[1].id]);
    expect((await readAdminAudit(ds, city, { since: new Date(Date.now() + 60_000).toISOString() })).items).toEqual([]);
    expect((await readAdminAudit(ds, city, { limit: 2, offset: 1 })).items.map((i) => i.id)).toEqual([all[1].id, all[2].id]);
  });

  it('shows a county’s administrator the changes in its county only, and refuses everyone else', async () => {
    expect((await readAdminAudit(ds, nankang)).items.map((i) => i.target)).toEqual(['rules:360703', 'rules:360703']);
    expect((await readAdminAudit(ds, admin('360702'))).items.map((i) => i.target)).toEqual(['office:legal-aid:360702']);
    await expect(readAdminAudit(ds, { ...city, roles: ['analyst'] })).rejects.toThrow('无权查看管理操作记录');
    await expect(readAdminAudit(ds, { ...nankang, divisionCode: '360700' })).rejects.toThrow('无权查看管理操作记录');
  });

  it('takes only real instants as `since`', () => {
    const problems = (since: string) => validateSync(plainToInstance(AdminAuditQuery, { since })).map((e) => e.property);
    expect(problems('2026-10-20T08:00:00+08:00')).toEqual([]);
    expect(problems('2026-10-20')).toEqual([]);
    expect(problems('2026-02-30')).toEqual(['since']);
    expect(problems('2026-13-45T00:00:00Z')).toEqual(['since']);
    expect(problems('yesterday')).toEqual(['since']);
  });
});
