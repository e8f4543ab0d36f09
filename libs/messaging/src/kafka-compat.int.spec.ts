// kafkajs 2.2.4 is frozen while Kafka 4.x removed old protocol versions (KIP-896): prove the calls we rely on.
import { randomUUID } from 'node:crypto';
import { createNamespace, dropNamespace, readTopic, testKafka } from '@yuanlian/testing';

describe('kafkajs against the project broker', () => {
  const ns = createNamespace('compat');
  const kafka = testKafka();
  const topic = `${ns.topicPrefix}compat`;

  afterAll(() => dropNamespace(ns));

  it('creates topics, sends idempotently and transactionally, and reads committed data in a group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    const { brokers } = await admin.describeCluster();
    expect(brokers).toHaveLength(1);
    await admin.disconnect();

    const idem = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await idem.connect();
    await idem.send({ topic, acks: -1, messages: [{ key: 'a', value: 'idempotent' }] });
    await idem.disconnect();

    const tx = kafka.producer({ transactionalId: `tx-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await tx.connect();
    const aborted = await tx.transaction();
    await aborted.send({ topic, messages: [{ key: 'a', value: 'aborted' }] });
    await aborted.abort();
    const committed = await tx.transaction();
    await committed.send({ topic, messages: [{ key: 'a', value: 'committed' }] });
    await committed.commit();
    await tx.disconnect();

    // Both messages share key a, so one partition: an aborted record leaking through would come second.
    const read = await readTopic(kafka, topic, 2);
    expect(read.map((m) => m.value)).toEqual(['idempotent', 'committed']);
  });
});
