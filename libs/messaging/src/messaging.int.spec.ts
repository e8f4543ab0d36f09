// Outbox, relay and inbox against the real broker and database (each run in its own schema and topics).
import 'reflect-metadata';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { IsBoolean, IsInt, IsString } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { defineEvent, DirectoryOffice, EventEnvelope } from '@yuanlian/contracts';
import { dataSourceOptions, migrate, schemaName, serviceDatabaseUrl } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace, readTopic, readTopicUntil, testKafka, waitFor } from '@yuanlian/testing';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  devKey, EventVerifier, issueRevocation, Keyring, loadRootKey, loadRoots, signEvent, trustDir, configuredSuite, createRoot,
} from '@yuanlian/trust';
import {
  connectInbox, ensureTopics, EventTrust, kafkaSasl, MESSAGING_MIGRATIONS, Handles, InboxContext, KafkaInboxServer,
  messagingConfig, MessagingModule, Outbox, OutboxRelay, shardOf, signedAs, TopicReplica, TrustRegistry,
} from './index';

class PingV1 {
  @IsString() key: string;
  @IsInt() seq: number;
  @IsBoolean() fail: boolean;
}
const Ping = defineEvent({
  type: 'test.ping', version: 1, payload: PingV1, sources: ['legal-aid'],
  topic: () => 'test-pings', topics: ['test-pings'], key: (p) => p.key, keyDescription: 'key', caseId: (p) => p.key, description: 'test',
});
/** A ping in an office's name: signed with that office's key, which the service may not hold. */
class OfficePingV1 extends PingV1 {
  @IsString() office: string;
}
const OfficePing = defineEvent({
  type: 'test.office-ping', version: 1, payload: OfficePingV1, sources: ['legal-aid'], actingOffice: (p) => p.office,
  topic: () => 'test-pings', topics: ['test-pings'], key: (p) => p.key, keyDescription: 'key', caseId: (p) => p.key, description: 'test',
});

class CreateEffects1764300009999 implements MigrationInterface {
  name = 'CreateEffects1764300009999';
  async up(q: QueryRunner) {
    const s = (q.connection.options as { schema: string }).schema;
    await q.query(`CREATE TABLE "${s}".effects (event_id uuid PRIMARY KEY, key text NOT NULL, seq int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down() {}
}

let handlerCalls = 0;
let flakyFailures = 0;

@Controller()
class PingHandler {
  @Handles(Ping)
  async ping(@Payload() p: PingV1, @Ctx() ctx: InboxContext) {
    handlerCalls++;
    if (p.fail) throw new Error(`refusing ping ${p.seq}`);
    if (p.key === 'flaky' && flakyFailures++ < 3) throw Object.assign(new Error('connection lost'), { code: '08006' });
    await ctx.manager.query(`INSERT INTO "${schemaName('msgtest')}".effects (event_id, key, seq) VALUES ($1, $2, $3)`, [ctx.envelope.eventId, p.key, p.seq]);
  }
}

const ns = createNamespace('msg');
enterNamespace(ns);
// The services of this process reach the broker as its administrator: the test's own topics have no ACLs (what the broker
// lets each service do is tested in acls.int.spec.ts and by every end-to-end test, where services run as themselves).
const administrator = kafkaSasl('admin') as { username: string; password: string } | undefined;
if (administrator) Object.assign(process.env, { KAFKA_USERNAME: administrator.username, KAFKA_PASSWORD: administrator.password });
process.env.OUTBOX_RELAY = 'off';

const db = () => dataSourceOptions({ schema: 'msgtest', entities: [], migrations: [...MESSAGING_MIGRATIONS, CreateEffects1764300009999] });

@Module({
  imports: [TypeOrmModule.forRoot(db()), MessagingModule.forRoot({ service: 'legal-aid', schema: 'msgtest' })],
  controllers: [PingHandler],
})
class TestModule {}

describe('messaging against real Kafka and PostgreSQL', () => {
  const config = messagingConfig('legal-aid');
  const topic = config.topicPrefix + 'test-pings';
  let kafka: Kafka;
  let app: INestApplication;
  let server: KafkaInboxServer;
  let ds: DataSource;
  let producer: Producer;

  const envelope = (payload: PingV1, over: Partial<EventEnvelope> = {}): EventEnvelope => ({
    eventId: randomUUID(), type: 'test.ping', version: 1, occurredAt: new Date().toISOString(), source: 'legal-aid',
    caseId: payload.key, payload: payload as never, ...over,
  });
  // As legal aid's relay would: signed with its key.
  const send = (value: string, key = 'k') => producer.send({ topic, acks: -1, messages: [{ key, value, headers: EventTrust.forService('legal-aid').sign('test-pings', key, value) }] });
  const effects = async (key: string) =>
    (await ds.query(`SELECT seq FROM "${schemaName('msgtest')}".effects WHERE key = $1 ORDER BY at`, [key])).map((r: { seq: number }) => r.seq);

  beforeAll(async () => {
    kafka = testKafka();
    await migrate(db());
    await ensureTopics(kafka, config, ['test-pings']);
    const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.init();
    server = connectInbox(app, { topics: ['test-pings'], maxAttempts: 3, retryBaseMs: 20 });
    await app.startAllMicroservices();
    ds = app.get(getDataSourceToken());
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await dropNamespace(ns);
  });

  it('runs a handler once for a duplicated delivery', async () => {
    const dup = envelope({ key: 'dup', seq: 1, fail: false });
    await send(JSON.stringify(dup), 'dup');
    await send(JSON.stringify(dup), 'dup');
    await send(JSON.stringify(envelope({ key: 'dup', seq: 2, fail: false })), 'dup');
    await waitFor('the second ping', async () => (await effects('dup')).length === 2);
    await waitFor('the duplicate to be skipped', () => server.stats.duplicates >= 1);
    expect(await effects('dup')).toEqual([1, 2]);
    const inbox = await ds.query(`SELECT count(*)::int AS n FROM "${schemaName('msgtest')}".inbox WHERE event_id = $1`, [dup.eventId]);
    expect(inbox[0].n).toBe(1);
  });

  it('dead-letters malformed and failing events with the reason and origin, and goes on', async () => {
    const bad = [
      'this is not json',
      JSON.stringify(envelope({ key: 'bad', seq: 1, fail: false }, { version: 9 })),
      JSON.stringify(envelope({ key: 'bad', seq: 1, fail: false }, { source: 'court' })),
      JSON.stringify({ ...envelope({ key: 'bad', seq: 1, fail: false }), payload: { key: 'bad', seq: 'one', fail: false } }),
      JSON.stringify({ ...envelope({ key: 'bad', seq: 1, fail: false }), payload: { key: 'bad', seq: 1, fail: false, extra: 1 } }),
      JSON.stringify(envelope({ key: 'bad', seq: 1, fail: true })),
    ];
    for (const value of bad) await send(value, 'bad');
    const good = envelope({ key: 'bad', seq: 2, fail: false });
    await send(JSON.stringify(good), 'bad');

    await waitFor('the good event after the bad ones', async () => (await effects('bad')).length === 1);
    expect(await effects('bad')).toEqual([2]);
    const dead = await readTopic(kafka, topic + '.dlt', bad.length);
    const reasons = dead.map((m) => m.headers['dlt-reason']);
    expect(reasons).toEqual([
      'not JSON',
      expect.stringContaining('unsupported version test.ping@9'),
      expect.stringContaining('source court may not emit test.ping'),
      expect.stringContaining('payload: seq:'),
      expect.stringContaining('property extra should not exist'),
      expect.stringContaining('handler failed after 3 attempt(s): refusing ping 1'),
    ]);
    for (const m of dead) {
      expect(m.headers['dlt-original-topic']).toBe(topic);
      expect(Number(m.headers['dlt-original-offset'])).toBeGreaterThanOrEqual(0);
      expect(m.headers['dlt-original-partition']).toMatch(/^\d+$/);
    }
    expect(dead[0].value).toBe('this is not json');
  });

  it('retries transient failures beyond the attempt limit instead of dead-lettering', async () => {
    const before = server.stats.deadLettered;
    await send(JSON.stringify(envelope({ key: 'flaky', seq: 1, fail: false })), 'flaky');
    await waitFor('the flaky ping to succeed', async () => (await effects('flaky')).length === 1);
    expect(flakyFailures).toBe(4);
    expect(server.stats.deadLettered).toBe(before);
  });

  it('publishes through the outbox only what commits', async () => {
    const outbox = app.get(Outbox);
    await ds.transaction((m) => outbox.publish(m, Ping, { key: 'tx', seq: 1, fail: false }));
    await expect(
      ds.transaction(async (m) => {
        await outbox.publish(m, Ping, { key: 'tx', seq: 2, fail: false });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(ds.transaction((m) => outbox.publish(m, Ping, { key: 'tx', seq: 'x' as never, fail: false }))).rejects.toThrow('seq');
    const rows = await ds.query(`SELECT envelope FROM "${schemaName('msgtest')}".outbox WHERE key = 'tx'`);
    expect(rows.map((r: { envelope: string }) => JSON.parse(r.envelope).payload.seq)).toEqual([1]);
  });

  it('relays a backlog in key order with two relays, one of them cut off mid-backlog, losing nothing', async () => {
    const outbox = app.get(Outbox);
    const keys = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    const perKey = 60;
    for (let round = 0; round < perKey; round += 10) {
      await ds.transaction((m) =>
        outbox.publishAll(m, keys.flatMap((key) => Array.from({ length: 10 }, (_, j) => ({ definition: Ping, payload: { key, seq: round + j, fail: false } })))),
      );
    }
    const total = keys.length * perKey;
    const relayOptions = { databaseUrl: serviceDatabaseUrl('msgtest'), schema: schemaName('msgtest'), batchSize: 25, pollMs: 200 };
    const a = new OutboxRelay(kafka, config, relayOptions);
    const b = new OutboxRelay(kafka, config, relayOptions);
    a.start();
    await waitFor('relay A to publish part of the backlog', () => a.published >= 200);
    b.start();
    // Cut relay A's database session, as a crash would: its shard locks go with it.
    await ds.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [
      `relay-${schemaName('msgtest')}`,
    ]);
    await a.stop();
    await waitFor('the whole backlog to be marked published', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schemaName('msgtest')}".outbox WHERE published_at IS NULL`);
      return n === 0;
    }, 60_000);
    await b.stop();
    expect(b.published).toBeGreaterThan(0);

    await waitFor('every relayed ping to take effect', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schemaName('msgtest')}".effects WHERE key LIKE 'order-%'`);
      return n === total;
    }, 60_000);
    for (const key of keys) expect(await effects(key)).toEqual(Array.from({ length: perKey }, (_, i) => i));
  });

  it('parks a record the broker refuses for good and relays the rest', async () => {
    const outbox = app.get(Outbox);
    await ds.transaction((m) => outbox.publish(m, Ping, { key: 'parked', seq: 1, fail: false }));
    // A record far over the broker's message.max.bytes, as a bug might write one.
    const big = JSON.stringify({ ...envelope({ key: 'parked', seq: 2, fail: false }), padding: 'x'.repeat(2_000_000) });
    await ds.query(`INSERT INTO "${schemaName('msgtest')}".outbox (event_id, type, topic, key, shard, envelope) VALUES ($1, 'test.ping', 'test-pings', 'parked', $2, $3)`,
      [randomUUID(), shardOf('parked'), big]);
    await ds.transaction((m) => outbox.publish(m, Ping, { key: 'parked', seq: 3, fail: false }));
    const relay = new OutboxRelay(kafka, config, { databaseUrl: serviceDatabaseUrl('msgtest'), schema: schemaName('msgtest'), pollMs: 200 });
    relay.start();
    try {
      await waitFor('the pings around the refused record to take effect', async () => (await effects('parked')).length === 2, 60_000);
      expect(await effects('parked')).toEqual([1, 3]);
      expect(relay.parked).toBe(1);
      const [row] = await ds.query(`SELECT park_reason FROM "${schemaName('msgtest')}".outbox WHERE parked_at IS NOT NULL`);
      expect(row.park_reason).toMatch(/^MESSAGE_TOO_LARGE: /);
    } finally {
      await relay.stop();
    }
  });

  it('checks each event of a batch once, however many good events stand before a bad one', async () => {
    const trust = EventTrust.forService('legal-aid');
    let checks = 0;
    const check = trust.check.bind(trust);
    const spy = jest.spyOn(trust, 'check').mockImplementation((topic, key, value, headers) => {
      if (key === 'checked-once') checks++;
      return check(topic, key, value, headers);
    });
    try {
      const good = Array.from({ length: 40 }, (_, i) => {
        const value = JSON.stringify(envelope({ key: 'checked-once', seq: i, fail: false }));
        return { key: 'checked-once', value, headers: trust.sign('test-pings', 'checked-once', value) };
      });
      // Forty good events and an unsigned one, in one send: one fetch, one window of the batch.
      await producer.send({ topic, acks: -1, messages: [...good, { key: 'checked-once', value: JSON.stringify(envelope({ key: 'checked-once', seq: 40, fail: false })) }] });
      await waitFor('the forty good events', async () => (await effects('checked-once')).length === 40);
      await waitFor('the unsigned one dead-lettered', () => checks >= 41);
      await new Promise((r) => setTimeout(r, 300));
      expect(checks).toBe(41);
    } finally {
      spy.mockRestore();
    }
  });

  it('parks an event no key of the service may sign, and relays the rest', async () => {
    const outbox = app.get(Outbox);
    await ds.transaction((m) => outbox.publishAll(m, [
      { definition: OfficePing, payload: { key: 'unsignable', seq: 1, fail: false, office: 'legal-aid:440305' } },
      { definition: Ping, payload: { key: 'unsignable', seq: 2, fail: false } },
    ]));
    const relay = new OutboxRelay(kafka, config, { databaseUrl: serviceDatabaseUrl('msgtest'), schema: schemaName('msgtest'), pollMs: 200 });
    relay.start();
    try {
      await waitFor('the signable ping to take effect', async () => (await effects('unsignable')).length === 1);
      expect(await effects('unsignable')).toEqual([2]);
      const [row] = await ds.query(`SELECT park_reason FROM "${schemaName('msgtest')}".outbox WHERE type = 'test.office-ping'`);
      expect(row.park_reason).toBe('not signed: no valid signing key for office legal-aid:440305 in the legal-aid keyring');
    } finally {
      await relay.stop();
    }
  });

  it('keeps in a replica only records signed by a key allowed to write them', async () => {
    const office = (name: string) => ({
      officeId: 'legal-aid:360702', agencyType: 'legal-aid', name, divisionCode: '360702', towns: [], address: '赣州市', phone: '0797-1', hours: '工作日',
      services: ['wage_arrears'], capacityPerMonth: 10, demonstration: 'none', active: true, updatedAt: new Date().toISOString(),
    });
    const record = (name: string) => ({ eventId: randomUUID(), type: 'directory.office', version: 1, occurredAt: new Date().toISOString(), source: 'command', caseId: 'legal-aid:360702', payload: office(name) });
    await ensureTopics(kafka, config, ['directory.offices']);
    const directory = config.topicPrefix + 'directory.offices';
    const genuine = record('章贡区法律援助中心');
    await producer.send({ topic: directory, acks: -1, messages: [signedAs(genuine, 'directory.offices', 'legal-aid:360702')] });
    const forged = record('伪造的法律援助中心');
    const forgedValue = JSON.stringify(forged);
    await producer.send({ topic: directory, acks: -1, messages: [
      // Unsigned; signed by legal aid claiming to be the committee; a tombstone.
      { key: 'legal-aid:360702', value: forgedValue },
      { key: 'legal-aid:360702', value: forgedValue, headers: EventTrust.forService('legal-aid').sign('directory.offices', 'legal-aid:360702', forgedValue) },
      { key: 'legal-aid:360702', value: null },
    ] });
    const replica = new TopicReplica(kafka, config, DirectoryOffice);
    await replica.start();
    try {
      expect(replica.get('legal-aid:360702')?.name).toBe('章贡区法律援助中心');
    } finally {
      await replica.stop();
    }
  });

  it('consumes a partition added to its topic after it joined, once its metadata is older than the set age', async () => {
    const grow = `${config.topicPrefix}test-grow`;
    await ensureTopics(kafka, config, ['test-grow']);
    const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
    const other = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await other.init();
    connectInbox(other, { topics: ['test-grow'], groupId: `${config.topicPrefix}grow`, metadataMaxAgeMs: 1000 });
    await other.startAllMicroservices();
    try {
      const admin = kafka.admin();
      await admin.connect();
      const [{ partitions }] = (await admin.fetchTopicMetadata({ topics: [grow] })).topics;
      await admin.createPartitions({ topicPartitions: [{ topic: grow, count: partitions.length + 1 }] });
      await admin.disconnect();
      // Straight to the new partition, which the consumer was not given when it joined.
      await producer.send({ topic: grow, acks: -1, messages: [{ ...signedAs(envelope({ key: 'grown', seq: 1, fail: false }), 'test-grow', 'grown'), partition: partitions.length }] });
      // kafkajs's default age is five minutes: without the set age this waits out the test.
      await waitFor('the ping on the added partition', async () => (await effects('grown')).length === 1, 20_000);
    } finally {
      await other.close();
    }
  });

  it('refuses unsigned, altered, misattributed, foreign-rooted and revoked events, with the reason, and goes on', async () => {
    const suite = configuredSuite();
    const root = loadRootKey(trustDir());
    const raw = (value: string, key: string, headers: Record<string, string> = {}) => producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
    const forged = envelope({ key: 'forged', seq: 1, fail: false });
    const forgedValue = JSON.stringify(forged);
    // Unsigned.
    await raw(forgedValue, 'forged');
    // Signed, then altered on the way.
    const genuine = EventTrust.forService('legal-aid').sign('test-pings', 'forged', forgedValue);
    await raw(forgedValue.replace('"seq":1', '"seq":7'), 'forged', genuine as Record<string, string>);
    // A genuine signature copied to another key.
    await raw(forgedValue, 'other', genuine as Record<string, string>);
    // Signed by the court's own key, but claiming to be legal aid.
    await raw(forgedValue, 'forged', EventTrust.forService('court').sign('test-pings', 'forged', forgedValue) as Record<string, string>);
    // A key certified by a root nobody trusts.
    const stranger = createRoot(suite, 'stranger');
    const strangerRing = new Keyring('legal-aid', [devKey(suite, stranger, 'legal-aid', [])], suite);
    await raw(forgedValue, 'forged', signEvent(strangerRing, { topic: 'test-pings', key: 'forged', value: forgedValue }));
    // A key of our own root, revoked through the registry: good before the revocation is read, refused after.
    const entry = devKey(suite, root, 'legal-aid', [], 1, 'revoked');
    const ring = new Keyring('legal-aid', [entry], suite);
    const before = JSON.stringify(envelope({ key: 'revoked', seq: 1, fail: false }));
    await raw(before, 'revoked', signEvent(ring, { topic: 'test-pings', key: 'revoked', value: before }));
    await waitFor('the event of the key not yet revoked', async () => (await effects('revoked')).length === 1);
    const registry = app.get(TrustRegistry);
    const record = { kid: entry.cert.kid, certificate: entry.cert, revocation: issueRevocation(root, entry.cert.kid, '密钥泄露') };
    const committee = { eventId: randomUUID(), type: 'trust.key', version: 1, occurredAt: new Date().toISOString(), source: 'command', caseId: entry.cert.kid, payload: record };
    await producer.send({ topic: config.topicPrefix + 'trust.keys', acks: -1, messages: [signedAs(committee, 'trust.keys', `${entry.cert.kid}#revoked`)] });
    await waitFor('the revocation to be read', () => !!registry.trust.revoked(entry.cert.kid));
    const after = JSON.stringify(envelope({ key: 'revoked', seq: 2, fail: false }));
    await raw(after, 'revoked', signEvent(ring, { topic: 'test-pings', key: 'revoked', value: after }));
    // A revocation not signed by the root changes nothing.
    const fake = { ...issueRevocation(stranger, entry.cert.kid, 'x'), issuer: root.root.id };
    expect(new EventVerifier(loadRoots(), [suite.alg]).verify({ topic: 'test-pings', key: 'k', value: Buffer.from(after), headers: signEvent(ring, { topic: 'test-pings', key: 'k', value: after }) }).ok).toBe(true);
    expect(registry.trust.learn({ kid: entry.cert.kid, revocation: fake as never })).toMatch(/does not verify/);
    // The good event behind them all.
    await send(JSON.stringify(envelope({ key: 'forged', seq: 2, fail: false })), 'forged');
    await waitFor('the genuine event after the forged ones', async () => (await effects('forged')).length === 1);
    expect(await effects('forged')).toEqual([2]);
    expect(await effects('revoked')).toEqual([1]);
    const ours = <M extends { key: string | null }>(got: M[]) => got.filter((m) => ['forged', 'other', 'revoked'].includes(String(m.key)));
    const dead = ours(await readTopicUntil(kafka, topic + '.dlt', (got) => ours(got).length >= 6, 'six refused events'));
    expect(dead).toHaveLength(6);
    // Different keys may sit on different partitions: the order between them is not kept.
    expect(dead.map((m) => m.headers['dlt-reason'])).toEqual(expect.arrayContaining([
      expect.stringContaining('unsigned event'),
      expect.stringContaining('signature does not verify'),
      expect.stringContaining('signature does not verify'),
      expect.stringMatching(/^source legal-aid but signed by court\//),
      expect.stringContaining('is not a trusted root'),
      expect.stringContaining('revoked'),
    ]));
  });

  it('dead-letters an event nested deeper than any contract instead of crashing the consumer', async () => {
    let deep = '0';
    for (let i = 0; i < 20_000; i++) deep = `[${deep}]`;
    const value = JSON.stringify(envelope({ key: 'deep', seq: 1, fail: false })).replace('"fail":false', `"fail":false,"nest":${deep}`);
    await send(value, 'deep');
    await send(JSON.stringify(envelope({ key: 'deep', seq: 2, fail: false })), 'deep');
    await waitFor('the event behind the deep one', async () => (await effects('deep')).length === 1);
    const deepOnes = <M extends { key: string | null }>(got: M[]) => got.filter((m) => String(m.key) === 'deep');
    const dead = deepOnes(await readTopicUntil(kafka, topic + '.dlt', (got) => deepOnes(got).length >= 1, 'the deep event'));
    expect(dead.map((m) => m.headers['dlt-reason'])).toEqual([expect.stringContaining('nested deeper than 32 levels')]);
  });
});
