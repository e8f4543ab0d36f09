// Refusing and ending aid, and the applicant's objection, on the real legal-aid service and database (Legal Aid Law
// arts. 42, 43, 48, 49): a migrant worker's wage claim is not refused for means; materials asked for stop the 7-day
// clock; an objection starts the justice bureau's 5-day review; 责令改正 sends the case back to the decision.
import 'reflect-metadata';
import { schemaName } from '@yuanlian/database';
import { addDays, defaultCalendar, dueDate, localDate } from '@yuanlian/deadlines';
import type { Pause } from '@yuanlian/deadlines';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform } from './support/platform';

const ns = createNamespace('decide');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const lawyer = tokenFor('legal-aid', '360702', 'lawyer');
const director = tokenFor('legal-aid', '360702', 'supervisor');
const other = tokenFor('legal-aid', '360703', 'supervisor');

/** A calendar-day period's last day as the clocks compute it (a last day on a rest day moves to the next working day). */
const due = (days: number, start: string, pauses: Pause[] = []) => dueDate({ rule: { days, unit: 'calendar' }, start, pauses }, defaultCalendar()).due;

const application = (matter: string, n: number) => ({
  worker: { name: '钟水生', idNumber: makeResidentId('360721', '19870412', 200 + n), phone: `139079700${10 + n}` },
  employer: { name: '赣州市章江建设工程有限公司', creditCode: makeCreditCode('91360702MA35Q8K01') },
  divisionCode: '360702', channel: 'window', matter, industry: 'construction',
  amountOwedFen: 1_250_000, workersAffected: 1, summary: '三个月工资未发',
});

describe('refusal, termination and objection (Legal Aid Law arts. 42, 43, 48, 49)', () => {
  let platform: Platform;
  const post = (token: string, path: string, body?: unknown) => platform.call('legal-aid', 'POST', path, token, body);
  const get = (path: string) => platform.call('legal-aid', 'GET', path, director);
  const clock = (body: { clocks: { rule: string; status: string; dueOn: string }[] }, rule: string) =>
    body.clocks.filter((c) => c.rule === rule).at(-1);
  const create = async (matter: string, n: number) => {
    const r = await post(clerk, '/applications', application(matter, n));
    expect(r.status).toBe(201);
    return r.body as { id: string; clocks: { rule: string; status: string; dueOn: string }[] };
  };

  beforeAll(async () => {
    // The clock sweep every half second: the worker's periods run out on the case, not into supervision.
    platform = await Platform.start(ns, ['legal-aid'], { CLOCK_SWEEP_MS: '500' });
  });
  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('art. 42(3): a migrant worker\'s wage claim is not refused for means; a refusal on another ground is written with the remedy', async () => {
    const a = await create('wage_arrears', 1);
    const means = await post(lawyer, `/applications/${a.id}/refuse`, { ground: 'means_not_met', note: '家庭收入超过标准' });
    expect(means.status).toBe(400);
    expect(JSON.stringify(means.body)).toContain('第四十二条');
    expect((await post(clerk, `/applications/${a.id}/refuse`, { ground: 'not_in_scope', note: '不属于法律援助范围' })).status).toBe(403);
    const refused = await post(lawyer, `/applications/${a.id}/refuse`, { ground: 'not_in_scope', note: '申请事项不属于法律援助范围' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', statusLabel: '不予法律援助', decision: { ground: 'not_in_scope', note: '申请事项不属于法律援助范围' } });
    expect(refused.body.decision.remedy).toContain('五日内');
    expect(clock(refused.body, 'legal-aid.decision')!.status).toBe('stopped');
    // Nothing more is decided or referred on a refused case.
    expect((await post(lawyer, `/applications/${a.id}/accept`)).status).toBe(409);
    expect((await post(clerk, `/applications/${a.id}/referrals`, { toAgencyType: 'labor-inspection' })).status).toBe(409);
  });

  it('art. 43: a matter outside the exemption may be refused for means', async () => {
    const a = await create('marriage_family', 2);
    const r = await post(director, `/applications/${a.id}/refuse`, { ground: 'means_not_met', note: '家庭人均收入高于当地标准' });
    expect(r.status).toBe(200);
    expect(r.body.decision.groundLabel).toContain('第三十四条');
  });

  it('art. 42(3) exempts the migrant worker, not the matter: another worker\'s wage claim has its means checked', async () => {
    const r = await post(clerk, '/applications', { ...application('wage_arrears', 6), migrantWorker: false });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ migrantWorker: false, greenChannel: false, meansTestRequired: true });
    expect((await post(director, `/applications/${r.body.id}/refuse`, { ground: 'means_not_met', note: '家庭人均收入高于当地标准' })).status).toBe(200);
    // Not said: a migrant worker, as the platform's program is for them.
    expect((await create('wage_arrears', 7)) as unknown).toMatchObject({ migrantWorker: true, greenChannel: true, meansTestRequired: false });
  });

  it('art. 43: materials asked for at once stop the decision clock; the days waited do not count', async () => {
    const a = await create('wage_arrears', 3);
    const asked = await post(clerk, `/applications/${a.id}/materials/request`, { items: '劳动合同或工资条、考勤记录' });
    expect(asked.status).toBe(200);
    expect(asked.body.materialsRequested).toBe('劳动合同或工资条、考勤记录');
    expect(clock(asked.body, 'legal-aid.decision')!.status).toBe('paused');
    expect((await post(clerk, `/applications/${a.id}/materials/request`, { items: '再补充' })).status).toBe(409);
    // The application came in six days ago and the applicant took four days to bring what was asked.
    const today = localDate(new Date());
    const [sixDaysAgo, fourDaysAgo] = [addDays(today, -6), addDays(today, -4)];
    await platform.pg.query(
      `UPDATE "${schemaName('legal_aid')}".clocks SET started_on = $2, pauses = jsonb_build_array(jsonb_build_object('from', $3::text))
        WHERE subject_id = $1 AND rule_id = 'legal-aid.decision'`,
      [a.id, sixDaysAgo, fourDaysAgo],
    );
    const back = await post(clerk, `/applications/${a.id}/materials/received`);
    expect(back.status).toBe(200);
    expect(back.body.materialsRequested).toBeNull();
    const resumed = clock(back.body, 'legal-aid.decision')!;
    expect(resumed.status).toBe('running');
    expect(resumed.dueOn).toBe(due(7, sixDaysAgo, [{ from: fourDaysAgo, to: today }]));
    // Four days later than without the wait (before a rest day moves either).
    expect(resumed.dueOn > due(7, sixDaysAgo)!).toBe(true);
    expect((await post(clerk, `/applications/${a.id}/materials/received`)).status).toBe(409);
  });

  it('art. 49: an objection starts the 5-day review; 责令改正 sends a refusal back to the decision with a new clock', async () => {
    const a = await create('work_injury', 4);
    expect((await post(lawyer, `/applications/${a.id}/objections`, { receivedOn: localDate(new Date()), reason: '尚未决定' })).status).toBe(409);
    expect((await post(lawyer, `/applications/${a.id}/refuse`, { ground: 'other', note: '理由太短' })).status).toBe(400);
    expect((await post(lawyer, `/applications/${a.id}/refuse`, { ground: 'already_represented', note: '申请人已委托律师代理' })).status).toBe(200);
    const today = localDate(new Date());
    const tomorrow = addDays(today, 1);
    expect((await post(clerk, `/applications/${a.id}/objections`, { receivedOn: tomorrow, reason: '申请人称已解除委托' })).status).toBe(400);
    expect((await post(clerk, `/applications/${a.id}/objections`, { receivedOn: '2026-02-30', reason: '申请人称已解除委托' })).status).toBe(400);
    expect((await post(other, `/applications/${a.id}/objections`, { receivedOn: today, reason: '申请人称已解除委托' })).status).toBe(404);
    const objected = await post(clerk, `/applications/${a.id}/objections`, { receivedOn: today, reason: '申请人称已解除委托' });
    expect(objected.status).toBe(201);
    const [objection] = objected.body.objections;
    expect(objection).toMatchObject({ against: 'refused', status: 'pending', statusLabel: '审查中', receivedOn: today });
    const review = clock(objected.body, 'legal-aid.objection-review')!;
    expect(review).toMatchObject({ status: 'running', dueOn: due(5, today) });
    expect((await post(clerk, `/applications/${a.id}/objections`, { receivedOn: today, reason: '再次异议' })).status).toBe(409);
    const decision = { decision: 'corrected', decidedOn: today, documentNumber: '章司法援异〔2026〕3号' };
    expect((await post(lawyer, `/applications/${a.id}/objections/${objection.id}/review`, decision)).status).toBe(403);
    const corrected = await post(director, `/applications/${a.id}/objections/${objection.id}/review`, decision);
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'received', decision: null });
    expect(corrected.body.objections[0]).toMatchObject({ status: 'corrected', statusLabel: '责令法律援助机构改正', documentNumber: '章司法援异〔2026〕3号' });
    expect(clock(corrected.body, 'legal-aid.objection-review')!.status).toBe('stopped');
    expect(clock(corrected.body, 'legal-aid.decision')).toMatchObject({ status: 'running', dueOn: due(7, today) });
    expect((await post(director, `/applications/${a.id}/objections/${objection.id}/review`, decision)).status).toBe(409);
    // The center decides again, and grants.
    expect((await post(lawyer, `/applications/${a.id}/accept`)).body.status).toBe('accepted');
  });

  it('art. 48: the director ends aid on one of its grounds; an upheld objection leaves it ended', async () => {
    const a = await create('wage_arrears', 5);
    expect((await post(lawyer, `/applications/${a.id}/terminate`, { ground: 'own_counsel', note: '已自行委托' })).status).toBe(403);
    expect((await post(director, `/applications/${a.id}/terminate`, { ground: 'own_counsel', note: '已自行委托' })).status).toBe(409);
    expect((await post(lawyer, `/applications/${a.id}/accept`)).status).toBe(200);
    expect((await post(director, `/applications/${a.id}/terminate`, { ground: 'unknown', note: '已自行委托' })).status).toBe(400);
    const ended = await post(director, `/applications/${a.id}/terminate`, { ground: 'own_counsel', note: '受援人已自行委托律师代理' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'terminated', statusLabel: '已终止法律援助' });
    expect(ended.body.decision.groundLabel).toContain('第四十八条第六项');
    expect(clock(ended.body, 'legal-aid.assignment')!.status).toBe('stopped');
    const today = localDate(new Date());
    const objected = await post(clerk, `/applications/${a.id}/objections`, { receivedOn: today, reason: '委托已解除' });
    const upheld = await post(director, `/applications/${a.id}/objections/${objected.body.objections[0].id}/review`, { decision: 'upheld', decidedOn: today, documentNumber: '章司法援异〔2026〕4号' });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'terminated', objections: [{ status: 'upheld' }] });
    expect((await get(`/applications?status=terminated`)).body.items.map((x: { id: string }) => x.id)).toContain(a.id);
  });

  it('the roster (律师名册): the head keeps it; only an active name on it is assigned; each shows its open cases', async () => {
    const lawyer2 = tokenFor('legal-aid', '360702', 'lawyer');
    // Before a roster is kept, a name is assigned as typed.
    const first = (await post(clerk, '/applications', application('wage_arrears', 11))).body;
    await post(lawyer2, `/applications/${first.id}/accept`);
    expect((await post(director, `/applications/${first.id}/assign`, { lawyerName: '钟晓燕' })).status).toBe(200);

    expect((await post(lawyer2, '/lawyers', { name: '温丽华', kind: 'firm', firmName: '江西赣章律师事务所' })).status).toBe(403);
    expect((await post(director, '/lawyers', { name: '温丽华', kind: 'firm' })).status).toBe(400);
    expect((await post(director, '/lawyers', { name: 'Wen', kind: 'center' })).status).toBe(400);
    expect((await post(director, '/lawyers', { name: '温丽华', kind: 'firm', firmName: '江西赣章律师事务所', licenseNumber: '13607201210123456' })).status).toBe(201);
    expect((await post(director, '/lawyers', { name: '温丽华', kind: 'center' })).status).toBe(409);
    const zhong = (await post(director, '/lawyers', { name: '钟晓燕', kind: 'center' })).body;

    const second = (await post(clerk, '/applications', application('wage_arrears', 12))).body;
    await post(lawyer2, `/applications/${second.id}/accept`);
    const off = await post(director, `/applications/${second.id}/assign`, { lawyerName: '黄志勇' });
    expect(off.status).toBe(400);
    expect(JSON.stringify(off.body)).toContain('不在本中心律师名册');
    expect((await platform.call('legal-aid', 'PUT', `/lawyers/${zhong.id}`, director, { active: false })).status).toBe(200);
    expect((await post(director, `/applications/${second.id}/assign`, { lawyerName: '钟晓燕' })).status).toBe(400);
    expect((await post(director, `/applications/${second.id}/assign`, { lawyerName: '温丽华' })).status).toBe(200);

    const roster = (await platform.call('legal-aid', 'GET', '/lawyers', clerk)).body.items;
    expect(roster.map((l: { name: string; open: number; active: boolean }) => [l.name, l.open, l.active])).toEqual([['温丽华', 1, true], ['钟晓燕', 1, false]]);
    expect(roster[0]).toMatchObject({ kindLabel: '律师事务所律师', firmName: '江西赣章律师事务所', licenseNumber: '13607201210123456' });
    // Another center reads its own roster only.
    expect((await platform.call('legal-aid', 'GET', '/lawyers', tokenFor('legal-aid', '360703', 'clerk'))).body.items).toEqual([]);
  });

  it("LDMAL art. 27: the worker's year to apply for arbitration runs from the end of the employment; a referral interrupts it; running out is not the office's delay", async () => {
    const today = localDate(new Date());
    expect((await post(clerk, '/applications', { ...application('wage_arrears', 21), employmentEndedOn: addDays(today, 1) })).status).toBe(400);
    const a = (await post(clerk, '/applications', { ...application('wage_arrears', 22), employmentEndedOn: '2026-03-31' })).body;
    expect(a.employmentEndedOn).toBe('2026-03-31');
    const limitation = clock(a, 'worker.arbitration-limitation')!;
    expect(limitation).toMatchObject({ status: 'running', party: 'worker', dueOn: dueDate({ rule: { days: 12, unit: 'month' }, start: '2026-03-31' }, defaultCalendar()).due });
    expect((await post(clerk, `/applications/${a.id}/referrals`, { toAgencyType: 'labor-inspection' })).status).toBe(201);
    expect(clock((await get(`/applications/${a.id}`)).body, 'worker.arbitration-limitation')!.status).toBe('stopped');

    // Employment ended in January 2025: the year ran out before the worker came. Shown overdue on the case, not reported.
    const late = (await post(clerk, '/applications', { ...application('labor_contract', 23), employmentEndedOn: '2025-01-10' })).body;
    const overdue = clock(late, 'worker.arbitration-limitation')! as unknown as { id: string };
    const decision = clock(late, 'legal-aid.decision')! as unknown as { id: string };
    // The decision clock backdated past its due day: that one is the office's delay, and is reported.
    await platform.pg.query(`UPDATE "${schemaName('legal_aid')}".clocks SET started_on = '2026-01-05', due_on = '2026-01-12' WHERE id = $1`, [decision.id]);
    const reported = async (clockId: string) =>
      (await platform.pg.query(`SELECT 1 FROM "${schemaName('legal_aid')}".outbox WHERE type = 'clock.overdue' AND envelope LIKE $1`, [`%${clockId}%`])).rowCount;
    await waitFor('both clocks swept', async () =>
      (await platform.pg.query(`SELECT count(*)::int AS n FROM "${schemaName('legal_aid')}".clocks WHERE id = ANY($1) AND overdue_at IS NOT NULL`, [[overdue.id, decision.id]])).rows[0].n === 2);
    expect(await reported(decision.id)).toBe(1);
    expect(await reported(overdue.id)).toBe(0);
  });
});
