// Early warning end to end: signals from legal aid, the inspection and outside feeds reach early warning as
// separate processes over the real broker and database; alerts are raised, updated, acknowledged by each desk,
// escalated when left unacknowledged, assigned by the committee and resolved when the workers are paid.
import 'reflect-metadata';
import { ApplicationReceivedV1, GANZHOU_CITY_CODE, Topics } from '@yuanlian/contracts';
import type { AlertV1 } from '@yuanlian/contracts';
import { schemaName } from '@yuanlian/database';
import { makeCreditCode } from '@yuanlian/identity';
import { AlertCollector, ScenarioPublisher } from '@yuanlian/scenario';
import type { ScenarioEvent } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, readTopic, readTopicUntil, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Platform } from './support/platform';

const ns = createNamespace('ew');
enterNamespace(ns);

const EW = 'early-warning';
const feedToken = tokenFor('early-warning', GANZHOU_CITY_CODE, 'feed');
const ewAdmin = tokenFor('early-warning', GANZHOU_CITY_CODE, 'admin');
const committee = tokenFor('command', '360702', 'analyst');
const committeeLead = tokenFor('command', '360702', 'supervisor');
const cityCommittee = tokenFor('command', GANZHOU_CITY_CODE, 'analyst');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const otherInspector = tokenFor('labor-inspection', '360703', 'inspector');
const unionOfficer = tokenFor('union', '360702', 'officer');
const otherUnion = tokenFor('union', '360703', 'officer');
const clerk = tokenFor('legal-aid', '360702', 'clerk');

let serial = 0;
const employer = (area: string, name: string) => ({ creditCode: makeCreditCode(`91${area}MA${String(++serial).padStart(7, '0')}`), name });
const worker = () => `wk_${randomBytes(16).toString('hex')}`;

/** A worker's wage claim as legal aid publishes it (pseudonymous). */
function claim(e: { creditCode: string; name: string }, area: string, day: string, industry: ApplicationReceivedV1['industry'] = 'manufacturing'): ScenarioEvent {
  return {
    day, type: 'application',
    payload: {
      applicationId: randomUUID(), agencyId: `legal-aid:${area}`, divisionCode: area, channel: 'window', matter: 'wage_arrears', industry,
      workerKey: worker(), employerCreditCode: e.creditCode, employerName: e.name, amountOwedFen: 800_000, workersAffected: 1,
      greenChannel: true, priority: true, acceptFirst: false, receivedAt: `${day}T09:30:00+08:00`,
    },
  };
}

describe('early warning of group wage disputes', () => {
  let platform: Platform;
  let collector: AlertCollector;
  let publisher: ScenarioPublisher;
  const kafka = testKafka();
  const ew = schemaName('early_warning');

  const call = (service: string, method: string, path: string, token?: string, body?: unknown) => platform.call(service, method, path, token, body);
  const messagesOf = (subjectKey: string) => collector.received.map((r) => r.alert).filter((a) => a.subject.key === subjectKey);
  const alertMessage = (what: string, subjectKey: string, test: (a: AlertV1) => boolean) =>
    waitFor(what, () => messagesOf(subjectKey).find(test), 30_000);

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'union', EW, 'command'], { EW_ESCALATION_SWEEP_MS: '300' });
    collector = new AlertCollector(kafka, ns.topicPrefix);
    await collector.start();
    publisher = new ScenarioPublisher({ kafka, topicPrefix: ns.topicPrefix, earlyWarningUrl: platform.services[EW].url, feedToken });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await collector?.stop();
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('refuses a malformed outside-feed record with a clear error per field, and takes nothing', async () => {
    const good = {
      recordId: 'WM-1', divisionCode: '360702', employerCreditCode: employer('360702', 'x').creditCode, employerName: '赣州某劳务有限公司',
      project: { code: 'PRJ-1', name: '章江新区安置房三期', governmentFunded: true }, indicator: 'missed_transfer', monthsMissed: 1, observedOn: '2026-11-20',
    };
    const bad = { ...good, recordId: 'WM-2', project: { name: '某项目', governmentFunded: 'yes' }, monthsMissed: undefined, observedOn: '2026-02-30', extra: 1 };
    const res = await call(EW, 'POST', '/feeds/wage-monitoring', feedToken, { records: [good, bad] });
    expect(res.status).toBe(400);
    expect(res.body.fields['records.1.monthsMissed'][0]).toContain('monthsMissed');
    expect(res.body.fields['records.1.observedOn']).toEqual(['observedOn 不是有效的日期']);
    expect(res.body.fields['records.1.project.code']).toBeDefined();
    expect(res.body.fields['records.1.project.governmentFunded']).toBeDefined();
    expect(res.body.fields['records.1.extra']).toBeDefined();
    expect(Object.keys(res.body.fields).some((f) => f.startsWith('records.0'))).toBe(false);

    const checkDigit = await call(EW, 'POST', '/feeds/wage-monitoring', feedToken, { records: [{ ...good, employerCreditCode: good.employerCreditCode.slice(0, 17) + (good.employerCreditCode[17] === '0' ? '1' : '0') }] });
    expect(checkDigit.status).toBe(400);
    expect(checkDigit.body.fields['records.0.employerCreditCode']).toEqual(['统一社会信用代码校验码错误']);
    expect((await call(EW, 'POST', '/feeds/hotline', feedToken, { records: [] })).body.fields.records).toEqual(['records 至少包含一条记录']);
    expect((await call(EW, 'POST', '/feeds/hotline', undefined, { records: [good] })).status).toBe(401);
    expect((await call(EW, 'POST', '/feeds/hotline', clerk, { records: [good] })).status).toBe(403);

    const stored = await platform.pg.query(`SELECT (SELECT count(*) FROM "${ew}".feed_records) + (SELECT count(*) FROM "${ew}".outbox) AS n`);
    expect(Number(stored.rows[0].n)).toBe(0);

    const taken = await call(EW, 'POST', '/feeds/wage-monitoring', feedToken, { records: [good] });
    expect(taken).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0 } });
    expect((await call(EW, 'POST', '/feeds/wage-monitoring', feedToken, { records: [good] })).body).toEqual({ accepted: 0, duplicates: 1 });
  });

  describe('one employer, many workers', () => {
    const e = employer('360702', '赣州恒达电子科技有限公司');
    const key = `employer:${e.creditCode}`;
    let alertId: string;

    it('raises one alert and updates it as evidence grows, never a second one', async () => {
      await publisher.publish(Array.from({ length: 5 }, () => claim(e, '360702', '2026-10-12')));
      const yellow = await alertMessage('the alert with all five workers', key, (a) => a.explanation.figures.workers === 5);
      alertId = yellow.alertId;
      const raised = messagesOf(key)[0];
      // Raised at blue by the second complaint within 14 days, then updated.
      expect(raised).toMatchObject({ alertId, msgType: 'Alert', sequence: 1, status: 'live', level: 'blue', severity: 'Minor', raisedOn: '2026-10-12' });
      expect(raised.explanation.rules).toEqual([expect.objectContaining({ rule: 'complaints', level: 'blue', value: 2, threshold: 2 })]);
      expect(yellow).toMatchObject({ msgType: 'Update', level: 'yellow', severity: 'Moderate' });
      expect(yellow.explanation.rules).toContainEqual(expect.objectContaining({ rule: 'workers', level: 'yellow', value: 5, threshold: 5 }));

      await publisher.publish(Array.from({ length: 6 }, () => claim(e, '360702', '2026-10-14')));
      const orange = await alertMessage('the alert with all eleven workers', key, (a) => a.explanation.figures.workers === 11);
      expect(orange).toMatchObject({ alertId, msgType: 'Update', level: 'orange', severeSince: '2026-10-14', levelSince: '2026-10-14', peakLevel: 'orange' });
      expect(messagesOf(key).find((a) => a.level === 'orange')!.change).toContain('升级为橙色');
      expect(orange.explanation.figures).toMatchObject({ workers: 11, outstandingFen: 8_800_000 });
      expect(orange.explanation.rules.find((r) => r.rule === 'workers')).toMatchObject({ value: 11, threshold: 10, level: 'orange' });

      const messages = messagesOf(key);
      expect(new Set(messages.map((m) => m.alertId))).toEqual(new Set([alertId]));
      expect(messages.filter((m) => m.msgType === 'Alert')).toHaveLength(1);
      const rows = await platform.pg.query(`SELECT id, status FROM "${ew}".alerts WHERE subject_key = $1`, [key]);
      expect(rows.rows).toEqual([{ id: alertId, status: 'live' }]);
    });

    it('routes it to the county and city committees, the county inspection and union, and the legal aid center — only them', async () => {
      const alert = messagesOf(key).at(-1)!;
      expect([...alert.desks].sort()).toEqual(['command:360700', 'command:360702', 'labor-inspection:360702', 'legal-aid:360702', 'union:360702']);
      expect(JSON.stringify(alert)).not.toMatch(/wk_[0-9a-f]{32}/);
      let last: unknown;
      const seen = (service: string, token: string) => waitFor(`${service} to list it`, async () => {
        const res = await call(service, 'GET', '/alerts?status=live', token);
        last = res;
        return res.status === 200 && res.body.items.some((a: { alertId: string; level: string }) => a.alertId === alertId && a.level === 'orange') && res.body;
      }).catch((e) => {
        throw new Error(`${(e as Error).message}; last answer: ${JSON.stringify(last).slice(0, 600)}`);
      });
      await seen('union', unionOfficer);
      await seen('labor-inspection', inspector);
      await seen('legal-aid', clerk);
      const board = await seen('command', cityCommittee);
      expect(board.items.find((a: { alertId: string }) => a.alertId === alertId)).toMatchObject({ levelLabel: '橙色（严重）', divisionName: '章贡区', subjectKindLabel: '用人单位' });
      expect((await call('union', 'GET', '/alerts', otherUnion)).body.items.some((a: { alertId: string }) => a.alertId === alertId)).toBe(false);
      expect((await call('labor-inspection', 'GET', `/alerts/${alertId}`, otherInspector)).status).toBe(404);
      expect((await call('labor-inspection', 'GET', '/alerts?level=purple', inspector)).body.fields.level).toEqual(['预警等级无效']);
      const overview = await call('command', 'GET', '/overview', committee);
      expect(overview.body.counties.find((c: { divisionCode: string }) => c.divisionCode === '360702')).toMatchObject({
        // With the site flagged by the monitoring feed in the first test: a government-funded project's one missed
        // month, blue — on the transfer records alone a level lower (no worker, caller or payroll finding confirms
        // it), and not amplified, since no worker was seen and the transfers have not stopped (2 months).
        highestLevel: 'orange', liveAlerts: { blue: 1, yellow: 0, orange: 1, red: 0 }, unacknowledged: 2,
      });
      expect(overview.body.counties.map((c: { divisionCode: string }) => c.divisionCode)).toEqual(['360702', '3607JK']);
    });

    it('records each desk’s acknowledgement and escalates when a required desk lets the time pass', async () => {
      expect((await call('command', 'POST', `/alerts/${alertId}/acknowledge`, committee)).status).toBe(202);
      await alertMessage('the committee’s acknowledgement', key, (a) => a.acknowledgements.some((k) => k.officeId === 'command:360702'));
      // Three hours pass (orange gives the desks 120 minutes); the inspection has not acknowledged.
      await platform.pg.query(`UPDATE "${ew}".alerts SET level_changed_at = now() - interval '3 hours' WHERE id = $1`, [alertId]);
      const escalated = await alertMessage('the escalation', key, (a) => a.escalations === 1);
      expect(escalated.change).toMatch(/^章贡区劳动保障监察(大队)?未在 120 分钟内签收，已升级报市委政法委督办$/);
      expect(escalated.level).toBe('orange');
      await new Promise((r) => setTimeout(r, 1000));
      expect(messagesOf(key).filter((a) => a.escalations === 1 && a.change.includes('升级报')).length).toBe(1);

      expect((await call('labor-inspection', 'POST', `/alerts/${alertId}/acknowledge`, inspector)).status).toBe(202);
      const both = await alertMessage('the inspection’s acknowledgement', key, (a) => a.acknowledgements.some((k) => k.officeId === 'labor-inspection:360702'));
      expect(both.acknowledgements.map((k) => k.officeId).sort()).toEqual(['command:360702', 'labor-inspection:360702']);
      expect((await call('labor-inspection', 'POST', `/alerts/${alertId}/acknowledge`, otherInspector)).status).toBe(404);
    });

    it('is assigned by the committee to a handling agency and supervised', async () => {
      expect((await call('command', 'POST', `/alerts/${alertId}/assign`, committee, { assignedTo: 'labor-inspection:360702' })).status).toBe(403);
      const bad = await call('command', 'POST', `/alerts/${alertId}/assign`, committeeLead, { assignedTo: 'nobody' });
      expect(bad.body.fields.assignedTo).toEqual(['承办单位编号无效']);
      expect((await call('command', 'POST', `/alerts/${alertId}/assign`, committeeLead, { assignedTo: 'labor-inspection:360702', note: '三日内核查' })).status).toBe(202);
      const assigned = await alertMessage('the assignment', key, (a) => a.assignedTo === 'labor-inspection:360702');
      expect(assigned.change).toMatch(/^交办章贡区劳动保障监察(大队)?处置：三日内核查$/);
      const supervised = await call('command', 'POST', `/alerts/${alertId}/supervise`, committeeLead, { note: '请县监察大队每日报送进展' });
      expect(supervised.body.supervision).toEqual([expect.objectContaining({ note: '请县监察大队每日报送进展', officeId: 'command:360702' })]);
    });

    it('is closed by the committee with the reason', async () => {
      expect((await call('command', 'POST', `/alerts/${alertId}/close`, committeeLead, { status: 'closed', reason: '已化解' })).body.fields.status).toBeDefined();
      expect((await call('command', 'POST', `/alerts/${alertId}/close`, committeeLead, { status: 'cancelled', reason: '经核实为重复登记' })).status).toBe(202);
      const closed = await alertMessage('the alert cancelled', key, (a) => a.status === 'cancelled');
      expect(closed).toMatchObject({ alertId, msgType: 'Cancel', statusReason: '经核实为重复登记' });
      expect(await platform.pg.query(`SELECT status FROM "${ew}".alerts WHERE id = $1`, [alertId]).then((r) => r.rows[0].status)).toBe('cancelled');
    });
  });

  it('resolves a site’s alert when the inspection confirms the workers were paid', async () => {
    const project = `蓉江新区安置房${randomBytes(2).toString('hex')}期`;
    const created = await call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: '李四', idNumber: '360702199003071239', phone: '13812345678' },
      employer: { name: '赣州某建筑劳务有限公司', creditCode: employer('360702', 'y').creditCode },
      project: { name: project }, divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction',
      amountOwedFen: 24_000_000, workersAffected: 12, summary: '12名工人被拖欠工资',
    });
    expect(created.status).toBe(201);
    const key = `site:360702:${project}`;
    const raised = await alertMessage('an orange alert for the site', key, (a) => a.level === 'orange');
    expect(raised.desks).toContain('housing:360702');

    const referral = await call('legal-aid', 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    await waitFor('the referral to arrive', async () => (await call('labor-inspection', 'GET', `/referrals/${referral.body.id}`, inspector)).status === 200);
    expect((await call('labor-inspection', 'POST', `/referrals/${referral.body.id}/accept`, inspector, {})).status).toBe(200);
    const resolved = await call('labor-inspection', 'POST', `/referrals/${referral.body.id}/resolve`, inspector, { outcome: 'paid_in_full', amountRecoveredFen: 24_000_000, paymentConfirmed: true });
    expect(resolved.status).toBe(200);

    const closed = await alertMessage('the alert resolved', key, (a) => a.status === 'resolved');
    expect(closed).toMatchObject({ alertId: raised.alertId, msgType: 'Cancel', statusReason: '欠薪已支付，预警解除' });
    // The inspection told early warning pseudonymously: the worker key, never the name, ID number or phone.
    const signals = await readTopic(kafka, ns.topicPrefix + Topics.riskSignals, 2);
    expect(signals.map((m) => JSON.parse(m.value!).payload.kind).sort()).toEqual(['complaint_accepted', 'payment']);
    for (const m of signals) expect(m.value).not.toMatch(/李四|360702199003071239|13812345678/);
  });

  it('takes a worker who withdrew out of the group: the alert built on their claim stands down, not as paid', async () => {
    const project = `蓉江新区安置房${randomBytes(2).toString('hex')}期`;
    const created = await call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: '王五', idNumber: '360702199104152118', phone: '13812345679' },
      employer: { name: '赣州某建筑劳务有限公司', creditCode: employer('360702', 'w').creditCode },
      project: { name: project }, divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'construction',
      amountOwedFen: 24_000_000, workersAffected: 12, summary: '12名工人被拖欠工资',
    });
    expect(created.status).toBe(201);
    const key = `site:360702:${project}`;
    const raised = await alertMessage('an orange alert for the site', key, (a) => a.level === 'orange');
    const referral = await call('legal-aid', 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    await waitFor('the referral to arrive', async () => (await call('labor-inspection', 'GET', `/referrals/${referral.body.id}`, inspector)).status === 200);
    expect((await call('labor-inspection', 'POST', `/referrals/${referral.body.id}/accept`, inspector, {})).status).toBe(200);
    const resolved = await call('labor-inspection', 'POST', `/referrals/${referral.body.id}/resolve`, inspector, { outcome: 'withdrawn', amountRecoveredFen: 0, paymentConfirmed: false });
    expect(resolved.status).toBe(200);

    const closed = await alertMessage('the alert stood down', key, (a) => a.status === 'resolved');
    expect(closed.alertId).toBe(raised.alertId);
    expect(closed.statusReason).toMatch(/^观察期内已无达到/);
    expect(closed.explanation.figures).toMatchObject({ workers: 0, complaints: 0 });
    const signals = await readTopicUntil(kafka, ns.topicPrefix + Topics.riskSignals, (got) => got.some((m) => JSON.parse(m.value!).payload.kind === 'withdrawn'), 'the withdrawal signal');
    const withdrawn = signals.map((m) => JSON.parse(m.value!).payload).find((p) => p.kind === 'withdrawn');
    expect(withdrawn).toMatchObject({ projectName: project, referralId: referral.body.id });
    expect(withdrawn.amountPaidFen).toBeUndefined();
  });

  it('pushes new and changed alerts to the board’s live feed, without a reload', async () => {
    const controller = new AbortController();
    const res = await fetch(`${platform.services.command.url}/alerts/stream`, { headers: { authorization: `Bearer ${cityCommittee}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const e = employer('360704', '赣州赣县某物业服务有限公司');
    await publisher.publish(Array.from({ length: 3 }, () => claim(e, '360704', '2026-10-22', 'property_management')));
    let text = '';
    const decoder = new TextDecoder();
    const deadline = Date.now() + 20_000;
    while (!text.includes(e.creditCode) && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
      if (chunk?.value) text += decoder.decode(chunk.value, { stream: true });
    }
    controller.abort();
    const line = text.split('\n').find((l) => l.startsWith('data:') && l.includes(e.creditCode));
    expect(line).toBeDefined();
    expect(JSON.parse(line!.slice('data:'.length))).toMatchObject({ subject: { label: e.name }, divisionName: '赣县区', statusLabel: '处置中' });
  });

  it('raises a repeat offender on the blacklist one level higher', async () => {
    const e = employer('360722', '赣州信丰某制衣有限公司');
    const listed = await call(EW, 'POST', '/feeds/credit', feedToken, {
      records: [{ recordId: `CR-${e.creditCode}`, employerCreditCode: e.creditCode, employerName: e.name, listing: 'blacklist', listedOn: '2026-03-01' }],
    });
    expect(listed).toMatchObject({ status: 202, body: { accepted: 1 } });
    const other = employer('360722', '赣州信丰另一制衣有限公司');
    await publisher.publish([...Array.from({ length: 8 }, () => claim(e, '360722', '2026-10-21')), ...Array.from({ length: 8 }, () => claim(other, '360722', '2026-10-21'))]);
    const amplified = await alertMessage('the listed employer with all eight workers', `employer:${e.creditCode}`, (a) => a.explanation.figures.workers === 8);
    expect(amplified).toMatchObject({ level: 'orange', subject: { repeatOffender: true } });
    expect(amplified.explanation.amplifiers.map((a) => a.rule)).toEqual(['repeat_offender']);
    const plain = await alertMessage('the other employer with all eight workers', `employer:${other.creditCode}`, (a) => a.explanation.figures.workers === 8);
    expect(plain).toMatchObject({ level: 'yellow', subject: { repeatOffender: false } });
  });

  it('takes a county’s new thresholds without a deploy', async () => {
    const wrongOrder = await call(EW, 'PUT', '/rules/360703', ewAdmin, { workers: { orange: 40 } });
    expect(wrongOrder.status).toBe(400);
    expect(wrongOrder.body.fields.workers).toEqual(['各等级阈值应由蓝到红递增']);
    expect((await call(EW, 'PUT', '/rules/999999', ewAdmin, {})).body.fields.divisionCode).toBeDefined();
    expect((await call(EW, 'PUT', '/rules/360703', committee, { workers: { orange: 6 } })).status).toBe(403);

    const put = await call(EW, 'PUT', '/rules/360703', ewAdmin, { workers: { orange: 6 } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ divisionName: '南康区', version: 1, thresholds: { workers: { blue: 3, yellow: 5, orange: 6, red: 30 } } });
    expect((await call(EW, 'GET', '/rules/360702', ewAdmin)).body.thresholds.workers.orange).toBe(10);

    const e = employer('360703', '赣州南康家具制造有限公司');
    await publisher.publish(Array.from({ length: 6 }, () => claim(e, '360703', '2026-10-20')));
    const alert = await alertMessage('an orange alert at six workers', `employer:${e.creditCode}`, (a) => a.level === 'orange');
    expect(alert.explanation.rules.find((r) => r.rule === 'workers')).toMatchObject({ value: 6, threshold: 6 });
  });
});
