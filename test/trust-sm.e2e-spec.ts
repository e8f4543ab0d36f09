// The national algorithms (GB/T 39786-2021 deployments, CRYPTO_SUITE=sm): services sign with SM2/SM3 and take a referral
// there and back; an event signed with the international suite is refused by them, as is one of theirs by the default suite.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Topics } from '@yuanlian/contracts';
import { makeResidentId } from '@yuanlian/identity';
import { EventTrust } from '@yuanlian/messaging';
import { createNamespace, dropNamespace, enterNamespace, readTopicUntil, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform, Reply } from './support/platform';

const ns = createNamespace('sm');
enterNamespace(ns);

const clerk = tokenFor('legal-aid', '360702', 'clerk');
const inspector = tokenFor('labor-inspection', '360702', 'inspector');

describe('signing with SM2 and SM3', () => {
  let platform: Platform;
  const kafka = testKafka();
  const ok = (r: Reply, status = 200) => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    platform = await Platform.start(ns, ['legal-aid', 'labor-inspection'], { CRYPTO_SUITE: 'sm', CLOCK_SWEEP_MS: 'off' });
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('refers a case and takes the answer back, every event signed with SM2, and refuses an Ed25519 signature', async () => {
    const created = ok(await platform.call('legal-aid', 'POST', '/applications', clerk, {
      worker: { name: '钟国密', idNumber: makeResidentId('360702', '19900101', 51), phone: '13907970051' },
      employer: { name: '赣州某国密建设有限公司', creditCode: '91360702MA35G7K276' }, divisionCode: '360702', channel: 'window',
      matter: 'wage_arrears', industry: 'construction', amountOwedFen: 100_000, workersAffected: 1, summary: '拖欠工资',
    }), 201);
    const referral = ok(await platform.call('legal-aid', 'POST', `/applications/${created.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }), 201);
    await waitFor('the referral at the inspection', async () => (await platform.call('labor-inspection', 'GET', `/referrals/${referral.id}`, inspector)).status === 200);
    ok(await platform.call('labor-inspection', 'POST', `/referrals/${referral.id}/accept`, inspector, { note: '受理' }));
    await waitFor('legal aid to see the acceptance', async () => ok(await platform.call('legal-aid', 'GET', `/applications/${created.id}`, clerk)).referrals[0].status === 'accepted');

    const sent = await readTopicUntil(kafka, ns.topicPrefix + Topics.referralsTo('labor-inspection'), (got) => got.some((m) => m.key === referral.id), 'the referral on its topic');
    const cert = JSON.parse(Buffer.from(sent.find((m) => m.key === referral.id)!.headers['yl-cert'], 'base64url').toString());
    expect(cert).toMatchObject({ alg: 'sm2', agencyType: 'legal-aid', offices: ['legal-aid:360702'] });

    // The same kind of answer, signed by the inspection's key of the default suite: not accepted here.
    const topic = Topics.referralUpdatesTo('legal-aid');
    const at = new Date().toISOString();
    const value = JSON.stringify({
      eventId: randomUUID(), type: 'referral.progressed', version: 1, occurredAt: at, source: 'labor-inspection', caseId: created.id,
      payload: { referralId: referral.id, caseId: created.id, toAgencyId: 'labor-inspection:360702', fromAgencyType: 'legal-aid', at, by: 'x', step: 'investigation' },
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: ns.topicPrefix + topic, acks: -1, messages: [{ key: referral.id, value, headers: EventTrust.forService('labor-inspection', { ...process.env, CRYPTO_SUITE: 'intl' }).signEnvelope(topic, referral.id, value) }] });
    await producer.disconnect();
    const dead = await readTopicUntil(kafka, `${ns.topicPrefix}${topic}.dlt`, (got) => got.some((m) => m.key === referral.id), 'the Ed25519-signed event refused');
    expect(dead.find((m) => m.key === referral.id)!.headers['dlt-reason']).toMatch(/key algorithm ed25519 is not accepted here \(sm2\)/);
  });
});
