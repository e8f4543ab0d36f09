// Trust between agencies on the real broker and database: events written by someone who may not write them — unsigned,
// signed by another office's or another agency type's key, an alert closure not signed by the committee, a genuine event
// replayed — are dead-lettered with the reason and change nothing; a key revoked through the committee's registry is
// refused by every consumer within seconds; the genuine event that follows a forgery still takes effect.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { GANZHOU_CITY_CODE, Topics } from '@yuanlian/contracts';
import { schemaName } from '@yuanlian/database';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { EventTrust, signedAs } from '@yuanlian/messaging';
import { createNamespace, dropNamespace, enterNamespace, readTopicUntil, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { configuredSuite, devKey, issueRevocation, Keyring, loadRootKey, signEvent, trustDir } from '@yuanlian/trust';
import type { IHeaders, Producer } from 'kafkajs';
import { Platform, Reply } from './support/platform';

const ns = createNamespace('trust');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');
const cityAdmin = tokenFor('command', GANZHOU_CITY_CODE, 'admin');
const countyAdmin = tokenFor('command', '360703', 'admin');

describe('trust between agencies', () => {
  let platform: Platform;
  let producer: Producer;
  const kafka = testKafka();
  const call = (service: string, method: string, path: string, token: string, body?: unknown) => platform.call(service, method, path, token, body);
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const send = (topic: string, key: string, value: string, headers: IHeaders) =>
    producer.send({ topic: ns.topicPrefix + topic, acks: -1, messages: [{ key, value, headers }] });
  const envelope = (type: string, source: string, caseId: string, payload: object) =>
    ({ eventId: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), source, caseId, payload });
  /** The dead letters of a topic for one key, once `count` of them are there. */
  const deadLetters = async (topic: string, key: string, count: number) => {
    const mine = <M extends { key: string | null }>(got: M[]) => got.filter((m) => m.key === key);
    return mine(await readTopicUntil(kafka, `${ns.topicPrefix}${topic}.dlt`, (got) => mine(got).length >= count, `${count} dead letter(s) for ${key} on ${topic}`));
  };

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'early-warning', 'command']);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('refuses a referral resolution forged with another office’s or another agency type’s key, and takes the genuine answer after it', async () => {
    const created = ok(await call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: '钟信任', idNumber: makeResidentId('360702', '19900101', 31), phone: '13907970031' },
      employer: { name: '赣州某信任建设有限公司', creditCode: '91360702MA35G7K276' }, divisionCode: '360702', channel: 'window',
      matter: 'wage_arrears', industry: 'construction', amountOwedFen: 100_000, workersAffected: 1, summary: '拖欠工资',
    }), 201);
    const referral = ok(await call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }), 201);
    await waitFor('the referral received at the inspection', async () => (await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)).status === 200);

    // What the attacker of the issue sent: resolved, paid in full, ¥999,999.99 recovered against ¥1,000 owed.
    const at = new Date().toISOString();
    const resolved = (toAgencyId: string) => envelope('referral.resolved', 'labor-inspection', created.id, {
      referralId: referral.id, caseId: created.id, toAgencyId, fromAgencyType: 'legal-aid', at, resolvedBy: 'forger', outcome: 'paid_in_full',
      amountRecoveredFen: 99_999_999, paymentConfirmed: true, agencyCaseNumber: '伪造〔2026〕1号',
    });
    const topic = Topics.referralUpdatesTo('legal-aid');
    const forged = [
      // No signature at all.
      { value: JSON.stringify(resolved('labor-inspection:360702')), headers: {}, reason: /unsigned event/ },
      // 南康区's inspection key answering for 章贡区's referral.
      { value: JSON.stringify(resolved('labor-inspection:360702')), sign: ['labor-inspection', 'labor-inspection:360703'], reason: /does not speak for office labor-inspection:360702/ },
      // 南康区's key answering in its own name for a referral it was never sent.
      { value: JSON.stringify(resolved('labor-inspection:360703')), sign: ['labor-inspection', 'labor-inspection:360703'], reason: /came from labor-inspection:360703, not labor-inspection:360702/ },
      // The union's genuine key, claiming to be the inspection.
      { value: JSON.stringify(resolved('labor-inspection:360702')), sign: ['union', undefined], reason: /source labor-inspection but signed by union\// },
    ] as const;
    for (const f of forged) {
      const headers = 'sign' in f ? EventTrust.forService(f.sign[0]).sign(topic, referral.id, f.value, f.sign[1]) : f.headers;
      await send(topic, referral.id, f.value, headers);
    }
    const dead = await deadLetters(topic, referral.id, forged.length);
    expect(dead.map((d) => d.headers['dlt-reason'])).toEqual(forged.map((f) => expect.stringMatching(f.reason)));

    // The inspector really accepts: legal aid takes it, and shows nothing of the forgeries.
    ok(await call('labor-inspection', 'POST', `/referrals/${referral.id}/accept`, inspector, { note: '受理' }));
    const seen = await waitFor('legal aid to see the genuine acceptance', async () => {
      const r = ok(await call('legal-aid', 'GET', `/applications/${created.id}`, clerk)).referrals[0];
      return r.status === 'accepted' ? r : undefined;
    });
    expect(seen.agencyCaseNumber).not.toBe('伪造〔2026〕1号');
    expect(seen.amountRecoveredFen ?? null).toBeNull();
    // A genuine event replayed: taken once.
    const [{ n: before }] = (await platform.pg.query(`SELECT count(*)::int AS n FROM "${schemaName('legal_aid')}".referral_timeline WHERE referral_id = $1`, [referral.id])).rows;
    const genuine = (await readTopicUntil(kafka, ns.topicPrefix + topic, (got) => got.some((m) => m.key === referral.id && m.headers['event-type'] === 'referral.accepted'), 'the genuine acceptance'))
      .find((m) => m.key === referral.id && m.headers['event-type'] === 'referral.accepted')!;
    await send(topic, referral.id, genuine.value!, genuine.headers);
    await new Promise((r) => setTimeout(r, 1500));
    const [{ n: after }] = (await platform.pg.query(`SELECT count(*)::int AS n FROM "${schemaName('legal_aid')}".referral_timeline WHERE referral_id = $1`, [referral.id])).rows;
    expect(after).toBe(before);

    // Another legal aid center, in its own name and with its own key, withdrawing a referral it never sent.
    const revokeTopic = Topics.referralsTo('labor-inspection');
    const revocation = JSON.stringify(envelope('referral.revoked', 'legal-aid', created.id, {
      referralId: referral.id, caseId: created.id, fromAgencyId: 'legal-aid:360703', toAgencyId: 'labor-inspection:360702', toAgencyType: 'labor-inspection',
      by: 'forger', at: new Date().toISOString(), reason: '伪造的撤回',
    }));
    await send(revokeTopic, referral.id, revocation, EventTrust.forService('legal-aid').signEnvelope(revokeTopic, referral.id, revocation));
    const [refused] = await deadLetters(revokeTopic, referral.id, 1);
    expect(refused.headers['dlt-reason']).toMatch(/was sent by legal-aid:360702, not legal-aid:360703/);
    expect(ok(await call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)).status).toBe('accepted');
  });

  it('lets only the committee close an alert', async () => {
    // Twelve workers of one employer: early warning raises an alert.
    const creditCode = makeCreditCode('91360702MA35TR001');
    for (let i = 0; i < 12; i++) {
      const applicationId = randomUUID();
      const e = envelope('application.received', 'legal-aid', applicationId, {
        applicationId, agencyId: 'legal-aid:360702', divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'manufacturing',
        workerKey: `wk_${randomBytes(16).toString('hex')}`, employerCreditCode: creditCode, employerName: '赣州某信任电子有限公司', amountOwedFen: 800_000,
        workersAffected: 1, greenChannel: true, priority: true, acceptFirst: false, receivedAt: new Date().toISOString(),
      });
      await producer.send({ topic: ns.topicPrefix + Topics.applications, acks: -1, messages: [signedAs(e, Topics.applications, applicationId)] });
    }
    const ew = schemaName('early_warning');
    const alert = await waitFor('the alert on the employer', async () =>
      (await platform.pg.query(`SELECT id FROM "${ew}".alerts WHERE subject_key = $1 AND status = 'live'`, [`employer:${creditCode}`])).rows[0]);
    const closed = (source: string, officeId: string) =>
      JSON.stringify(envelope('alert.closed', source, alert.id, { alertId: alert.id, officeId, by: 'forger', status: 'cancelled', reason: '伪造的撤销', at: new Date().toISOString() }));
    const topic = Topics.alertActions;
    const forged = [
      { value: closed('labor-inspection', 'labor-inspection:360702'), as: 'labor-inspection', reason: /source labor-inspection may not emit alert\.closed/ },
      { value: closed('command', 'command:360702'), as: 'union', reason: /source command but signed by union\// },
      { value: closed('command', 'command:360702'), as: null, reason: /unsigned event/ },
    ] as const;
    // The inspection signs with its office's key; the union has no key for a committee office and signs as a service.
    for (const f of forged) await send(topic, alert.id, f.value, f.as === 'labor-inspection' ? EventTrust.forService(f.as).signEnvelope(topic, alert.id, f.value) : f.as ? EventTrust.forService(f.as).sign(topic, alert.id, f.value) : {});
    const dead = await deadLetters(topic, alert.id, forged.length);
    expect(dead.map((d) => d.headers['dlt-reason'])).toEqual(forged.map((f) => expect.stringMatching(f.reason)));
    expect((await platform.pg.query(`SELECT status FROM "${ew}".alerts WHERE id = $1`, [alert.id])).rows[0].status).toBe('live');
  });

  it('refuses a key revoked through the committee’s registry on every consumer, and only a city administrator revokes', async () => {
    const suite = configuredSuite();
    const root = loadRootKey(trustDir());
    const entry = devKey(suite, root, 'legal-aid', ['legal-aid:360702'], 1, 'rotated');
    const ring = new Keyring('legal-aid', [entry], suite);
    // Registered, listed.
    expect((await call('command', 'POST', '/trust/keys', countyAdmin, { certificate: entry.cert })).status).toBe(403);
    expect((await call('command', 'POST', '/trust/keys', cityAdmin, { certificate: { ...entry.cert, offices: ['legal-aid:360700'] } })).status).toBe(422);
    ok(await call('command', 'POST', '/trust/keys', cityAdmin, { certificate: entry.cert }));
    await waitFor('the key listed', async () => ok(await call('command', 'GET', '/trust/keys', cityAdmin)).items.some((k: { kid: string; status: string }) => k.kid === entry.cert.kid && k.status === 'valid'));
    const application = (n: number) => {
      const applicationId = randomUUID();
      const value = JSON.stringify(envelope('application.received', 'legal-aid', applicationId, {
        applicationId, agencyId: 'legal-aid:360702', divisionCode: '360702', channel: 'window', matter: 'wage_arrears', industry: 'manufacturing',
        workerKey: `wk_${randomBytes(16).toString('hex')}`, employerCreditCode: makeCreditCode(`91360702MA35RT0${n}1`), employerName: '赣州某轮换有限公司',
        amountOwedFen: 100_000, workersAffected: 1, greenChannel: true, priority: true, acceptFirst: false, receivedAt: new Date().toISOString(),
      }));
      return { applicationId, value, headers: signEvent(ring, { topic: Topics.applications, key: applicationId, value, office: 'legal-aid:360702' }) };
    };
    const first = application(1);
    await send(Topics.applications, first.applicationId, first.value, first.headers);
    const inStatistics = (id: string) => platform.pg.query(`SELECT 1 FROM "${schemaName('command')}".stat_applications WHERE application_id = $1`, [id]).then((r) => r.rowCount === 1);
    await waitFor('the event of the registered key at the committee', () => inStatistics(first.applicationId));
    // Revoked: a county administrator may not, a city administrator may; every consumer refuses the key from then on.
    const revocation = issueRevocation(root, entry.cert.kid, '密钥所在服务器失窃');
    expect((await call('command', 'POST', '/trust/keys', countyAdmin, { revocation })).status).toBe(403);
    ok(await call('command', 'POST', '/trust/keys', cityAdmin, { revocation }));
    await waitFor('the key listed as revoked', async () => ok(await call('command', 'GET', '/trust/keys', cityAdmin)).items.some((k: { kid: string; status: string }) => k.kid === entry.cert.kid && k.status === 'revoked'));
    const second = application(2);
    const started = Date.now();
    await send(Topics.applications, second.applicationId, second.value, second.headers);
    // Early warning and the committee both consume applications: each refuses it.
    const dead = await deadLetters(Topics.applications, second.applicationId, 2);
    expect(dead.map((d) => d.headers['dlt-reason'])).toEqual([expect.stringContaining('revoked'), expect.stringContaining('revoked')]);
    expect(await inStatistics(second.applicationId)).toBe(false);
    process.stdout.write(`revoked key refused by both consumers ${Date.now() - started} ms after the event was sent\n`);
    const audit = ok(await call('command', 'GET', '/admin/audit?action=key.revoke', cityAdmin)).items;
    expect(audit[0]).toMatchObject({ action: 'key.revoke', target: `key:${entry.cert.kid}`, reason: '密钥所在服务器失窃' });
    // The certificate registered again (a stale script, a replayed request) does not take the revocation's place.
    const again = ok(await call('command', 'POST', '/trust/keys', cityAdmin, { certificate: entry.cert }));
    expect(again.items).toEqual([expect.objectContaining({ kid: entry.cert.kid, status: 'revoked' })]);
    const third = application(3);
    await send(Topics.applications, third.applicationId, third.value, third.headers);
    expect((await deadLetters(Topics.applications, third.applicationId, 2)).map((d) => d.headers['dlt-reason'])).toEqual([expect.stringContaining('revoked'), expect.stringContaining('revoked')]);
  });
});
