// The first flow end to end: legal-aid and labor-inspection as separate processes, through the real broker
// and database. A legal aid clerk takes in a wage claim and refers it; the county's labor inspectors see it,
// accept or decline it, and the status shows in legal aid's view. Other counties see nothing of it.
import 'reflect-metadata';
import { schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devTokenKeyDir } from '@yuanlian/auth';
import { sign } from 'jsonwebtoken';
import { Platform } from './support/platform';

const ns = createNamespace('e2e');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const otherCountyInspector = tokenFor('labor-inspection', '360703', 'inspector');

const application = (over: Record<string, unknown> = {}) => ({
  worker: { name: '张三', idNumber: '360702199003071239', phone: '13812345678' },
  employer: { name: '赣州某建设工程有限公司', creditCode: '91360702MA35G7K276' },
  project: { name: '章江新区安置房二期', address: '章贡区某路1号' },
  divisionCode: '360702',
  channel: 'hotline_12348',
  matter: 'wage_arrears',
  industry: 'construction',
  amountOwedFen: 1_250_000,
  workersAffected: 12,
  summary: '12名工人被拖欠3个月工资',
  ...over,
});

describe('referral from legal aid to labor inspection', () => {
  const legalAid = 'legal-aid';
  const inspection = 'labor-inspection';
  let platform: Platform;

  const call = (service: string, method: string, path: string, token?: string, body?: unknown) => platform.call(service, method, path, token, body);
  const count = async (sql: string) => Number((await platform.pg.query(sql)).rows[0].n);
  const la = schemaName('legal_aid');
  const li = schemaName('labor_inspection');

  beforeAll(async () => {
    platform = await Platform.start(ns, [legalAid, inspection]);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('answers health checks with the database and broker up', async () => {
    const res = await call(legalAid, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ database: 'up', kafka: 'up' });
  });

  it('shows in its health where its consumer stands: joined, with every partition of the topics it reads', async () => {
    const partitions = Number(ns.env.KAFKA_PARTITIONS);
    const { body } = await call(legalAid, 'GET', '/health');
    expect(body.consumers).toEqual([{
      group: `${ns.topicPrefix}legal-aid`, state: 'joined', since: expect.any(String),
      assigned: { [`${ns.topicPrefix}referral-updates.legal-aid`]: partitions, [`${ns.topicPrefix}alerts.legal-aid`]: partitions },
    }]);
  });

  it('serves its OpenAPI and AsyncAPI documents', async () => {
    expect((await call(inspection, 'GET', '/docs-json')).body.info.title).toContain('劳动保障监察');
    const events = await call(legalAid, 'GET', '/asyncapi.json');
    expect(events.status).toBe(200);
    expect(events.body.asyncapi).toBe('3.0.0');
    expect(Object.keys(events.body.channels)).toContain('referrals.labor-inspection');
  });

  it('refuses bad input field by field and stores nothing', async () => {
    const before = await count(`SELECT (SELECT count(*) FROM "${la}".applications) + (SELECT count(*) FROM "${la}".outbox) AS n`);
    const { employer: _, ...withoutEmployer } = application();
    const res = await call(legalAid, 'POST', '/applications', clerk, {
      ...withoutEmployer,
      worker: { name: '张三', idNumber: '360702199003071238', phone: '13812345678' },
      divisionCode: '360727',
      amountOwedFen: -100,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields['worker.idNumber']).toEqual(['身份证号校验码错误']);
    expect(res.body.fields.divisionCode[0]).toContain('不是赣州市');
    expect(res.body.fields.amountOwedFen[0]).toContain('不能为负数');
    expect(res.body.fields.employer).toEqual(['缺少用人单位信息']);
    const badCode = await call(legalAid, 'POST', '/applications', clerk, application({ employer: { name: 'x', creditCode: '91360702MA35G7K275' } }));
    expect(badCode.status).toBe(400);
    expect(badCode.body.fields['employer.creditCode']).toEqual(['统一社会信用代码校验码错误']);
    const unknownField = await call(legalAid, 'POST', '/applications', clerk, application({ isAdmin: true }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.fields.isAdmin).toBeDefined();
    expect(await count(`SELECT (SELECT count(*) FROM "${la}".applications) + (SELECT count(*) FROM "${la}".outbox) AS n`)).toBe(before);
  });

  it('requires a valid token and the right agency', async () => {
    expect((await call(legalAid, 'GET', '/applications')).status).toBe(401);
    expect((await call(legalAid, 'GET', '/applications', clerk + 'x')).status).toBe(401);
    expect((await call(legalAid, 'POST', '/applications', inspector, application())).status).toBe(403);
    expect((await call(inspection, 'GET', '/referrals', clerk)).status).toBe(403);
    const claims = { sub: 'x', name: 'x', agencyId: 'court:360702', agencyType: 'labor-inspection', divisionCode: '360702', roles: ['inspector'] };
    // Signed with the development key itself (tokenFor made it), to try claims signDevToken would not make.
    const devKey = readFileSync(join(devTokenKeyDir(), 'dev-token.key.pem'));
    const forge = (c: object, opts: object) => sign(c, devKey, { algorithm: 'ES256', keyid: 'dev', issuer: 'yuanlian', audience: 'yuanlian', ...opts });
    expect((await call(inspection, 'GET', '/referrals', forge(claims, { expiresIn: 60 }))).status).toBe(401);
    expect((await call(inspection, 'GET', '/referrals', forge({ ...claims, agencyId: 'labor-inspection:360702' }, {}))).status).toBe(401);
    expect((await call(inspection, 'GET', '/referrals', forge({ ...claims, agencyId: 'labor-inspection:360702' }, { expiresIn: 60 }))).status).toBe(200);
  });

  it('takes in a wage claim on the green channel, refers it, and follows the inspector’s decision', async () => {
    const created = await call(legalAid, 'POST', '/applications', clerk, application());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      greenChannel: true, meansTestRequired: false, priority: true, status: 'received', divisionName: '章贡区',
      worker: { idNumber: '3607************39', phone: '138****5678' },
    });

    const referral = await call(legalAid, 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({ toAgencyId: 'labor-inspection:360702', status: 'requested' });
    const again = await call(legalAid, 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    expect(again.status).toBe(409);

    const inInbox = await waitFor('the referral in the inspectors’ inbox', async () => {
      const list = await call(inspection, 'GET', '/referrals', inspector);
      return list.body.items.find((r: { id: string }) => r.id === referral.body.id);
    });
    expect(inInbox).toMatchObject({
      status: 'received', greenChannel: true, priority: true, amountOwedFen: 1_250_000, workersAffected: 12,
      worker: { name: '张三', idNumber: '3607************39' }, employer: { creditCode: '91360702MA35G7K276' },
    });
    await waitFor('legal aid to see it received', async () => {
      const view = await call(legalAid, 'GET', `/applications/${created.body.id}`, clerk);
      return view.body.referrals[0].status === 'received';
    });

    // Another county's inspector can neither list, read nor act on it.
    const other = await call(inspection, 'GET', '/referrals', otherCountyInspector);
    expect(other.status).toBe(200);
    expect(other.body.items.map((r: { id: string }) => r.id)).not.toContain(referral.body.id);
    expect((await call(inspection, 'GET', `/referrals/${referral.body.id}`, otherCountyInspector)).status).toBe(404);
    expect((await call(inspection, 'POST', `/referrals/${referral.body.id}/accept`, otherCountyInspector, {})).status).toBe(404);
    expect((await call(inspection, 'POST', `/referrals/${referral.body.id}/decline`, otherCountyInspector, { reasonCode: 'other', reason: '不是我县' })).status).toBe(404);
    // Nor can another county's legal aid clerk read the case.
    expect((await call(legalAid, 'GET', `/applications/${created.body.id}`, tokenFor('legal-aid', '360703', 'clerk'))).status).toBe(404);

    const accepted = await call(inspection, 'POST', `/referrals/${referral.body.id}/accept`, inspector, { note: '已立案调查' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await call(inspection, 'POST', `/referrals/${referral.body.id}/decline`, inspector, { reasonCode: 'other', reason: '重复' })).status).toBe(409);
    const view = await waitFor('legal aid to see it accepted', async () => {
      const v = await call(legalAid, 'GET', `/applications/${created.body.id}`, clerk);
      return v.body.referrals[0].status === 'accepted' && v.body;
    });
    expect(view.referrals[0]).toMatchObject({ statusLabel: '已受理', handledBy: 'labor-inspection-360702-inspector', statusNote: '已立案调查' });
  });

  it('shows a decline with its coded reason to the sender', async () => {
    const created = await call(legalAid, 'POST', '/applications', clerk, application({ matter: 'labor_contract', urgent: true, urgentKind: 'limitation', urgentReason: '仲裁时效即将届满' }));
    expect(created.body).toMatchObject({ greenChannel: false, meansTestRequired: true, acceptFirst: true, status: 'accepted', priority: true });
    const referral = await call(legalAid, 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
    await waitFor('the referral to arrive', async () => (await call(inspection, 'GET', `/referrals/${referral.body.id}`, inspector)).status === 200);
    const badDecline = await call(inspection, 'POST', `/referrals/${referral.body.id}/decline`, inspector, { reasonCode: 'because' });
    expect(badDecline.status).toBe(400);
    expect(Object.keys(badDecline.body.fields).sort()).toEqual(['reason', 'reasonCode']);
    const declined = await call(inspection, 'POST', `/referrals/${referral.body.id}/decline`, inspector, {
      reasonCode: 'in_arbitration_or_court', reason: '该争议已申请劳动仲裁，应由仲裁委处理', suggestedAgencyId: 'arbitration:360702',
    });
    expect(declined.status).toBe(200);
    const view = await waitFor('legal aid to see the decline', async () => {
      const v = await call(legalAid, 'GET', `/applications/${created.body.id}`, clerk);
      return v.body.referrals[0].status === 'declined' && v.body;
    });
    expect(view.referrals[0]).toMatchObject({
      declineReasonCode: 'in_arbitration_or_court', declineReasonLabel: '已进入仲裁或诉讼程序', suggestedAgencyId: 'arbitration:360702',
    });
  });

  it('reveals the full ID number only with the reveal role and a stated purpose', async () => {
    const [first] = (await call(inspection, 'GET', '/referrals', inspector)).body.items;
    expect((await call(inspection, 'GET', `/referrals/${first.id}?purpose=核实身份`, inspector)).status).toBe(403);
    const revealer = tokenFor('labor-inspection', '360702', 'inspector', 'pii_reveal');
    expect((await call(inspection, 'GET', `/referrals/${first.id}`, revealer)).body.worker.idNumber).toBe('3607************39');
    expect((await call(inspection, 'GET', `/referrals/${first.id}?purpose=核实身份`, revealer)).body.worker.idNumber).toBe('360702199003071239');
    const log = await platform.pg.query(`SELECT user_id, revealed, purpose FROM "${li}".access_log WHERE subject_id = $1 ORDER BY id`, [first.id]);
    expect(log.rows).toContainEqual({ user_id: 'labor-inspection-360702-inspector+pii_reveal', revealed: true, purpose: '核实身份' });
    expect(log.rows.filter((r: { revealed: boolean }) => !r.revealed).length).toBeGreaterThanOrEqual(1);
    await expect(platform.pg.query(`DELETE FROM "${li}".access_log WHERE subject_id = $1`, [first.id])).rejects.toThrow('append-only');
  });

  it('measures POST → inbox latency over 100 referrals', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const created = await call(legalAid, 'POST', '/applications', clerk, application({ summary: `延迟测量 ${i}` }));
      const t0 = Date.now();
      const referral = await call(legalAid, 'POST', `/applications/${created.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' });
      expect(referral.status).toBe(201);
      const receivedAt = await waitFor('the referral in the inbox', async () => {
        const { rows } = await platform.pg.query(`SELECT received_at FROM "${li}".referral_inbox WHERE id = $1`, [referral.body.id]);
        return rows[0]?.received_at as Date | undefined;
      }, 10_000, 2);
      samples.push(receivedAt.getTime() - t0);
    }
    samples.sort((a, b) => a - b);
    const median = samples[49];
    const p95 = samples[94];
    process.stdout.write(`referral POST → labor-inspection inbox latency over 100: median=${median} ms p95=${p95} ms max=${samples[99]} ms\n`);
    expect(samples).toHaveLength(100);
    expect(median).toBeGreaterThanOrEqual(0);
  });
});
