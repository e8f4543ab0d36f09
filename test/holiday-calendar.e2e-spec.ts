// The holiday calendar kept up to date by the city's administrators (issue 17, item 10): a year's notice entered
// through the committee's API, checked field by field, audited, published on the compacted calendar topic; every
// service running clocks takes it (a record not signed by the committee's service is ignored), recounts its running
// clocks reaching into the year once, and lists the due dates that moved for the office.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { schemaName } from '@yuanlian/database';
import { defaultCalendar, dueDate, localDate, noticeYear } from '@yuanlian/deadlines';
import type { ClockInput } from '@yuanlian/deadlines';
import { makeResidentId } from '@yuanlian/identity';
import { signedAs } from '@yuanlian/messaging';
import { createNamespace, dropNamespace, enterNamespace, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform, Reply } from './support/platform';

const ns = createNamespace('calendar');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const lawyer = tokenFor('legal-aid', '360702', 'lawyer', 'supervisor');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const arbitrator = tokenFor('arbitration', '360702', 'officer');
const cityAdmin = tokenFor('command', '360700', 'admin');
const countyAdmin = tokenFor('command', '360702', 'admin');

/**
 * A 2027 notice of the shape the State Council publishes. The dates are plausible, NOT the official 2027 notice (not
 * published when this test was written): built on the statutory days (元旦 1-1, 春节 2-5 to 2-8, 清明 4-5, 劳动节 5-1/2,
 * 端午 6-9, 中秋 9-15, 国庆 10-1 to 10-3) with the usual bridging and make-up weekends.
 */
const NOTICE_2027 = {
  noticeNo: '国办发明电〔2026〕9号（测试用，非正式文号）',
  noticeDate: '2026-11-20',
  holidays: [
    { festivals: ['new-year'], from: '2027-01-01', to: '2027-01-03' },
    { festivals: ['spring-festival'], from: '2027-02-05', to: '2027-02-13' },
    { festivals: ['qingming'], from: '2027-04-03', to: '2027-04-05' },
    { festivals: ['labour-day'], from: '2027-05-01', to: '2027-05-05' },
    { festivals: ['dragon-boat'], from: '2027-06-09', to: '2027-06-09' },
    { festivals: ['mid-autumn'], from: '2027-09-15', to: '2027-09-15' },
    { festivals: ['national-day'], from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  reason: '录入国务院办公厅2027年节假日安排通知',
};

const claim = (n: number, over: Record<string, unknown> = {}) => ({
  worker: { name: '刘桂英', idNumber: makeResidentId('360702', '19850316', 100 + n), phone: '13907970002' },
  employer: { name: '赣州市恒达建设工程有限公司', creditCode: '91360702MA35G7K276' },
  project: { name: '水西安置房二期' },
  divisionCode: '360702',
  channel: 'window',
  matter: 'wage_arrears',
  industry: 'construction',
  amountOwedFen: 3_600_000,
  workersAffected: 4,
  summary: '4名工人被拖欠3个月工资',
  ...over,
});

describe('the holiday calendar entered by administrators', () => {
  let platform: Platform;
  const call = (service: string, method: string, path: string, token: string, body?: unknown) => platform.call(service, method, path, token, body);
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const clock = (view: { clocks: any[] }, rule: string) => view.clocks.find((c) => c.rule === rule);

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'arbitration', 'command'], { CLOCK_SWEEP_MS: 'off' });
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('checks the notice field by field, in Chinese, and lets only the city administrators enter it', async () => {
    // Only a city administrator: a county's is refused, and a clerk never reaches it.
    expect((await call('command', 'PUT', '/calendar/years/2027', countyAdmin, NOTICE_2027)).status).toBe(403);
    expect((await call('command', 'PUT', '/calendar/years/2027', clerk, NOTICE_2027)).status).toBe(403);
    const bad = await call('command', 'POST', '/calendar/years/2027/check', cityAdmin, {
      ...NOTICE_2027,
      holidays: NOTICE_2027.holidays.filter((h) => !h.festivals.includes('dragon-boat')).map((h) => (h.festivals[0] === 'spring-festival' ? { ...h, to: '2027-02-07' } : h)),
      workdays: ['2027-02-06', '2027-03-03', '2028-01-08'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({
      holidays: ['缺少端午节（依法放假1天）的放假安排'],
      'holidays.1': ['春节依法放假4天，本段只有3天'],
      'workdays.0': ['2027年2月6日在第2段假期（春节）中，不能同时是调休上班日'],
      'workdays.1': ['2027年3月3日是星期三，调休上班日应为星期六或星期日'],
      'workdays.2': ['调休上班日2028年1月8日不在2027年内'],
    });
    const malformed = await call('command', 'PUT', '/calendar/years/2027', cityAdmin, { ...NOTICE_2027, noticeNo: '', holidays: [{ festivals: ['国庆'], from: '2027-10-01', to: '2027-02-30' }] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toMatchObject({
      noticeNo: [expect.stringContaining('通知文号')], 'holidays.0.festivals': [expect.stringContaining('节日无效')], 'holidays.0.to': ['放假结束日不是有效的日期'],
    });
    expect((await call('command', 'PUT', '/calendar/years/2024', cityAdmin, NOTICE_2027)).body.fields).toEqual({ year: [expect.stringContaining('2025年')] });
    // The preview: each run of days off and its length.
    const preview = ok(await call('command', 'POST', '/calendar/years/2027/check', cityAdmin, NOTICE_2027));
    expect(preview.summary.runs[1]).toEqual({ festivals: '春节', from: '2027-02-05', to: '2027-02-13', days: 9 });
    expect(preview.summary.workdays[0]).toEqual({ date: '2027-01-31', weekday: '星期日' });
    // Nothing was stored by any of that.
    expect((await platform.pg.query(`SELECT count(*)::int AS n FROM "${schemaName('command')}".calendar_years`)).rows[0].n).toBe(0);
    expect(ok(await call('command', 'GET', '/calendar', clerk)).years.find((y: { year: string }) => y.year === '2027').status).toBe('provisional');
  });

  it('moves the due dates of running clocks reaching into 2027 on every service, once, and they lose 暂定', async () => {
    const today = localDate(new Date());
    // Legal aid: the worker's year to apply for arbitration from the end of the employment (2026-10-01 → 2027-10-01, 国庆).
    const kept = ok(await call('legal-aid', 'POST', '/applications', clerk, claim(1, { employmentEndedOn: '2026-10-01' })), 201);
    const limitation = clock(kept, 'worker.arbitration-limitation');
    expect(limitation).toMatchObject({ status: 'running', dueOn: '2027-10-04', provisional: true });

    // Labor inspection: 60 working days of investigation from today, across 元旦 and 春节 2027.
    const toInspect = ok(await call('legal-aid', 'POST', '/applications', clerk, claim(2)), 201);
    ok(await call('legal-aid', 'POST', `/applications/${toInspect.id}/accept`, lawyer));
    const referral = ok(await call('legal-aid', 'POST', `/applications/${toInspect.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }), 201);
    await waitFor('the referral at the inspection', async () => (await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)).status === 200);
    const accepted = ok(await call('labor-inspection', 'POST', `/referrals/${referral.id}/accept`, inspector, { note: '立案调查' }));
    const investigation = clock(accepted, 'labor-inspection.investigation');
    const investigationRule: ClockInput = { rule: { days: 60, unit: 'working' }, start: today };
    expect(investigation).toMatchObject({ status: 'running', dueOn: dueDate(investigationRule, defaultCalendar()).due, provisional: true });

    // Arbitration: 45 days to the award from acceptance, into January 2027.
    const toArbitrate = ok(await call('legal-aid', 'POST', `/applications`, clerk, claim(3)), 201);
    ok(await call('legal-aid', 'POST', `/applications/${toArbitrate.id}/accept`, lawyer));
    const toArbitration = ok(await call('legal-aid', 'POST', `/applications/${toArbitrate.id}/referrals`, clerk, { toAgencyType: 'arbitration' }), 201);
    await waitFor('the referral at arbitration', async () => (await call('arbitration', 'GET', `/referrals/${toArbitration.id}`, arbitrator)).status === 200);
    const award = clock(ok(await call('arbitration', 'POST', `/referrals/${toArbitration.id}/accept`, arbitrator, { note: '受理' })), 'arbitration.award');
    const awardRule: ClockInput = { rule: { days: 45, unit: 'calendar' }, start: today };
    expect(award).toMatchObject({ status: 'running', dueOn: dueDate(awardRule, defaultCalendar()).due, provisional: dueDate(awardRule, defaultCalendar()).provisional });

    // A record on the calendar topic that the committee's service did not sign (legal aid's key, a made-up 2027) is ignored
    // by every service: sent first, on the same key, so that a service taking it would then hold its version 99.
    const producer = testKafka().producer();
    await producer.connect();
    const at = new Date().toISOString();
    const forged = {
      eventId: randomUUID(), type: 'calendar.year', version: 1, occurredAt: at, source: 'legal-aid', caseId: 'calendar:2027',
      payload: { year: '2027', version: 99, title: '国务院办公厅关于2027年部分节假日安排的通知', ...NOTICE_2027, reason: undefined, holidays: NOTICE_2027.holidays.map((h) => (h.festivals[0] === 'national-day' ? { ...h, to: '2027-10-08' } : h)), updatedAt: at },
    };
    await producer.send({ topic: `${ns.topicPrefix}calendar.years`, messages: [signedAs(forged, 'calendar.years', '2027')] });
    await producer.disconnect();

    const entered = ok(await call('command', 'PUT', '/calendar/years/2027', cityAdmin, NOTICE_2027));
    expect(entered).toMatchObject({ year: '2027', version: 1, noticeNo: NOTICE_2027.noticeNo, title: '国务院办公厅关于2027年部分节假日安排的通知' });
    const year2027 = ok(await call('command', 'GET', '/calendar', clerk)).years.find((y: { year: string }) => y.year === '2027');
    expect(year2027).toMatchObject({ status: 'official', holidays: expect.arrayContaining(['2027-02-05/2027-02-13']), workdays: NOTICE_2027.workdays });
    const audit = ok(await call('command', 'GET', '/admin/audit?target=calendar:2027', cityAdmin)).items;
    expect(audit).toEqual([expect.objectContaining({ action: 'calendar.put', before: null, reason: NOTICE_2027.reason })]);

    // What every service now counts with.
    const official = defaultCalendar();
    official.setYear('2027', noticeYear({ ...entered }));
    const moved = {
      limitation: dueDate({ rule: { days: 12, unit: 'month' }, start: '2026-10-01' }, official),
      investigation: dueDate(investigationRule, official),
      award: dueDate(awardRule, official),
    };
    expect(moved.limitation).toEqual({ due: '2027-10-08', provisional: false });
    // Four weekdays of 春节 off (2-9 to 2-12) against two make-up weekends: the investigation ends two working days later.
    expect(moved.investigation.due! > investigation.dueOn).toBe(true);
    expect(moved.investigation.provisional).toBe(false);

    const atLegalAid = await waitFor('legal aid to recount the limitation', async () => {
      const c = clock(ok(await call('legal-aid', 'GET', `/applications/${kept.id}`, clerk)), 'worker.arbitration-limitation');
      return c.provisional ? undefined : c;
    });
    expect(atLegalAid).toMatchObject({ status: 'running', dueOn: moved.limitation.due, provisional: false });
    const atInspection = await waitFor('the inspection to recount the investigation', async () => {
      const c = clock(ok(await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)), 'labor-inspection.investigation');
      return c.provisional ? undefined : c;
    });
    expect(atInspection).toMatchObject({ status: 'running', dueOn: moved.investigation.due, provisional: false });
    // The inbox list is ordered and marked overdue by the due date kept on the referral's row: it moved with the clock.
    const listed = ok(await call('labor-inspection', 'GET', '/referrals', inspector)).items.find((i: { id: string }) => i.id === referral.id);
    expect(listed).toMatchObject({ dueOn: moved.investigation.due });
    const atArbitration = await waitFor('arbitration to recount the award', async () => {
      const c = clock(ok(await call('arbitration', 'GET', `/referrals/${toArbitration.id}`, arbitrator)), 'arbitration.award');
      return c.provisional === moved.award.provisional && c.dueOn === moved.award.due ? c : undefined;
    });
    expect(atArbitration).toMatchObject({ status: 'running', provisional: false });

    // Each office sees what moved: the old and new due date, the notice.
    const changes = async (service: string, token: string) => ok(await call(service, 'GET', '/clock-changes', token));
    const legalAidChanges = await changes('legal-aid', clerk);
    expect(legalAidChanges.officialYears).toEqual({ '2027': 1 });
    expect(legalAidChanges.items).toEqual(expect.arrayContaining([expect.objectContaining({
      clockId: limitation.id, subjectId: kept.id, rule: 'worker.arbitration-limitation', oldDueOn: '2027-10-04', newDueOn: '2027-10-08', moved: true,
      oldProvisional: true, newProvisional: false, calendarYear: '2027', calendarVersion: 1, noticeNo: NOTICE_2027.noticeNo,
    })]));
    const inspectionChanges = await changes('labor-inspection', inspector);
    expect(inspectionChanges.officialYears).toEqual({ '2027': 1 });
    expect(inspectionChanges.items).toEqual([expect.objectContaining({
      subjectId: referral.id, rule: 'labor-inspection.investigation', oldDueOn: investigation.dueOn, newDueOn: moved.investigation.due, moved: true, newProvisional: false,
    })]);
    const arbitrationChanges = await changes('arbitration', arbitrator);
    expect(arbitrationChanges.items).toEqual([expect.objectContaining({ subjectId: toArbitration.id, oldDueOn: award.dueOn, newDueOn: moved.award.due, oldProvisional: true, newProvisional: false })]);
    // Another office sees none of them.
    expect((await changes('labor-inspection', tokenFor('labor-inspection', '360703', 'inspector'))).items).toEqual([]);

    // Once per version: each service applied version 1 once, one change per clock.
    for (const schema of ['legal_aid', 'labor_inspection', 'arbitration']) {
      const { rows } = await platform.pg.query(`SELECT year, version FROM "${schemaName(schema)}".clock_calendar_versions`);
      expect(rows).toEqual([{ year: '2027', version: 1 }]);
      const { rows: twice } = await platform.pg.query(`SELECT clock_id FROM "${schemaName(schema)}".clock_changes GROUP BY clock_id HAVING count(*) > 1`);
      expect(twice).toEqual([]);
    }

    // A clock started now counts with the official year from the start: nothing to recount, already not provisional.
    const later = ok(await call('legal-aid', 'POST', '/applications', clerk, claim(4, { employmentEndedOn: '2026-10-01' })), 201);
    expect(clock(later, 'worker.arbitration-limitation')).toMatchObject({ dueOn: '2027-10-08', provisional: false });
  });
});
