// Personal data at rest, on the real services, broker and database: ID numbers and phones sealed with keys outside the
// database and found by keyed hash, the services connected as roles that reach only their own schema, keys rotated.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { databaseUrl, schemaName, serviceDatabaseUrl } from '@yuanlian/database';
import { resealReferralInbox } from '@yuanlian/referrals';
import { makeResidentId, maskIdNumber, maskPhone } from '@yuanlian/identity';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { addDataKey, DataKeys, dataKeysFile } from '@yuanlian/trust';
import { Platform } from '../../../../test/support/platform';
import { resealApplications } from './personal-data';

const ns = createNamespace('pii');
enterNamespace(ns);
// This run's own key files, shared by its services and by this process (migrations, resealing).
const keysDir = mkdtempSync(join(tmpdir(), 'yl-data-keys-'));
process.env.DATA_KEYS_DIR = keysDir;

const ID = makeResidentId('360702', '19850612', 31);
const PHONE = '13907971234';
const clerk = tokenFor('legal-aid', '360702', 'clerk', 'pii_reveal');
const inspector = tokenFor('labor-inspection', '360702', 'inspector', 'pii_reveal');
const application = (idNumber = ID, phone = PHONE) => ({
  worker: { name: '钟秀英', idNumber, phone },
  employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
  project: { name: '章江新区安置房二期', address: '章贡区某路1号' },
  divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction',
  amountOwedFen: 1_250_000, workersAffected: 12, summary: '12名工人被拖欠3个月工资',
});

describe('personal data at rest', () => {
  let platform: Platform;
  let owner: DataSource;
  const la = schemaName('legal_aid');
  const li = schemaName('labor_inspection');
  let applicationId: string;
  let referralId: string;

  const call = (service: string, method: string, path: string, token?: string, body?: unknown) => platform.call(service, method, path, token, body);
  const revealed = async () => ({
    application: (await call('legal-aid', 'GET', `/applications/${applicationId}?purpose=核实身份`, clerk)).body.worker,
    referral: (await call('labor-inspection', 'GET', `/referrals/${referralId}?purpose=核实身份`, inspector)).body.worker,
  });

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection'], { DATA_KEYS_DIR: keysDir });
    owner = await new DataSource({ type: 'postgres', url: databaseUrl() }).initialize();
    const created = await call('legal-aid', 'POST', '/applications', clerk, application());
    expect(created.status).toBe(201);
    applicationId = created.body.id;
    const referral = await call('legal-aid', 'POST', `/applications/${applicationId}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    expect(referral.body).toMatchObject({ status: 'requested', shared: ['idNumber', 'phone', 'project'] });
    referralId = referral.body.id;
    await waitFor('the referral in the inspectors’ inbox', async () => (await call('labor-inspection', 'GET', `/referrals/${referralId}`, inspector)).status === 200);
  });

  afterAll(async () => {
    await owner?.destroy();
    await platform?.stop();
    await dropNamespace(ns);
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('shows masked and, with a purpose, revealed values as before', async () => {
    const masked = (await call('legal-aid', 'GET', `/applications/${applicationId}`, clerk)).body.worker;
    expect(masked).toMatchObject({ idNumber: maskIdNumber(ID), phone: maskPhone(PHONE), key: expect.stringMatching(/^wk_/) });
    expect((await call('labor-inspection', 'GET', `/referrals/${referralId}`, inspector)).body.worker).toMatchObject({ idNumber: maskIdNumber(ID), phone: maskPhone(PHONE) });
    expect(await revealed()).toMatchObject({ application: { idNumber: ID, phone: PHONE }, referral: { idNumber: ID, phone: PHONE } });
  });

  it('leaves no ID number or phone, in any form, in a dump of legal aid’s and the inspection’s schemas', async () => {
    const forms = [ID, ID.slice(0, 17), ID.toLowerCase(), maskIdNumber(ID), PHONE, maskPhone(PHONE), ...[ID, PHONE].flatMap((v) => [Buffer.from(v).toString('base64'), Buffer.from(v).toString('hex')])];
    const { rows: tables } = await platform.pg.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'`, [[la, li]],
    );
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expect.arrayContaining([`${la}.applications`, `${li}.referral_inbox`, `${la}.access_log`]));
    let rows = 0;
    const found: string[] = [];
    // The outbox too: a referral's envelope, with what it shared, is kept sealed there until it is sent and for a day after.
    expect(tables.map((t) => t.name)).toContain('outbox');
    for (const t of tables) {
      const dump = await platform.pg.query<{ row: string }>(`SELECT t::text AS row FROM "${t.schema}"."${t.name}" t`);
      rows += dump.rows.length;
      for (const { row } of dump.rows) for (const form of forms) if (row.toUpperCase().includes(form.toUpperCase())) found.push(`${t.schema}.${t.name}: ${form}`);
    }
    expect(rows).toBeGreaterThan(5);
    expect(found).toEqual([]);
    const { rows: [stored] } = await platform.pg.query(`SELECT worker_id_number_sealed, worker_id_number_hash, worker_phone_sealed FROM "${la}".applications WHERE id = $1`, [applicationId]);
    expect(stored).toEqual({ worker_id_number_sealed: expect.stringMatching(/^v1:/), worker_id_number_hash: expect.stringMatching(/^[0-9a-f]{64}$/), worker_phone_sealed: expect.stringMatching(/^v1:/) });
  });

  it('finds a worker’s applications by ID number or phone through the keyed hash', async () => {
    const other = await call('legal-aid', 'POST', '/applications', clerk, application('360702199003071239', '13812345678'));
    const byId = await call('legal-aid', 'GET', `/applications?idNumber=${ID.toLowerCase()}`, clerk);
    expect(byId.body.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
    const byPhone = await call('legal-aid', 'GET', '/applications?phone=13812345678', clerk);
    expect(byPhone.body.items.map((a: { id: string }) => a.id)).toEqual([other.body.id]);
    expect((await call('legal-aid', 'GET', `/applications?idNumber=${ID}`, tokenFor('legal-aid', '360703', 'clerk'))).body.items).toEqual([]);
    const bad = await call('legal-aid', 'GET', '/applications?idNumber=360702199003071238', clerk);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['idNumber']);
  });

  it('connects each service as its own role: another schema refused, the access log only added to', async () => {
    const legalAid = new Client({ connectionString: serviceDatabaseUrl('legal_aid') });
    const inspection = new Client({ connectionString: serviceDatabaseUrl('labor_inspection') });
    await legalAid.connect();
    await inspection.connect();
    try {
      const { rows } = await platform.pg.query(`SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = ANY($1)`, [['legal_aid', 'labor_inspection']]);
      expect(rows.map((r) => r.usename).sort()).toEqual(['yl_labor_inspection', 'yl_legal_aid']);
      await expect(legalAid.query(`SELECT worker_id_number_sealed FROM "${li}".referral_inbox`)).rejects.toThrow(/permission denied for schema/);
      await expect(inspection.query(`SELECT worker_id_number_sealed FROM "${la}".applications`)).rejects.toThrow(/permission denied for schema/);
      expect(Number((await inspection.query(`SELECT count(*) AS n FROM "${li}".access_log WHERE subject_id = $1`, [referralId])).rows[0].n)).toBeGreaterThan(0);
      await expect(inspection.query(`UPDATE "${li}".access_log SET revealed = false WHERE subject_id = $1`, [referralId])).rejects.toThrow(/permission denied for table access_log/);
      await expect(inspection.query(`DELETE FROM "${li}".access_log WHERE subject_id = $1`, [referralId])).rejects.toThrow(/permission denied for table access_log/);
      await expect(legalAid.query(`ALTER TABLE "${la}".applications ADD COLUMN worker_id_number text`)).rejects.toThrow(/must be owner/);
    } finally {
      await legalAid.end();
      await inspection.end();
    }
  });

  it('rotates: values under v1 open once v2 is added, and resealing leaves none under v1', async () => {
    expect(addDataKey(dataKeysFile('legal_aid'))).toBe(2);
    expect(addDataKey(dataKeysFile('labor_inspection'))).toBe(2);
    // The running services loaded v1 and still seal with it until restarted; old values open either way.
    expect(await revealed()).toMatchObject({ application: { idNumber: ID, phone: PHONE }, referral: { idNumber: ID, phone: PHONE } });
    const underV1 = async () => Number((await platform.pg.query(
      `SELECT (SELECT count(*) FROM "${la}".applications WHERE worker_id_number_sealed LIKE 'v1:%' OR worker_phone_sealed LIKE 'v1:%')
            + (SELECT count(*) FROM "${li}".referral_inbox WHERE worker_id_number_sealed LIKE 'v1:%' OR worker_phone_sealed LIKE 'v1:%') AS n`,
    )).rows[0].n);
    expect(await underV1()).toBe(3);

    expect(await resealApplications(owner, la, DataKeys.forSchema('legal_aid'))).toBe(2);
    expect(await resealReferralInbox(owner, li)).toBe(1);
    expect(await underV1()).toBe(0);
    expect(await resealApplications(owner, la, DataKeys.forSchema('legal_aid'))).toBe(0);
    // The services open v2, which they had not loaded, and the search hashes stay valid.
    expect(await revealed()).toMatchObject({ application: { idNumber: ID, phone: PHONE }, referral: { idNumber: ID, phone: PHONE } });
    expect((await call('legal-aid', 'GET', `/applications?idNumber=${ID}`, clerk)).body.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
  });
});
