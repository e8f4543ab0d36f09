// Finding a case and not registering it twice, on the real legal-aid service and database: search by name, ID number,
// phone, employer, credit code and a receiving agency's case number within the caller's scope; at intake, the open
// cases of the same worker and employer; the city center reads every county's cases, a county only its own.
import 'reflect-metadata';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { schemaName } from '@yuanlian/database';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('search');
enterNamespace(ns);

const zgClerk = tokenFor('legal-aid', '360702', 'clerk');
const nkClerk = tokenFor('legal-aid', '360703', 'clerk');
const city = tokenFor('legal-aid', GANZHOU_CITY_CODE, 'supervisor');
const BUILDER = makeCreditCode('91360702MA35Q8K01');
const OTHER = makeCreditCode('91360703MA35R2L02');
const WORKER_ID = makeResidentId('360702', '19870412', 233);

const application = (name: string, idNumber: string, phone: string, creditCode: string, divisionCode: string, employer = '赣州市章江建设工程有限公司') => ({
  worker: { name, idNumber, phone },
  employer: { name: employer, creditCode },
  project: { name: '章江新区安置房二期', address: '章贡区某路1号' },
  divisionCode, channel: 'window', matter: 'wage_arrears', industry: 'construction',
  amountOwedFen: 1_250_000, workersAffected: 1, summary: '三个月工资未发',
});

describe('case search and the duplicate warning', () => {
  let platform: Platform;
  const get = async (token: string, path: string) => platform.call('legal-aid', 'GET', path, token);
  const names = async (token: string, q: string) => {
    const r = await get(token, `/applications?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    return r.body.items.map((a: { worker: { name: string } }) => a.worker.name).sort();
  };

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection']);
    const create = async (token: string, body: unknown) => {
      const r = await platform.call('legal-aid', 'POST', '/applications', token, body);
      expect(r.status).toBe(201);
      return r.body;
    };
    const first = await create(zgClerk, application('钟水生', WORKER_ID, '13907970001', BUILDER, '360702'));
    await create(zgClerk, application('赖桂英', makeResidentId('360702', '19910101', 18), '13907970002', BUILDER, '360702'));
    await create(zgClerk, application('谢100%', makeResidentId('360702', '19920202', 27), '13907970003', OTHER, '360702', '南康某家具厂'));
    await create(nkClerk, application('钟水根', makeResidentId('360703', '19800303', 36), '13907970004', OTHER, '360703', '南康某家具厂'));
    // A receiving agency's case number, as it comes back on the referral once inspection accepts it.
    const referral = await platform.call('legal-aid', 'POST', `/applications/${first.id}/referrals`, zgClerk, { toAgencyType: 'labor-inspection' });
    expect(referral.status).toBe(201);
    const inspector = tokenFor('labor-inspection', '360702', 'inspector');
    await waitFor('the referral at inspection', async () => (await platform.call('labor-inspection', 'GET', `/referrals/${referral.body.id}`, inspector)).status === 200);
    expect((await platform.call('labor-inspection', 'POST', `/referrals/${referral.body.id}/accept`, inspector, { agencyCaseNumber: '章贡区劳监〔2026〕88号' })).status).toBe(200);
    await waitFor('the case number back at legal aid', async () =>
      (await platform.pg.query(`SELECT 1 FROM "${schemaName('legal_aid')}".referrals WHERE agency_case_number = '章贡区劳监〔2026〕88号'`)).rowCount === 1);
  });
  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('finds a case by name, ID number, phone, employer, credit code and case number, in the county only', async () => {
    expect(await names(zgClerk, '钟水')).toEqual(['钟水生']);
    expect(await names(zgClerk, WORKER_ID)).toEqual(['钟水生']);
    expect(await names(zgClerk, WORKER_ID.toLowerCase())).toEqual(['钟水生']);
    expect(await names(zgClerk, '13907970002')).toEqual(['赖桂英']);
    expect(await names(zgClerk, '章江建设')).toEqual(['赖桂英', '钟水生']);
    expect(await names(zgClerk, BUILDER)).toEqual(['赖桂英', '钟水生']);
    expect(await names(zgClerk, '劳监〔2026〕88')).toEqual(['钟水生']);
    expect(await names(zgClerk, '安置房')).toHaveLength(3);
    // LIKE's own characters are literal: '100%' finds the name that has it, '%' alone nothing else.
    expect(await names(zgClerk, '100%')).toEqual(['谢100%']);
    expect(await names(zgClerk, '_')).toEqual([]);
    // 南康区's clerk does not find 章贡区's cases, whatever is typed.
    expect(await names(nkClerk, '钟水')).toEqual(['钟水根']);
    expect(await names(nkClerk, WORKER_ID)).toEqual([]);
    const listed = await get(zgClerk, '/applications?limit=2');
    expect(listed.body).toMatchObject({ total: 3 });
    expect(listed.body.items).toHaveLength(2);
    expect((await get(zgClerk, `/applications?q=${'x'.repeat(51)}`)).status).toBe(400);
    expect((await get(zgClerk, '/applications?q=%00')).body).toMatchObject({ statusCode: 400, fields: { q: ['查找内容不能含控制字符'] } });
  });

  it('orders the whole list on the server: newest first by default, oldest first when asked; an unknown order refused', async () => {
    const order = async (sort?: string) => (await get(zgClerk, `/applications${sort ? `?sort=${sort}` : ''}`)).body.items.map((a: { worker: { name: string } }) => a.worker.name);
    expect(await order()).toEqual(['谢100%', '赖桂英', '钟水生']);
    expect(await order('oldest')).toEqual(['钟水生', '赖桂英', '谢100%']);
    expect((await get(zgClerk, '/applications?sort=name')).status).toBe(400);
  });

  it('exports the list as filtered, as CSV and as a workbook, with identity masked', async () => {
    const res = await fetch(`${platform.services['legal-aid'].url}/applications/export.csv?q=${encodeURIComponent('章江建设')}`, { headers: { authorization: `Bearer ${zgClerk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // UTF-8 with BOM, so that Excel reads the Chinese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('"劳动者","身份证号（已遮蔽）","事项"');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('"钟水生"');
    expect(csv).not.toContain(WORKER_ID);
    expect(csv).toMatch(/"3607\*+\w+"/);
    const xlsx = await fetch(`${platform.services['legal-aid'].url}/applications/export.xlsx`, { headers: { authorization: `Bearer ${zgClerk}` } });
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await get(zgClerk, '/applications/export.pdf')).status).toBe(404);
    // The inspection inbox too.
    const inbox = await fetch(`${platform.services['labor-inspection'].url}/referrals/export.csv`, { headers: { authorization: `Bearer ${tokenFor('labor-inspection', '360702', 'inspector')}` } });
    expect(await inbox.text()).toContain('"章贡区劳监〔2026〕88号","钟水生"');
  });

  it('warns at intake of the same worker and the same employer, within the scope', async () => {
    const r = await get(zgClerk, `/applications/related?idNumber=${WORKER_ID}&creditCode=${BUILDER}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ workerTotal: 1, employerTotal: 2 });
    expect(r.body.sameWorker[0].worker).toMatchObject({ name: '钟水生', idNumber: expect.stringMatching(/^3607\*+/) });
    // Another county sees nothing of it; a closed case is not an open one.
    expect((await get(nkClerk, `/applications/related?idNumber=${WORKER_ID}&creditCode=${BUILDER}`)).body).toMatchObject({ workerTotal: 0, employerTotal: 0 });
    expect((await get(zgClerk, '/applications/related?idNumber=360702198704122330')).status).toBe(400);
    expect((await get(zgClerk, '/applications/related?creditCode=123')).status).toBe(400);
  });

  it('lets the city center read every county’s cases, and not act on them', async () => {
    expect(await names(city, '钟水')).toEqual(['钟水根', '钟水生']);
    const nk = (await get(city, `/applications?q=${encodeURIComponent('钟水根')}`)).body.items[0];
    expect((await get(city, `/applications/${nk.id}`)).status).toBe(200);
    expect((await get(zgClerk, `/applications/${nk.id}`)).status).toBe(404);
    expect((await platform.call('legal-aid', 'POST', `/applications/${nk.id}/accept`, city)).status).toBe(404);
  });
});
