// The procedures the law sets beyond the lawsuit, on the real services, broker and database (issue 17):
// - a crew leader's (包工头) crew on a government-funded project: the inspection orders the general contractor to pay
//   first, the contractor does not pay by the deadline, the wage deposit is drawn, and the rest is transferred to the
//   public security bureau as the wage-refusal crime, which receives the victims' identities but not their telephones;
// - a work injury through the social insurance administration's determination (工伤认定) and capacity assessment, then
//   arbitration for the benefits, each period as a clock with its article.
import 'reflect-metadata';
import { schemaName } from '@yuanlian/database';
import { defaultCalendar, defaultClockRules, dueDate, localDate } from '@yuanlian/deadlines';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform, Reply } from './support/platform';

const ns = createNamespace('proc');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const lawyer = tokenFor('legal-aid', '360702', 'lawyer', 'supervisor');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const police = tokenFor('public-security', '360702', 'officer');
const otherPolice = tokenFor('public-security', '360703', 'officer');
const injuryDesk = tokenFor('work-injury', '360703', 'officer');
const arbitrator = tokenFor('arbitration', '360702', 'officer');
const analyst = tokenFor('command', '360702', 'analyst');

const contractor = { name: '赣州市恒达建设工程有限公司', creditCode: makeCreditCode('91360702MA35H0D01') };
const crew = {
  worker: { name: '刘冬生', idNumber: makeResidentId('360731', '19790316', 301), phone: '13907970301' },
  // The crew leader's own name as the one who hired them; the general contractor is named apart.
  employer: { name: '赣州市章贡区宏建劳务有限公司', creditCode: makeCreditCode('91360702MA35H0D02') },
  project: { name: '水西安置房二期', address: '章贡区水西镇' },
  generalContractor: contractor,
  hiredByForeman: true,
  governmentFunded: true,
  divisionCode: '360702', channel: 'workstation', matter: 'wage_arrears', industry: 'construction',
  amountOwedFen: 9_600_000, workersAffected: 12,
  summary: '包工头招用的12名钢筋工，2026年8月至11月工资共9.6万元未发，包工头称总包未结算',
};
const injured = {
  worker: { name: '曾小军', idNumber: makeResidentId('360731', '19920621', 302), phone: '13907970302' },
  // Registered in 南康区 (360703): the determination is made where the employer is (WIIR art. 17), not where the worker lives.
  employer: { name: '赣州市南康区瑞丰家具有限公司', creditCode: makeCreditCode('91360703MA35H0D03') },
  divisionCode: '360702', channel: 'window', matter: 'work_injury', industry: 'manufacturing',
  amountOwedFen: 4_500_000, workersAffected: 1, injuredOn: '2026-09-14',
  summary: '操作开料机时右手食指被割伤，单位未申请工伤认定',
};

describe('procedures beyond the lawsuit (issue 17)', () => {
  let platform: Platform;
  const call = (service: string, method: string, path: string, token: string, body?: unknown) => platform.call(service, method, path, token, body);
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const caseView = (id: string) => call('legal-aid', 'GET', `/applications/${id}`, clerk).then((r) => ok(r));
  const routing = async (id: string) => ok(await call('legal-aid', 'GET', `/applications/${id}/routing`, clerk)).suggestions as { agencyType: string; officeId: string; reason: string }[];
  const refer = async (caseId: string, body: Record<string, unknown>) => ok(await call('legal-aid', 'POST', `/applications/${caseId}/referrals`, clerk, body), 201);
  const arrives = (service: string, token: string, referralId: string) =>
    waitFor(`referral ${referralId} in ${service}`, async () => {
      const r = await call(service, 'GET', `/referrals/${referralId}`, token);
      return r.status === 200 ? r.body : undefined;
    });
  const senderSees = (caseId: string, referralId: string, what: string, check: (r: any) => boolean) =>
    waitFor(`legal aid to see ${what}`, async () => {
      const r = (await caseView(caseId)).referrals.find((x: { id: string }) => x.id === referralId);
      return r && check(r) ? r : undefined;
    });
  const step = async (service: string, token: string, referralId: string, body: Record<string, unknown>, status = 200) =>
    call(service, 'POST', `/referrals/${referralId}/progress`, token, body).then((r) => ok(r, status));
  const clock = (view: { clocks: any[] }, rule: string) => view.clocks.filter((c) => c.rule === rule).at(-1);
  const today = localDate(new Date());
  const due = (rule: string, start = today) => dueDate({ rule: defaultClockRules().get(rule), start }, defaultCalendar()).due;

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'arbitration', 'work-injury', 'public-security', 'command']);
  });
  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it("a crew leader's crew: the general contractor ordered to pay first, the wage deposit drawn, the rest transferred to the police", async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, crew), 201);
    expect(created).toMatchObject({ hiredByForeman: true, governmentFunded: true, generalContractor: contractor });
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/accept`, lawyer));

    // Routing names the construction remedies, with their articles, for the inspection where the work was done.
    const [first] = await routing(created.id);
    expect(first).toMatchObject({ agencyType: 'labor-inspection', officeId: 'labor-inspection:360702' });
    for (const article of ['第三十条', '第三十六条', '第三十二条', '第二十三条']) expect(first.reason).toContain(article);
    expect(first.reason).toContain(contractor.name);

    const toInspection = await refer(created.id, { toAgencyType: 'labor-inspection' });
    const received = await arrives('labor-inspection', inspector, toInspection.id);
    // The inspection is told of the general contractor, the crew leader and the public funds.
    expect(received.summary).toContain(`施工总承包单位：${contractor.name}`);
    expect(received.summary).toContain('包工头');
    ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/accept`, inspector, {}));
    await step('labor-inspection', inspector, toInspection.id, { step: 'investigation_opened' });

    // A transfer to the police before any order to pay is refused: "经政府有关部门责令支付仍不支付" comes first.
    const early = await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, { step: 'crime_transferred', amountFen: 9_600_000, documentNumber: '章人社监移〔2026〕7号' });
    expect(early.status).toBe(409);
    await step('labor-inspection', inspector, toInspection.id, { step: 'contractor_ordered_first', amountFen: 9_600_000, dueOn: today, documentNumber: '章人社监令〔2026〕31号' });
    // Within the deadline the deposit may not be drawn yet.
    const tooSoon = await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, {
      step: 'wage_deposit_drawn', amountFen: 6_000_000, paidOn: today, workersPaid: 12, documentNumber: '章人社保证金〔2026〕2号',
    });
    expect(tooSoon.status).toBe(409);
    expect(JSON.stringify(tooSoon.body)).toContain('尚未届满');

    // The deadline passes unmet. (A test cannot wait a day: the order's recorded deadline is set back one, as if set yesterday.)
    const inspection = schemaName('labor_inspection');
    await platform.pg.query(
      `UPDATE ${inspection}.referral_timeline SET data = jsonb_set(data, '{dueOn}', to_jsonb(($2::date - 1)::text)) WHERE referral_id = $1 AND type = 'step:contractor_ordered_first'`,
      [toInspection.id, today],
    );
    await step('labor-inspection', inspector, toInspection.id, { step: 'wage_deposit_drawn', amountFen: 6_000_000, paidOn: today, workersPaid: 12, documentNumber: '章人社保证金〔2026〕2号' });
    const transferred = await step('labor-inspection', inspector, toInspection.id, { step: 'crime_transferred', amountFen: 3_600_000, documentNumber: '章人社监移〔2026〕7号' });
    expect(transferred.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['step:wage_deposit_drawn', 'step:crime_transferred']));

    // Legal aid sees the transfer, and routing follows it to the police of the place of the offence.
    await senderSees(created.id, toInspection.id, 'the transfer to the police', (r) => r.lastStep === 'crime_transferred');
    const [next] = await routing(created.id);
    expect(next).toMatchObject({ agencyType: 'public-security', officeId: 'public-security:360702', reason: expect.stringContaining('第二百七十六条之一') });
    const toPolice = await refer(created.id, { toAgencyType: 'public-security' });
    // Minimum necessity: the victim's identity and the project, not the telephone (PIPL art. 6).
    expect(toPolice).toMatchObject({ purposeCode: 'statutory_referral', shared: ['idNumber', 'project'] });

    const atPolice = await arrives('public-security', police, toPolice.id);
    expect(atPolice.worker.name).toBe('刘冬生');
    expect(atPolice.worker.phone).toBeNull();
    expect(atPolice.worker.idNumber).toBeTruthy();
    expect(clock(atPolice, 'public-security.filing-review')).toMatchObject({ status: 'running', days: 3, dueOn: due('public-security.filing-review'), basis: expect.stringContaining('第八条') });
    // Another county's police do not see it.
    expect((await call('public-security', 'GET', `/referrals/${toPolice.id}`, otherPolice)).status).toBe(404);
    const filed = ok(await call('public-security', 'POST', `/referrals/${toPolice.id}/accept`, police, { note: '涉嫌拒不支付劳动报酬罪立案侦查' }));
    expect(filed.agencyCaseNumber).toMatch(/^章贡区公刑〔\d{4}〕\d+号$/);
    expect(clock(filed, 'public-security.filing-review').status).toBe('stopped');
    // Paid before prosecution: recorded with its facts (Criminal Law art. 276-1 para. 3).
    await step('public-security', police, toPolice.id, { step: 'wages_paid_before_prosecution', amountFen: 3_600_000, paidOn: today, workersPaid: 12 });
    await senderSees(created.id, toPolice.id, 'the police filing and the payment', (r) => r.status === 'accepted' && r.lastStep === 'wages_paid_before_prosecution');
  });

  it('a work injury: the determination where the employer is, then the assessment, then arbitration for the benefits', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, injured), 201);
    // The worker's year to apply for the determination runs from the accident (WIIR art. 17), marked as the worker's.
    expect(clock(created, 'worker.injury-application')).toMatchObject({ status: 'running', party: 'worker', dueOn: due('worker.injury-application', '2026-09-14') });
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/accept`, lawyer));

    const suggestions = await routing(created.id);
    expect(suggestions.map((s) => s.agencyType)).not.toContain('arbitration');
    expect(suggestions[0]).toMatchObject({ agencyType: 'work-injury', officeId: 'work-injury:360703', reason: expect.stringContaining('用人单位所在地南康区') });

    const toDesk = await refer(created.id, { toAgencyType: 'work-injury' });
    const afterReferral = await caseView(created.id);
    expect(clock(afterReferral, 'worker.injury-application').status).toBe('stopped');
    const received = await arrives('work-injury', injuryDesk, toDesk.id);
    expect(received.summary).toContain('事故伤害发生日：2026年9月14日');
    expect(clock(received, 'work-injury.acceptance')).toMatchObject({ status: 'running', days: 15, dueOn: due('work-injury.acceptance') });

    const accepted = ok(await call('work-injury', 'POST', `/referrals/${toDesk.id}/accept`, injuryDesk, {}));
    expect(accepted.agencyCaseNumber).toMatch(/^南康区工伤认字〔\d{4}〕\d+号$/);
    expect(clock(accepted, 'work-injury.determination')).toMatchObject({ status: 'running', days: 60, dueOn: due('work-injury.determination') });
    // The determination decides what the 60 days timed: the clock stops at the step, not at the end of the referral.
    const recognised = await step('work-injury', injuryDesk, toDesk.id, { step: 'injury_recognized', documentNumber: '南人社工认〔2026〕115号' });
    expect(clock(recognised, 'work-injury.determination').status).toBe('stopped');
    const applied = await step('work-injury', injuryDesk, toDesk.id, { step: 'assessment_applied' });
    expect(clock(applied, 'work-injury.assessment')).toMatchObject({ status: 'running', days: 60, extensionDays: 30, dueOn: due('work-injury.assessment') });
    await senderSees(created.id, toDesk.id, 'the assessment clock', (r) => r.clock?.rule === 'work-injury.assessment' && r.clock.status === 'running');
    const noGrade = await call('work-injury', 'POST', `/referrals/${toDesk.id}/progress`, injuryDesk, { step: 'disability_assessed', documentNumber: '赣劳鉴〔2026〕88号' });
    expect(noGrade.status).toBe(400);
    const assessed = await step('work-injury', injuryDesk, toDesk.id, { step: 'disability_assessed', grade: 9, documentNumber: '赣劳鉴〔2026〕88号' });
    expect(clock(assessed, 'work-injury.assessment').status).toBe('stopped');
    expect(assessed.timeline.at(-1)).toMatchObject({ type: 'step:disability_assessed', data: expect.objectContaining({ grade: 9 }) });

    await senderSees(created.id, toDesk.id, 'the assessment', (r) => r.lastStep === 'disability_assessed');
    const [next] = await routing(created.id);
    expect(next).toMatchObject({ agencyType: 'arbitration', reason: expect.stringContaining('第二条第五项') });
    const toArbitration = await refer(created.id, { toAgencyType: 'arbitration' });
    const atArbitration = await arrives('arbitration', arbitrator, toArbitration.id);
    expect(clock(atArbitration, 'arbitration.acceptance').status).toBe('running');
  });

  it("the committee's figures count the procedures: refusals and objections, determinations, transfers to the police, construction remedies", async () => {
    // A refusal, its objection, and the bureau ordering the center to decide again (Legal Aid Law arts. 43, 49).
    const other = ok(await call('legal-aid', 'POST', '/applications', clerk, { ...injured, worker: { ...injured.worker, idNumber: makeResidentId('360731', '19850101', 303), phone: '13907970303' }, injuredOn: undefined, matter: 'marriage_family', industry: 'services' }), 201);
    ok(await call('legal-aid', 'POST', `/applications/${other.id}/refuse`, lawyer, { ground: 'not_in_scope', note: '申请事项不属于法律援助范围' }));
    const [objection] = ok(await call('legal-aid', 'POST', `/applications/${other.id}/objections`, lawyer, { receivedOn: today, reason: '申请人认为属于援助范围' }), 201).objections;
    ok(await call('legal-aid', 'POST', `/applications/${other.id}/objections/${objection.id}/review`, lawyer, { decision: 'corrected', decidedOn: today, documentNumber: '章司法异〔2026〕2号' }));

    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const figures = await waitFor('the procedures in the figures', async () => {
      const r = ok(await call('command', 'GET', `/statistics?period=${quarter}`, analyst));
      const p = r.counties.find((c: { divisionCode: string }) => c.divisionCode === '360702').procedures;
      return p.objectionsCorrected === 1 && p.injuryDeterminations === 1 && p.crimeTransfers === 1 ? p : undefined;
    });
    expect(figures).toEqual({
      refused: 1, terminated: 0, objections: 1, objectionsCorrected: 1, injuryDeterminations: 1, injuriesRecognized: 1,
      crimeTransfers: 1, crimeTransferFen: 3_600_000, contractorOrders: 1, builderAdvances: 0, depositDraws: 1, constructionPaidFen: 6_000_000,
    });
    const res = await fetch(`${platform.services.command.url}/statistics/counties.csv?period=${quarter}`, { headers: { authorization: `Bearer ${analyst}` } });
    const csv = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('移送公安机关');
  });
});
