// The whole referral lifecycle across every agency, each service its own process on the real broker and
// database: one wage claim from legal aid through labor inspection, arbitration and court with every clock
// started and stopped at the right steps; a decline re-routed by its suggestion; a revocation; an overdue
// clock reaching the supervision list; an urgent preservation path; a union referral for a 25-worker claim.
import 'reflect-metadata';
import { schemaName } from '@yuanlian/database';
import { makeResidentId } from '@yuanlian/identity';
import { addDays, defaultCalendar, dueDate, localDate } from '@yuanlian/deadlines';
import { randomUUID } from 'node:crypto';
import { createNamespace, dropNamespace, enterNamespace, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { signedAs } from '@yuanlian/messaging';
import { Platform, Reply } from './support/platform';

const ns = createNamespace('life');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const lawyer = tokenFor('legal-aid', '360702', 'lawyer', 'supervisor');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const inspectionChief = tokenFor('labor-inspection', '360702', 'supervisor');
const arbitrator = tokenFor('arbitration', '360702', 'officer');
const judge = tokenFor('court', '360702', 'officer');
const unionOfficer = tokenFor('union', '360702', 'officer');
const cityCommittee = tokenFor('command', '360700', 'analyst');
const countyCommittee = tokenFor('command', '360702', 'analyst', 'supervisor');
const otherCommittee = tokenFor('command', '360703', 'analyst');

const claim = (over: Record<string, unknown> = {}) => ({
  worker: { name: '钟建华', idNumber: makeResidentId('360702', '19880512', 123), phone: '13907970001' },
  employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
  project: { name: '章江新区安置房二期' },
  divisionCode: '360702',
  channel: 'window',
  matter: 'wage_arrears',
  industry: 'construction',
  amountOwedFen: 4_860_000,
  workersAffected: 6,
  summary: '6名工人被拖欠4个月工资',
  ...over,
});

describe('the whole referral lifecycle', () => {
  let platform: Platform;
  const call = (service: string, method: string, path: string, token: string, body?: unknown) => platform.call(service, method, path, token, body);
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const caseView = (id: string) => call('legal-aid', 'GET', `/applications/${id}`, clerk).then((r) => ok(r));
  const referralOf = async (caseId: string, referralId: string) => (await caseView(caseId)).referrals.find((r: { id: string }) => r.id === referralId);
  /** Waits until legal aid's copy of a referral satisfies `check`. */
  const senderSees = (caseId: string, referralId: string, what: string, check: (r: any) => boolean) =>
    waitFor(`legal aid to see ${what}`, async () => {
      const r = await referralOf(caseId, referralId);
      return r && check(r) ? r : undefined;
    });
  const arrives = (service: string, token: string, referralId: string) =>
    waitFor(`referral ${referralId} in ${service}`, async () => {
      const r = await call(service, 'GET', `/referrals/${referralId}`, token);
      return r.status === 200 ? r.body : undefined;
    });
  const arrivesWith = (what: string, referralId: string, check: (r: any) => boolean) =>
    waitFor(what, async () => {
      const r = await call('labor-inspection', 'GET', `/referrals/${referralId}`, inspector);
      return r.status === 200 && check(r.body);
    });
  const refer = async (caseId: string, body: Record<string, unknown>) => ok(await call('legal-aid', 'POST', `/applications/${caseId}/referrals`, clerk, body), 201);
  const clock = (view: { clocks: any[] }, rule: string) => view.clocks.find((c) => c.rule === rule);

  beforeAll(async () => {
    platform = await Platform.start(ns, undefined, { CLOCK_SWEEP_MS: '300' });
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('takes one wage claim through legal aid, inspection, arbitration and court, with every clock', async () => {
    // Legal aid: the decision clock runs from intake, stops at the decision; the assignment clock then runs.
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim()), 201);
    expect(clock(created, 'legal-aid.decision')).toMatchObject({ status: 'running', unit: 'calendar', days: 7, basis: expect.stringContaining('第四十三条') });
    const granted = ok(await call('legal-aid', 'POST', `/applications/${created.id}/accept`, lawyer));
    expect(clock(granted, 'legal-aid.decision').status).toBe('stopped');
    expect(clock(granted, 'legal-aid.assignment').status).toBe('running');
    const assigned = ok(await call('legal-aid', 'POST', `/applications/${created.id}/assign`, lawyer, { lawyerName: '谢律师' }));
    expect(clock(assigned, 'legal-aid.assignment')).toMatchObject({ status: 'stopped', stopReason: 'assigned' });

    // Labor inspection: acceptance clock on receipt, paused while the referral is back for materials.
    const toInspection = await refer(created.id, { toAgencyType: 'labor-inspection' });
    const received = await arrives('labor-inspection', inspector, toInspection.id);
    expect(clock(received, 'labor-inspection.acceptance')).toMatchObject({ status: 'running', unit: 'working', days: 5 });
    const seen = await senderSees(created.id, toInspection.id, 'the acceptance clock', (r) => r.status === 'received' && r.clock?.rule === 'labor-inspection.acceptance');
    expect(seen.clock.dueOn).toBe(clock(received, 'labor-inspection.acceptance').dueOn);

    const returned = ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/return`, inspector, { reason: '请补充考勤记录和工资欠条' }));
    expect(clock(returned, 'labor-inspection.acceptance').status).toBe('paused');
    await senderSees(created.id, toInspection.id, 'the return', (r) => r.status === 'returned' && r.clock.status === 'paused' && r.statusNote.includes('考勤'));
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals/${toInspection.id}/resubmit`, clerk, { note: '已补充考勤表12页、欠条6份' }), 204);
    await waitFor('the referral back in the inbox with its clock running', async () => {
      const r = ok(await call('labor-inspection', 'GET', `/referrals/${toInspection.id}`, inspector));
      return r.status === 'received' && clock(r, 'labor-inspection.acceptance').status === 'running' && r.summary.includes('考勤表');
    });

    const accepted = ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/accept`, inspector, { note: '立案调查' }));
    expect(accepted.agencyCaseNumber).toMatch(/^章贡区劳监〔\d{4}〕\d+号$/);
    expect(clock(accepted, 'labor-inspection.acceptance').status).toBe('stopped');
    const investigation = clock(accepted, 'labor-inspection.investigation');
    expect(investigation).toMatchObject({ status: 'running', days: 60, unit: 'working' });
    await senderSees(created.id, toInspection.id, 'the investigation clock and case number', (r) =>
      r.status === 'accepted' && r.agencyCaseNumber === accepted.agencyCaseNumber && r.clock.rule === 'labor-inspection.investigation');

    // An approved extension (+30 working days at most) moves the due date, and the sender sees it.
    expect((await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extend`, inspector, { days: 30, reason: '案情复杂' })).status).toBe(403);
    // The inspector asks; the chief refuses the first request and approves the second (by extending).
    const ask = (days: number, reason: string) => call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extension-request`, inspector, { days, reason });
    expect((await ask(31, '案情复杂')).status).toBe(400);
    expect(ok(await ask(30, '案情复杂')).pendingExtensions).toEqual([expect.objectContaining({ rule: 'labor-inspection.investigation', days: 30, reason: '案情复杂' })]);
    expect((await ask(10, '再次申请')).status).toBe(409);
    expect((await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extension-refuse`, inspector, { reason: '不同意' })).status).toBe(403);
    const refused = ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extension-refuse`, inspectionChief, { reason: '请先完成现场检查' }));
    expect(refused.pendingExtensions).toEqual([]);
    expect(ok(await ask(30, '涉及分包链条，需调取多家单位账册')).pendingExtensions).toHaveLength(1);
    const extended = ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extend`, inspectionChief, { days: 30, reason: '涉及分包链条，经负责人批准延长' }));
    expect(clock(extended, 'labor-inspection.investigation').dueOn > investigation.dueOn).toBe(true);
    expect(extended.pendingExtensions).toEqual([]);
    expect(clock(extended, 'labor-inspection.investigation')).toMatchObject({ extensionDays: 30, extendedDays: 30 });
    expect((await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/clocks/labor-inspection.investigation/extend`, inspectionChief, { days: 1, reason: '再次延长' })).status).toBe(400);
    await senderSees(created.id, toInspection.id, 'the extended due date', (r) => r.clock.dueOn === clock(extended, 'labor-inspection.investigation').dueOn);

    // An order to pay is a fact with its amount, deadline and document number, after the investigation is opened.
    const order = { step: 'order_to_pay_issued', dueOn: addDays(localDate(new Date()), 15), amountFen: 4_860_000, documentNumber: '赣章人社监令〔2026〕12号' };
    expect(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, order)).toMatchObject({ status: 409, body: { message: '“下达限期支付指令”须在“立案调查”之后记录' } });
    ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, { step: 'investigation_opened' }));
    expect(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, { step: 'order_to_pay_issued' })).toMatchObject({
      status: 400, body: { fields: { amountFen: ['请填写限期支付金额'], dueOn: ['请填写支付期限'], documentNumber: ['请填写指令书文号'] } },
    });
    expect((await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, { ...order, dueOn: '2020-01-02' })).body.fields).toEqual({ dueOn: ['支付期限不能早于今天'] });
    ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, order));
    expect((await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/progress`, inspector, { step: 'judgment' })).status).toBe(400);
    const unpaid = ok(await call('labor-inspection', 'POST', `/referrals/${toInspection.id}/resolve`, inspector, { outcome: 'order_issued', amountRecoveredFen: 0, paymentConfirmed: false, note: '用人单位逾期未履行' }));
    expect(clock(unpaid, 'labor-inspection.investigation').status).toBe('stopped');
    await senderSees(created.id, toInspection.id, 'the unpaid order', (r) => r.status === 'resolved' && r.paymentConfirmed === false && r.lastStep === 'order_to_pay_issued');
    const followUp = await caseView(created.id);
    expect(followUp.followUp).toBe(true);
    expect((await call('legal-aid', 'POST', `/applications/${created.id}/close`, lawyer, { note: '结案' })).status).toBe(409);

    // Arbitration: acceptance, then the 45-day award clock; the party sues, so it is handed to court.
    const toArbitration = await refer(created.id, { toAgencyType: 'arbitration' });
    const inArbitration = await arrives('arbitration', arbitrator, toArbitration.id);
    expect(clock(inArbitration, 'arbitration.acceptance').status).toBe('running');
    const arbitrating = ok(await call('arbitration', 'POST', `/referrals/${toArbitration.id}/accept`, arbitrator, {}));
    expect(arbitrating.agencyCaseNumber).toMatch(/劳人仲案/);
    expect(clock(arbitrating, 'arbitration.award')).toMatchObject({ status: 'running', days: 45, unit: 'calendar' });
    // Mediation before the award (LDMAL art. 42); the award with its amount and number.
    expect((await call('arbitration', 'POST', `/referrals/${toArbitration.id}/progress`, arbitrator, { step: 'award_non_final', amountFen: 4_860_000, documentNumber: '赣章劳人仲裁字〔2026〕7号' })).status).toBe(409);
    for (const step of [{ step: 'mediation_started' }, { step: 'mediation_failed' }, { step: 'award_non_final', amountFen: 4_860_000, documentNumber: '赣章劳人仲裁字〔2026〕7号' }, { step: 'handed_to_court' }]) {
      ok(await call('arbitration', 'POST', `/referrals/${toArbitration.id}/progress`, arbitrator, step));
    }
    ok(await call('arbitration', 'POST', `/referrals/${toArbitration.id}/resolve`, arbitrator, { outcome: 'transferred', amountRecoveredFen: 0, paymentConfirmed: false }));
    await senderSees(created.id, toArbitration.id, 'the award handed to court', (r) => r.status === 'resolved' && r.lastStep === 'handed_to_court');
    // A non-final award: the worker's 15 days to sue (LDMAL art. 50) run on the legal aid case.
    const sue = (await caseView(created.id)).clocks.find((c: { rule: string }) => c.rule === 'worker.sue-after-award');
    expect(sue).toMatchObject({ status: 'running', party: 'worker', dueOn: dueDate({ rule: { days: 15, unit: 'calendar' }, start: localDate(new Date()) }, defaultCalendar()).due });

    // Court: filing clock, then judgment and enforcement; payment confirmed ends the follow-up.
    const toCourt = await refer(created.id, { toAgencyType: 'court' });
    const inCourt = await arrives('court', judge, toCourt.id);
    expect((await caseView(created.id)).clocks.find((c: { rule: string }) => c.rule === 'worker.sue-after-award').status).toBe('stopped');
    expect(clock(inCourt, 'court.filing')).toMatchObject({ status: 'running', days: 7, unit: 'calendar' });
    const filed = ok(await call('court', 'POST', `/referrals/${toCourt.id}/accept`, judge, { agencyCaseNumber: '（2026）赣0702民初1234号' }));
    expect(clock(filed, 'court.filing').status).toBe('stopped');
    // The trial period runs from filing: three months under the simplified procedure (Civil Procedure Law art. 164).
    expect(clock(filed, 'court.trial')).toMatchObject({
      status: 'running', days: 3, unit: 'month', basis: expect.stringContaining('第一百六十四条'),
      dueOn: dueDate({ rule: { days: 3, unit: 'month' }, start: localDate(new Date()) }, defaultCalendar()).due,
    });
    for (const step of [{ step: 'filed' }, { step: 'judgment', amountFen: 4_860_000, documentNumber: '（2026）赣0702民初1234号' }, { step: 'enforcement' }]) {
      ok(await call('court', 'POST', `/referrals/${toCourt.id}/progress`, judge, step));
    }
    ok(await call('court', 'POST', `/referrals/${toCourt.id}/resolve`, judge, { outcome: 'paid_in_full', amountRecoveredFen: 4_860_000, paymentConfirmed: true }));
    await senderSees(created.id, toCourt.id, 'the payment', (r) => r.status === 'resolved' && r.paymentConfirmed === true && r.agencyCaseNumber === '（2026）赣0702民初1234号');

    const full = await caseView(created.id);
    expect(full.followUp).toBe(false);
    // Paid and confirmed: the case moves on to closing, no agency is suggested again.
    expect(ok(await call('legal-aid', 'GET', `/applications/${created.id}/routing`, clerk))).toEqual({ suggestions: [], settled: true });
    // Every step keeps its own time, not the acceptance's.
    const courtSteps = full.referrals[2].timeline.filter((e: { type: string }) => e.type === 'progressed').map((e: { at: string }) => e.at);
    expect(new Set(courtSteps).size).toBe(3);
    expect(full.referrals[2].timeline.map((e: { label: string }) => e.label)).toEqual(['移送', '已接收', '已受理', '立案', '作出判决', '强制执行', '办结']);
    expect(full.referrals.map((r: { toAgencyType: string; status: string }) => [r.toAgencyType, r.status])).toEqual([
      ['labor-inspection', 'resolved'], ['arbitration', 'resolved'], ['court', 'resolved'],
    ]);
    expect(full.referrals[0]).toMatchObject({ purposeCode: 'statutory_referral', shared: ['idNumber', 'phone', 'project'], legalBasis: expect.stringContaining('第十三条') });
    const inspectionTimeline = full.referrals[0].timeline.map((e: { type: string }) => e.type);
    expect(inspectionTimeline).toEqual(['requested', 'received', 'returned', 'resubmitted', 'accepted', 'clock-updated', 'progressed', 'progressed', 'resolved']);
    // The receiving office's own timeline has the request, the refusal, the second request and the approval.
    const own = ok(await call('labor-inspection', 'GET', `/referrals/${toInspection.id}`, inspector)).timeline.map((e: { label: string }) => e.label);
    expect(own.filter((l: string) => l.includes('延长'))).toEqual(['申请延长办理期限', '延长申请未获批准', '申请延长办理期限', '延长办理期限']);
    const closed = ok(await call('legal-aid', 'POST', `/applications/${full.id}/close`, lawyer, { note: '法院强制执行到位，工资已全额支付' }));
    expect(closed.status).toBe('closed');
  });

  it('re-routes a declined referral by its suggestion, and revokes one', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim({ matter: 'labor_contract', industry: 'manufacturing' })), 201);
    expect(created).toMatchObject({ greenChannel: false, meansTestRequired: true });
    const first = await refer(created.id, { toAgencyType: 'labor-inspection' });
    await arrives('labor-inspection', inspector, first.id);
    const declined = ok(await call('labor-inspection', 'POST', `/referrals/${first.id}/decline`, inspector, {
      reasonCode: 'in_arbitration_or_court', reason: '劳动合同争议应申请劳动仲裁', suggestedAgencyId: 'arbitration:360702',
    }));
    expect(declined.clocks.every((c: { status: string }) => c.status === 'stopped')).toBe(true);
    await senderSees(created.id, first.id, 'the decline', (r) => r.status === 'declined');
    // The routing suggestion puts the decline's suggestion first; the clerk confirms it.
    const { suggestions } = ok(await call('legal-aid', 'GET', `/applications/${created.id}/routing`, clerk));
    expect(suggestions[0]).toMatchObject({ agencyType: 'arbitration', officeId: 'arbitration:360702', officeName: '章贡区劳动人事争议仲裁院', reason: expect.stringContaining('不予受理') });
    const rerouted = await refer(created.id, { toAgencyType: suggestions[0].agencyType, toAgencyId: suggestions[0].officeId });
    expect(rerouted.toAgencyId).toBe('arbitration:360702');
    expect((await call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: 'court', toAgencyId: 'court:440300' })).status).toBe(400);
    await arrives('arbitration', arbitrator, rerouted.id);

    const toUnion = await refer(created.id, { toAgencyType: 'union' });
    await arrives('union', unionOfficer, toUnion.id);
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals/${toUnion.id}/revoke`, clerk, { reason: '劳动者已与单位和解' }), 204);
    await waitFor('the union inbox to show the revocation', async () => {
      const r = ok(await call('union', 'GET', `/referrals/${toUnion.id}`, unionOfficer));
      return r.status === 'revoked' && r.clocks.every((c: { status: string }) => c.status === 'stopped');
    });
    expect((await call('union', 'POST', `/referrals/${toUnion.id}/accept`, unionOfficer, {})).status).toBe(409);
    expect(await referralOf(created.id, toUnion.id)).toMatchObject({ status: 'revoked', clock: { status: 'stopped' } });
  });

  it('lets an office’s acceptance win over a revocation that crossed it', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim()), 201);
    const toUnion = await refer(created.id, { toAgencyType: 'union' });
    await arrives('union', unionOfficer, toUnion.id);
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals/${toUnion.id}/revoke`, clerk, { reason: '已和解' }), 204);
    // The office's acceptance, sent before our revocation reached it, arrives after it.
    const producer = testKafka().producer();
    await producer.connect();
    const at = new Date().toISOString();
    const late = {
      eventId: randomUUID(), type: 'referral.accepted', version: 1, occurredAt: at, source: 'union', caseId: created.id,
      payload: { referralId: toUnion.id, caseId: created.id, toAgencyId: 'union:360702', fromAgencyType: 'legal-aid', at, acceptedBy: 'union-officer', agencyCaseNumber: '章贡区工援〔2026〕9号' },
    };
    await producer.send({ topic: `${ns.topicPrefix}referral-updates.legal-aid`, messages: [signedAs(late, 'referral-updates.legal-aid', toUnion.id)] });
    await producer.disconnect();
    const r = await senderSees(created.id, toUnion.id, 'the acceptance winning', (x) => x.status === 'accepted');
    expect(r.agencyCaseNumber).toBe('章贡区工援〔2026〕9号');
    expect(r.timeline.map((e: { type: string }) => e.type)).toContain('revoke-refused');
  });

  /** Moves a referral's running deadline at the inspection into the past. */
  const dueDaysAgo = async (referralId: string, days: number) => {
    const li = schemaName('labor_inspection');
    await platform.pg.query(`UPDATE "${li}".clocks SET due_on = current_date - $2::int WHERE subject_id = $1 AND status = 'running'`, [referralId, days]);
    await platform.pg.query(`UPDATE "${li}".referral_inbox SET next_due_on = current_date - $2::int WHERE id = $1`, [referralId, days]);
  };

  it('sends an overdue clock to the supervision list of the city and the county only', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim()), 201);
    const referral = await refer(created.id, { toAgencyType: 'labor-inspection' });
    await arrives('labor-inspection', inspector, referral.id);
    // Time passes: the acceptance period ran out yesterday (only the dates move, the clock's and the inbox row's copy
    // of it; the sweeper and events are real).
    await dueDaysAgo(referral.id, 2);
    const item = await waitFor('the overdue clock on the city supervision list', async () => {
      const list = ok(await call('command', 'GET', '/supervision', cityCommittee));
      return list.items.find((i: { subjectId: string }) => i.subjectId === referral.id);
    });
    expect(item).toMatchObject({ rule: 'labor-inspection.acceptance', officeId: 'labor-inspection:360702', divisionName: '章贡区', agencyTypeLabel: '劳动保障监察' });
    const county = ok(await call('command', 'GET', '/supervision', countyCommittee));
    expect(county.items.map((i: { clockId: string }) => i.clockId)).toContain(item.clockId);
    const other = ok(await call('command', 'GET', '/supervision', otherCommittee));
    expect(other.items.map((i: { clockId: string }) => i.clockId)).not.toContain(item.clockId);
    const supervised = ok(await call('command', 'POST', `/supervision/${item.clockId}/supervise`, countyCommittee, { note: '请于3个工作日内受理并报告' }));
    expect(supervised).toMatchObject({ supervisedBy: expect.any(String), supervisionNote: '请于3个工作日内受理并报告' });
    // The list as the committee exports it: its own county's items only, in Chinese, with the supervision note.
    const download = async (token: string, format: string) => fetch(`${platform.services.command.url}/supervision/export.${format}`, { headers: { authorization: `Bearer ${token}` } });
    // Read as bytes: fetch's text() drops the BOM that Excel needs to read the file as UTF-8.
    const csv = Buffer.from(await (await download(countyCommittee, 'csv')).arrayBuffer()).toString('utf8');
    expect(csv.startsWith('\ufeff"县（市、区）","承办机构","期限"')).toBe(true);
    expect(csv).toContain('"章贡区","劳动保障监察"');
    expect(csv).toContain('"请于3个工作日内受理并报告"');
    expect(await (await download(otherCommittee, 'csv')).text()).not.toContain('请于3个工作日内受理并报告');
    const xlsx = await download(countyCommittee, 'xlsx');
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect((await download(countyCommittee, 'pdf')).status).toBe(404);
    const inbox = ok(await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector));
    expect(clock(inbox, 'labor-inspection.acceptance').overdue).toBe(true);
    // The office's supervisor sees it on the overdue list, and only the overdue ones.
    const overdue = ok(await call('labor-inspection', 'GET', '/referrals?overdue=true', inspectionChief));
    expect(overdue.items.map((r: { id: string }) => r.id)).toEqual([referral.id]);

    // Back for materials and resubmitted, the clock runs again; when it runs out anew it is reported anew.
    ok(await call('labor-inspection', 'POST', `/referrals/${referral.id}/return`, inspector, { reason: '请补充工资欠条' }));
    const listed = async () => ok(await call('labor-inspection', 'GET', '/referrals?limit=200', inspector)).items.find((r: { id: string }) => r.id === referral.id);
    // Waiting for the sender, no deadline runs: the inbox shows none.
    expect(await listed()).toMatchObject({ status: 'returned', dueOn: null, daysLeft: null, overdue: false });
    await senderSees(created.id, referral.id, 'the return', (r) => r.status === 'returned');
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals/${referral.id}/resubmit`, clerk, { note: '已补充欠条' }), 204);
    await arrivesWith('the resubmission', referral.id, (r) => r.status === 'received');
    // Running again: the list shows the running clock's deadline.
    const resumed = clock(ok(await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)), 'labor-inspection.acceptance');
    expect(await listed()).toMatchObject({ dueOn: resumed.dueOn, overdue: resumed.dueOn < new Date().toISOString().slice(0, 10) });
    await dueDaysAgo(referral.id, 1);
    await waitFor('a second overdue report', async () => {
      const { rows } = await platform.pg.query(
        `SELECT count(*)::int AS n FROM "${schemaName('labor_inspection')}".outbox WHERE type = 'clock.overdue' AND (envelope::jsonb -> 'payload' ->> 'subjectId') = $1`,
        [referral.id],
      );
      return rows[0].n === 2;
    });
    await waitFor('the supervision item to show the new due date', async () => {
      const list = ok(await call('command', 'GET', '/supervision', cityCommittee));
      const again = list.items.find((i: { clockId: string }) => i.clockId === item.clockId);
      return again.dueOn !== item.dueOn && again.supervisionNote === '请于3个工作日内受理并报告';
    });
  });

  it('accepts an urgent preservation case first and sends it straight to court', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim({ urgent: true, urgentKind: 'preservation', urgentReason: '用人单位正在转移财产' })), 201);
    expect(created).toMatchObject({ status: 'accepted', acceptFirst: true, priority: true, urgentKindLabel: '需立即申请财产或证据保全' });
    const { suggestions } = ok(await call('legal-aid', 'GET', `/applications/${created.id}/routing`, clerk));
    expect(suggestions[0]).toMatchObject({ agencyType: 'court', officeId: 'court:360702', officeName: '章贡区人民法院' });
    expect(clock(created, 'legal-aid.paperwork').status).toBe('running');
    expect(clock(created, 'legal-aid.decision')).toBeUndefined();
    const referral = await refer(created.id, { toAgencyType: 'court', note: '紧急：申请诉前财产保全' });
    const inCourt = await arrives('court', judge, referral.id);
    expect(inCourt.priority).toBe(true);
    // Priority cases come first in the inbox.
    const list = ok(await call('court', 'GET', '/referrals', judge));
    expect(list.items[0].priority).toBe(true);
    ok(await call('court', 'POST', `/referrals/${referral.id}/accept`, judge, {}));
    ok(await call('court', 'POST', `/referrals/${referral.id}/progress`, judge, { step: 'preservation_ordered', note: '冻结账户存款', documentNumber: '（2026）赣0702财保15号' }));
    await senderSees(created.id, referral.id, 'the preservation order', (r) => r.lastStep === 'preservation_ordered');
    const done = ok(await call('legal-aid', 'POST', `/applications/${created.id}/paperwork`, clerk));
    expect(clock(done, 'legal-aid.paperwork').status).toBe('stopped');
  });

  it('keeps one agency directory, changed by administrators and seen by every service', async () => {
    const admin = tokenFor('command', '360700', 'admin');
    const list = ok(await call('command', 'GET', '/directory/offices?agencyType=legal-aid', clerk));
    expect(list.items).toHaveLength(21);
    const office = list.items.find((o: { officeId: string }) => o.officeId === 'legal-aid:360722');
    expect(office).toMatchObject({ name: '信丰县法律援助中心', demonstration: 'site' });
    const { officeId: _, updatedAt: __, agencyType: ___, divisionCode: ____, ...fields } = ok(await call('command', 'GET', '/directory/offices?divisionCode=3607RJ&agencyType=labor-inspection', clerk)).items[0];
    expect((await call('command', 'PUT', '/directory/offices/labor-inspection:3607RJ', clerk, { ...fields, active: false })).status).toBe(403);
    expect((await call('command', 'PUT', '/directory/offices/labor-inspection:3607RJ', admin, { ...fields, capacityPerMonth: -1 })).status).toBe(400);
    ok(await call('command', 'PUT', '/directory/offices/labor-inspection:3607RJ', admin, { ...fields, active: false }));
    // A case in 蓉江新区 now routes to the labor inspection of its parent county.
    const rongjiang = tokenFor('legal-aid', '3607RJ', 'clerk');
    const created = ok(await call('legal-aid', 'POST', '/applications', rongjiang, claim({ divisionCode: '3607RJ' })), 201);
    await waitFor('legal aid’s directory copy to take the change', async () => {
      const { suggestions } = ok(await call('legal-aid', 'GET', `/applications/${created.id}/routing`, rongjiang));
      return suggestions[0]?.officeId === 'labor-inspection:360703';
    });
  });

  it('transfers a case to the worker’s home county and out to another city, and takes one in', async () => {
    const ruijin = tokenFor('legal-aid', '360781', 'clerk');
    const consent = { given: true, method: 'written', at: new Date().toISOString() };
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim()), 201);
    const referral = await refer(created.id, { toAgencyType: 'labor-inspection' });
    expect((await call('legal-aid', 'POST', `/applications/${created.id}/transfer`, clerk, { toCenter: 'legal-aid:360781', reason: '劳动者返乡' })).status).toBe(400);
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/transfer`, clerk, { toCenter: 'legal-aid:360781', reason: '劳动者返回瑞金，就近办理', consent }), 204);
    // Ownership moved: the old center no longer has the case, the new one has its whole history.
    expect((await call('legal-aid', 'GET', `/applications/${created.id}`, clerk)).status).toBe(404);
    const moved = ok(await call('legal-aid', 'GET', `/applications/${created.id}`, ruijin));
    expect(moved).toMatchObject({ agencyId: 'legal-aid:360781', status: 'received' });
    expect(moved.referrals.map((r: { id: string }) => r.id)).toEqual([referral.id]);
    expect(moved.transfers[0]).toMatchObject({ direction: 'within', fromCenter: 'legal-aid:360702', toCenterName: '瑞金市法律援助中心', consentMethodLabel: '书面同意' });
    expect(clock(moved, 'legal-aid.decision').status).toBe('running');

    // Out to another city only once no referral is open.
    const out = { toCenter: 'legal-aid:440305', toCenterName: '深圳市南山区法律援助处', reason: '劳动者在深圳务工，由务工地办理', consent };
    expect((await call('legal-aid', 'POST', `/applications/${created.id}/transfer`, ruijin, out)).status).toBe(409);
    await arrives('labor-inspection', inspector, referral.id);
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals/${referral.id}/revoke`, ruijin, { reason: '案件移交外市' }), 204);
    ok(await call('legal-aid', 'POST', `/applications/${created.id}/transfer`, ruijin, out), 204);
    const gone = ok(await call('legal-aid', 'GET', `/applications/${created.id}`, ruijin));
    expect(gone).toMatchObject({ status: 'transferred_out', statusLabel: '已移交外市' });
    expect(gone.clocks.every((c: { status: string }) => c.status === 'stopped')).toBe(true);
    expect((await call('legal-aid', 'POST', `/applications/${created.id}/referrals`, ruijin, { toAgencyType: 'court' })).status).toBe(409);

    // In from another city: the case joins the receiving center's intake queue.
    const inbound = ok(await call('legal-aid', 'POST', '/transfers/inbound', ruijin, {
      fromCenter: 'legal-aid:441302', fromCenterName: '惠州市惠城区法律援助中心', fromCaseNumber: '惠城法援〔2026〕88号',
      reason: '劳动者户籍在瑞金，申请回原籍办理', consent, application: claim({ divisionCode: '360781' }),
    }), 201);
    expect(inbound.transfers[0]).toMatchObject({ direction: 'inbound', fromCenterName: '惠州市惠城区法律援助中心' });
    const queue = ok(await call('legal-aid', 'GET', '/applications?status=received', ruijin));
    expect(queue.items.map((a: { id: string }) => a.id)).toContain(inbound.id);
  });

  it('refers a 25-worker claim to the union for collective consultation', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, claim({ workersAffected: 25, amountOwedFen: 31_250_000 })), 201);
    const { suggestions } = ok(await call('legal-aid', 'GET', `/applications/${created.id}/routing`, clerk));
    expect(suggestions.map((x: { agencyType: string }) => x.agencyType)).toEqual(['labor-inspection', 'union']);
    // Minimum necessity: the union is no statutory receiver; identity and phone only with the worker's consent.
    const refused = await call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: 'union', share: ['idNumber'] });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.workerConsent[0]).toContain('单独同意');
    const referral = await refer(created.id, { toAgencyType: 'union' });
    expect(referral).toMatchObject({ shared: ['project'], purposeCode: 'statutory_referral' });
    const inUnion = await arrives('union', unionOfficer, referral.id);
    expect(inUnion).toMatchObject({ workersAffected: 25, amountOwedFen: 31_250_000, shared: ['project'], worker: { name: '钟建华', idNumber: null, phone: null } });
    const { rows } = await platform.pg.query(`SELECT worker_id_number_sealed, worker_phone_sealed FROM "${schemaName('union')}".referral_inbox WHERE id = $1`, [referral.id]);
    expect(rows[0]).toEqual({ worker_id_number_sealed: null, worker_phone_sealed: null });
    expect(clock(inUnion, 'union.response').status).toBe('running');
    ok(await call('union', 'POST', `/referrals/${referral.id}/accept`, unionOfficer, {}));
    ok(await call('union', 'POST', `/referrals/${referral.id}/progress`, unionOfficer, { step: 'collective_consultation', note: '组织劳资双方集体协商' }));
    await senderSees(created.id, referral.id, 'the consultation', (r) => r.status === 'accepted' && r.lastStep === 'collective_consultation');
  });
});
