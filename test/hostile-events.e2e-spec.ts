// Hostile events: well over a thousand malformed and hostile records published straight onto every topic a
// service consumes through its inbox — not JSON, wrong version, unknown type, missing, extra or mistyped fields,
// oversized values, a forged source, a tombstone, a type nobody there handles — interleaved with good events.
// Each bad record must end on the topic's dead-letter topic with its reason; every good one must take effect.
// Most hostile records are signed by a genuine key (an insider's bug, a stolen key): what they carry must still be
// refused. Others are unsigned, altered after signing, signed by another agency type's or another office's key, or
// nested deep enough to overflow a recursive decoder.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AlertIssued, ApplicationReceived, ClockOverdue, DISCLOSURE_BASIS, EventDefinition, HotlineComplaintsRecorded, ReferralMilestone, ReferralRequested, Topics,
} from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { schemaName } from '@yuanlian/database';
import { makeCreditCode } from '@yuanlian/identity';
import { EventTrust, signedAs } from '@yuanlian/messaging';
import { createNamespace, dropNamespace, enterNamespace, readTopicUntil, testKafka, waitFor } from '@yuanlian/testing';
import { Message } from 'kafkajs';
import { Platform } from './support/platform';

const ns = createNamespace('hostile');
enterNamespace(ns);

const envelope = (definition: EventDefinition<any>, payload: object, over: Record<string, unknown> = {}) => ({
  eventId: randomUUID(), type: definition.type, version: definition.version, occurredAt: new Date().toISOString(),
  source: definition.sources[0], caseId: String(definition.caseId(payload)).slice(0, 64), payload, ...over,
});

const employer = makeCreditCode('91360702HOSTILE00');
const workerKey = () => `wk_${randomBytes(16).toString('hex')}`;

const goodReferral = (toAgencyType: 'labor-inspection' | 'union') => ({
  referralId: randomUUID(), caseId: randomUUID(), fromAgencyId: 'legal-aid:360702', fromAgencyType: 'legal-aid', toAgencyId: `${toAgencyType}:360702`,
  toAgencyType, divisionCode: '360702', matter: 'wage_arrears', industry: 'construction', greenChannel: true, priority: true,
  purposeCode: 'statutory_referral', legalBasis: DISCLOSURE_BASIS.statutory_referral, shared: [],
  worker: { key: workerKey(), name: '王五' }, employer: { name: '赣州某劳务有限公司', creditCode: employer },
  amountOwedFen: 1_000_000, workersAffected: 1, summary: '拖欠工资', requestedBy: 'clerk', requestedAt: new Date().toISOString(),
});
const goodApplication = () => ({
  applicationId: randomUUID(), agencyId: 'legal-aid:360702', divisionCode: '360702', channel: 'window', matter: 'wage_arrears',
  industry: 'manufacturing', workerKey: workerKey(), employerCreditCode: employer, employerName: '赣州某电子有限公司', amountOwedFen: 100_000,
  workersAffected: 1, greenChannel: true, priority: true, acceptFirst: false, receivedAt: new Date().toISOString(),
});
const goodMilestone = () => ({
  referralId: randomUUID(), caseId: randomUUID(), officeId: 'labor-inspection:360702', agencyType: 'labor-inspection', divisionCode: '360702',
  matter: 'wage_arrears', industry: 'construction', greenChannel: true, milestone: 'accepted', at: new Date().toISOString(), amountClaimedFen: 100_000,
  workersAffected: 1, clocks: [{ rule: 'labor-inspection.acceptance', dueOn: '2026-11-06', stoppedOn: '2026-11-03', onTime: true }],
});
const goodHotline = () => ({
  recordId: `HL-${randomUUID()}`, hotline: '12345', divisionCode: '360702', employerCreditCode: employer, employerName: '赣州某电子有限公司',
  complaints: 1, observedOn: '2026-11-20',
});
const goodOverdue = () => ({
  // Legal aid's own clock, as legal aid (the topic's first source) reports it: the key speaks for the office it names.
  clockId: randomUUID(), rule: 'legal-aid.decision', ruleLabel: '审查决定期限', basis: '《法律援助法》第四十三条', officeId: 'legal-aid:360702',
  agencyType: 'legal-aid', divisionCode: '360702', subjectType: 'application', subjectId: randomUUID(), caseId: randomUUID(),
  startedOn: '2026-11-01', dueOn: '2026-11-06', provisional: false,
});
const goodAlert = () => ({
  deskType: 'command', alertId: randomUUID(), sequence: 1, msgType: 'Alert', status: 'live', level: 'yellow', severity: 'Moderate', peakLevel: 'yellow',
  change: '发布黄色预警', subject: { kind: 'employer', key: `employer:${employer}`, label: '赣州某电子有限公司', divisionCode: '360702', industry: 'manufacturing', governmentFunded: false, repeatOffender: false },
  desks: ['command:360702', 'command:360700'], acknowledgements: [], escalations: 0,
  explanation: { rules: [], amplifiers: [], figures: { workers: 5, workersPaid: 0, outstandingFen: 0, monthsInArrears: 0, complaints: 0, channels: [], sites: 0, signals: 5 }, signals: [] },
  references: [], raisedOn: '2026-11-20', levelSince: '2026-11-20', asOf: '2026-11-20', sentAt: new Date().toISOString(),
});

interface Target {
  topic: string;
  /** A real type of the topic, its legal source and a good payload of it. */
  definition: EventDefinition<any>;
  good: () => object;
  /** A source that may not emit it. */
  forged: AgencyType;
  /** Whether good events on this topic are interleaved and counted (their effect is checked below). */
  interleave: boolean;
  /** A valid event of a type the consuming service has no handler for. */
  unhandled: EventDefinition<any>;
  /** Services consuming the topic, each dead-lettering a bad record on its own (1 unless said). */
  consumers?: number;
}

const TARGETS: Target[] = [
  { topic: Topics.referralsTo('labor-inspection'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'union', interleave: true, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralsTo('union'), definition: ReferralRequested, good: () => goodReferral('union'), forged: 'court', interleave: true, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralsTo('arbitration'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'command', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralsTo('court'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'early-warning', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralsTo('work-injury'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'labor-inspection', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralsTo('public-security'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'union', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.referralUpdatesTo('legal-aid'), definition: ReferralRequested, good: () => goodReferral('labor-inspection'), forged: 'union', interleave: false, unhandled: HotlineComplaintsRecorded },
  // Early warning and the committee (statistics) both consume applications; neither handles referral requests.
  { topic: Topics.applications, definition: ApplicationReceived, good: goodApplication, forged: 'court', interleave: true, unhandled: ReferralRequested, consumers: 2 },
  { topic: Topics.caseFacts, definition: ReferralMilestone, good: goodMilestone, forged: 'legal-aid', interleave: true, unhandled: ReferralRequested },
  { topic: Topics.riskSignals, definition: HotlineComplaintsRecorded, good: goodHotline, forged: 'legal-aid', interleave: true, unhandled: ClockOverdue },
  { topic: Topics.observations, definition: ApplicationReceived, good: goodApplication, forged: 'union', interleave: false, unhandled: ClockOverdue },
  { topic: Topics.alertActions, definition: HotlineComplaintsRecorded, good: goodHotline, forged: 'court', interleave: false, unhandled: ClockOverdue },
  { topic: Topics.supervision, definition: ClockOverdue, good: goodOverdue, forged: 'command', interleave: true, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.alertsTo('command'), definition: AlertIssued, good: goodAlert, forged: 'command', interleave: true, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.alertsTo('housing'), definition: AlertIssued, good: () => ({ ...goodAlert(), deskType: 'housing' }), forged: 'union', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.alertsTo('labor-inspection'), definition: AlertIssued, good: () => ({ ...goodAlert(), deskType: 'labor-inspection' }), forged: 'legal-aid', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.alertsTo('union'), definition: AlertIssued, good: () => ({ ...goodAlert(), deskType: 'union' }), forged: 'court', interleave: false, unhandled: HotlineComplaintsRecorded },
  { topic: Topics.alertsTo('legal-aid'), definition: AlertIssued, good: () => ({ ...goodAlert(), deskType: 'legal-aid' }), forged: 'arbitration', interleave: false, unhandled: HotlineComplaintsRecorded },
];

/**
 * Signing headers for a record, as `as` would sign it: with the key of the office its envelope names when it can be read,
 * else the service's own key.
 */
function signature(as: AgencyType, topic: string, key: string, value: string | Buffer | null) {
  const trust = EventTrust.forService(as);
  try {
    return trust.signEnvelope(topic, key, String(value));
  } catch {
    return trust.sign(topic, key, value ?? '');
  }
}

/** About a hundred hostile records for a topic, each with what its dead-letter reason must say. */
function hostile(t: Target): { message: Message; reason: RegExp }[] {
  const out: { message: Message; reason: RegExp }[] = [];
  const legit = t.definition.sources[0] as AgencyType;
  const add = (value: string | Buffer | null, reason: RegExp, as: AgencyType | null = legit) => {
    const key = randomUUID();
    out.push({ message: { key, value, headers: as ? signature(as, t.topic, key, value) : {} }, reason });
  };
  const good = () => t.good() as Record<string, unknown>;
  const other = (['court', 'union', 'legal-aid'] as AgencyType[]).find((a) => a !== legit)!;
  for (let i = 0; i < 3; i++) {
    add(JSON.stringify(envelope(t.definition, good())), /unsigned event/, null);
    // Signed, then altered: the amount, a worker count, an office.
    const key = randomUUID();
    const value = JSON.stringify(envelope(t.definition, good()));
    out.push({ message: { key, value: value.replace(/:(\d)/, ':9$1'), headers: signature(legit, t.topic, key, value) }, reason: /signature does not verify/ });
    // Another agency type's genuine key, claiming the legitimate source.
    add(JSON.stringify(envelope(t.definition, good())), new RegExp(`source ${legit} but signed by ${other}/`), other);
    let deep = '0';
    for (let d = 0; d < 5000 * (i + 1); d++) deep = `[${deep}]`;
    add(JSON.stringify(envelope(t.definition, good())).replace(/}$/, `,"deep":${deep}}`), /nested deeper than/);
    // A day that does not exist, in the payload's first date field (where it has one), from a genuine key.
    const dated = good();
    const dayField = Object.keys(dated).find((k) => typeof dated[k] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dated[k] as string));
    if (dayField) add(JSON.stringify(envelope(t.definition, { ...dated, [dayField]: ['2026-02-30', '2026-13-45', '2025-02-29'][i] })), /payload: /);
    if (t.definition.actingOffice) {
      // The legitimate agency type, but another office's key: that office cannot speak for this one.
      const payload = good();
      const office = t.definition.actingOffice(payload);
      const k = randomUUID();
      const v = JSON.stringify(envelope(t.definition, payload));
      const foreign = office.replace(/:\w+$/, ':360703');
      out.push({ message: { key: k, value: v, headers: EventTrust.forService(legit).sign(t.topic, k, v, foreign) }, reason: new RegExp(`does not speak for office ${office}`) });
    }
  }
  for (let i = 0; i < 6; i++) {
    add(`{"eventId": "${randomUUID()}", "type": `, /not JSON/);
    add(randomBytes(64 + i * 10), /not JSON/);
    add(['[]', '42', '"text"', 'null', 'true', '[1,2]'][i], /envelope: must be an object|not JSON/);
    add(null, /tombstone/);
    add(JSON.stringify(envelope(t.definition, good(), { version: 99 + i })), /unsupported version/);
    add(JSON.stringify(envelope(t.definition, good(), { type: `hostile.type-${'abcdef'[i]}` })), /unknown event type/);
    const unhandledPayload = t.unhandled === ClockOverdue ? goodOverdue() : t.unhandled === ReferralRequested ? goodReferral('labor-inspection') : goodHotline();
    add(JSON.stringify(envelope(t.unhandled, unhandledPayload)), /no handler for/, t.unhandled.sources[0] as AgencyType);
    add(JSON.stringify(envelope(t.definition, good(), { source: t.forged })), new RegExp(`source ${t.forged} may not emit`));
    add(JSON.stringify(envelope(t.definition, good(), { source: 'hacker' })), /envelope: source/);
    add(JSON.stringify(envelope(t.definition, good(), { eventId: `not-a-uuid-${i}` })), /envelope: eventId/);
    add(JSON.stringify({ ...envelope(t.definition, good()), payload: undefined }), /envelope: payload/);
    add(JSON.stringify(envelope(t.definition, {})), /payload: /);
    add(JSON.stringify(envelope(t.definition, { ...good(), evil: '<script>alert(1)</script>', __proto__x: i })), /should not exist/);
    add(JSON.stringify(envelope(t.definition, Object.fromEntries(Object.entries(good()).map(([k, v]) => [k, typeof v === 'string' ? 12345 : typeof v === 'number' ? 'NaN' : v])))), /payload: /);
  }
  for (let i = 0; i < 2; i++) {
    // Oversized: a field of 200 KB, and a whole record of about 900 KB.
    const fields = good();
    const first = Object.keys(fields).find((k) => typeof fields[k] === 'string')!;
    const big = { ...fields, [first]: 'x'.repeat(200_000) };
    add(JSON.stringify(envelope(t.definition, big)), /payload: /);
    add(JSON.stringify({ ...envelope(t.definition, good()), padding: 'y'.repeat(900_000) }), /envelope: /);
  }
  return out;
}

describe('hostile events on every consumed topic', () => {
  let platform: Platform;
  const kafka = testKafka();

  beforeAll(async () => {
    platform = await Platform.start(ns);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropNamespace(ns);
  });

  it('dead-letters every bad record with its reason, keeps consuming, and takes every good one', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const expected = new Map<string, Map<string, RegExp>>();
    const goodIds = new Map<string, string[]>();
    const goodAlertIds: string[] = [];
    let bad = 0;
    for (const t of TARGETS) {
      const records = hostile(t);
      bad += records.length;
      expected.set(t.topic, new Map(records.map((r) => [String(r.message.key), r.reason])));
      const messages: Message[] = [];
      for (const [i, r] of records.entries()) {
        messages.push(r.message);
        if (t.interleave && i % 8 === 0) {
          const payload = t.good();
          const e = envelope(t.definition, payload);
          goodIds.set(t.topic, [...(goodIds.get(t.topic) ?? []), e.eventId]);
          if ('alertId' in payload) goodAlertIds.push(String(payload.alertId));
          messages.push(signedAs(e, t.topic, t.definition.key(payload)));
        }
      }
      // One partition's worth at a time keeps the record order, so the reasons line up with what was sent.
      for (const m of messages) await producer.send({ topic: ns.topicPrefix + t.topic, acks: -1, messages: [{ ...m, partition: 0 }] });
    }
    await producer.disconnect();
    expect(bad).toBeGreaterThanOrEqual(1000);

    for (const t of TARGETS) {
      const reasons = expected.get(t.topic)!;
      // Ours, by key; the topic's dead letters may hold others too (updates about the referrals injected here,
      // which legal aid rightly refuses as unknown).
      const ours = <T extends { key: string | null }>(got: T[]) => got.filter((d) => d.key !== null && reasons.has(d.key));
      const copies = t.consumers ?? 1;
      const dead = ours(await readTopicUntil(kafka, `${ns.topicPrefix}${t.topic}.dlt`, (got) => ours(got).length >= reasons.size * copies, `the dead letters of ${t.topic}`, 30_000));
      expect(dead).toHaveLength(reasons.size * copies);
      expect(new Set(dead.map((d) => d.key)).size).toBe(reasons.size);
      for (const d of dead) {
        expect(d.headers['dlt-original-topic']).toBe(ns.topicPrefix + t.topic);
        expect(d.headers['dlt-reason']).toMatch(reasons.get(d.key!)!);
      }
    }

    // Every good event took effect: referrals in the inboxes, the application and feed record in early warning,
    // the overdue clock on the committee's list, the alert on its board.
    const inbox = async (schema: string) => (await platform.pg.query(`SELECT event_id FROM "${schemaName(schema)}".inbox`)).rows.map((r) => r.event_id);
    const taken = async () => new Set([...(await inbox('labor_inspection')), ...(await inbox('union')), ...(await inbox('early_warning')), ...(await inbox('command'))]);
    const wanted = [...goodIds.values()].flat();
    await waitFor(`${wanted.length} good events taken`, async () => {
      const got = await taken();
      return wanted.every((id) => got.has(id));
    }, 60_000);
    const counts = await platform.pg.query(`SELECT
      (SELECT count(*) FROM "${schemaName('labor_inspection')}".referral_inbox) AS li,
      (SELECT count(*) FROM "${schemaName('union')}".referral_inbox) AS un,
      (SELECT count(*) FROM "${schemaName('command')}".supervision_items) AS sup,
      (SELECT count(*) FROM "${schemaName('command')}".desk_alerts WHERE alert_id = ANY($1::uuid[])) AS alerts,
      (SELECT count(*) FROM "${schemaName('command')}".stat_referral_milestones) AS milestones,
      (SELECT count(*) FROM "${schemaName('command')}".stat_applications) AS applications`, [goodAlertIds]);
    expect(counts.rows[0]).toEqual({
      li: String(goodIds.get(Topics.referralsTo('labor-inspection'))!.length),
      un: String(goodIds.get(Topics.referralsTo('union'))!.length),
      sup: String(goodIds.get(Topics.supervision)!.length),
      alerts: String(goodIds.get(Topics.alertsTo('command'))!.length),
      // The good milestones sent here, and the inspection's and union's own for the good referrals they received.
      milestones: String(goodIds.get(Topics.caseFacts)!.length + goodIds.get(Topics.referralsTo('labor-inspection'))!.length + goodIds.get(Topics.referralsTo('union'))!.length),
      applications: String(goodIds.get(Topics.applications)!.length),
    });
    process.stdout.write(`hostile events: ${bad} bad records on ${TARGETS.length} topics dead-lettered with their reasons; ${wanted.length} good ones taken\n`);
  });
});
