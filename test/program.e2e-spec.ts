// Demonstration sites and windows: the program's four sites and each county's one or two windows, kept in the agency
// directory, and their yearly innovation reports (创新经验报告) with the status of each.
import 'reflect-metadata';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { localDate } from '@yuanlian/deadlines';
import { createNamespace, dropNamespace, enterNamespace, tokenFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('program');
enterNamespace(ns);

describe('demonstration sites and windows', () => {
  let platform: Platform;
  const analyst = tokenFor('command', GANZHOU_CITY_CODE, 'analyst');
  const admin = tokenFor('command', GANZHOU_CITY_CODE, 'admin');
  const year = Number(localDate(new Date()).slice(0, 4));
  const ok = (r: { status: number; body: any }, status = 200) => {
    expect({ status: r.status, body: r.status === status ? undefined : r.body }).toEqual({ status, body: undefined });
    return r.body;
  };

  beforeAll(async () => {
    platform = await Platform.start(ns, ['command']);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('lists the sites and windows with their innovation report status, and takes reports from their own staff', async () => {
    const board = ok(await platform.call('command', 'GET', `/program/demonstration?year=${year}`, analyst));
    const sites = board.offices.filter((o: { demonstration: string }) => o.demonstration === 'site').map((o: { divisionName: string }) => o.divisionName);
    expect(sites.sort()).toEqual(['信丰县', '赣县区', '赣州经济技术开发区', '龙南市'].sort());
    // Every other county and zone has its window; none lacks one, none has more than two.
    expect(board.counties).toHaveLength(20);
    expect(board.counts).toMatchObject({ offices: 20, submitted: 0, countiesWithProblems: 0 });
    const lastYear = ok(await platform.call('command', 'GET', `/program/demonstration?year=${year - 1}`, analyst));
    expect(lastYear.counts).toMatchObject({ overdue: 20, submitted: 0 });

    // 信丰县's center (a site) reports; an office that is neither site nor window cannot; next year is refused.
    const xf = tokenFor('legal-aid', '360722', 'supervisor');
    const report = { title: '“法援+监察”联动窗口一站式化解欠薪', summary: '设立联动窗口，法律援助与劳动保障监察同窗受理、当场转介，欠薪案件平均办结时间缩短。' };
    ok(await platform.call('command', 'POST', '/program/innovation-reports', xf, report), 201);
    const inspector = tokenFor('labor-inspection', '360702', 'inspector');
    expect((await platform.call('command', 'POST', '/program/innovation-reports', inspector, report)).status).toBe(403);
    const future = await platform.call('command', 'POST', '/program/innovation-reports', xf, { ...report, year: year + 1 });
    expect(future.status).toBe(400);
    expect(future.body.fields.year[0]).toMatch(/只能报送/);
    const short = await platform.call('command', 'POST', '/program/innovation-reports', xf, { title: '短', summary: '太短' });
    expect(Object.keys(short.body.fields).sort()).toEqual(['summary', 'title']);

    const after = ok(await platform.call('command', 'GET', `/program/demonstration?year=${year}`, analyst));
    const xfRow = after.offices.find((o: { officeId: string }) => o.officeId === 'legal-aid:360722');
    expect(xfRow).toMatchObject({ status: 'submitted', reports: 1, latest: { title: report.title } });
    expect(after.counts.submitted).toBe(1);
    // A county's own staff see their county (and its zone) only.
    const zg = ok(await platform.call('command', 'GET', `/program/demonstration?year=${year}`, tokenFor('command', '360702', 'analyst')));
    expect(zg.counties.map((c: { divisionCode: string }) => c.divisionCode)).toEqual(['360702', '3607JK']);
    expect(ok(await platform.call('command', 'GET', `/program/innovation-reports?year=${year}`, tokenFor('command', '360702', 'analyst'))).items).toEqual([]);
    expect(ok(await platform.call('command', 'GET', `/program/innovation-reports?year=${year}`, analyst)).items.map((r: { officeId: string }) => r.officeId)).toEqual(['legal-aid:360722']);
  });

  it('keeps each county to one or two windows', async () => {
    const office = async (id: string) => ok(await platform.call('command', 'GET', '/directory/offices?divisionCode=360702', admin)).items.find((o: { officeId: string }) => o.officeId === id);
    const asWindow = async (id: string) => {
      const { officeId, updatedAt, agencyType, divisionCode, ...rest } = await office(id);
      return platform.call('command', 'PUT', `/directory/offices/${encodeURIComponent(officeId)}`, admin, { ...rest, demonstration: 'window' });
    };
    // The county has one window: administrators name each of its other offices a window at the same moment, and only
    // one of them may be.
    const offices = ok(await platform.call('command', 'GET', '/directory/offices?divisionCode=360702', admin)).items;
    const candidates: string[] = offices.filter((o: { demonstration: string }) => o.demonstration === 'none').map((o: { officeId: string }) => o.officeId);
    expect(candidates.length).toBeGreaterThanOrEqual(4);
    const answers = await Promise.all(candidates.map(asWindow));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...candidates.slice(1).map(() => 409)]);
    const named = candidates[answers.findIndex((a) => a.status === 200)];
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.message).toMatch(/章贡区已有2个示范窗口.*每个县（市、区）为1至2个/);
    const board = ok(await platform.call('command', 'GET', `/program/demonstration?year=${year}`, analyst));
    expect(board.counties.find((c: { divisionCode: string }) => c.divisionCode === '360702')).toMatchObject({ windows: 2, problem: null });
    expect(board.offices.find((o: { officeId: string }) => o.officeId === named)).toMatchObject({ demonstrationLabel: '示范窗口', status: 'pending' });
  });
});
