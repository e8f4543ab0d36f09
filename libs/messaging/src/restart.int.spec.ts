import { randomUUID } from 'node:crypto';
import { testKafka, waitFor } from '@yuanlian/testing';
import { Consumer, KafkaJSNonRetriableError } from 'kafkajs';
import { restartOnCrash } from './restart';

describe('restartOnCrash (real broker)', () => {
  const kafka = testKafka();
  const topic = `restart-${randomUUID()}`;
  let consumers: Consumer[] = [];
  let closing = false;

  afterAll(async () => {
    closing = true;
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('starts a new consumer when kafkajs gives one up for good, and the event is taken after all', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: -1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] });
    await producer.disconnect();

    const groupId = `restart-${randomUUID()}`;
    const seen: string[] = [];
    const logged: string[] = [];
    let started = 0;
    const start = async () => {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 2 } });
      consumers.push(consumer);
      const generation = ++started;
      restartOnCrash(consumer, { warn: (m) => logged.push(m) }, () => closing, start);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          // The first consumer dies the way a broker restart can kill one: with an error kafkajs will not retry.
          if (generation === 1) throw new KafkaJSNonRetriableError('Failed to find group coordinator');
          seen.push(String(message.value));
        },
      });
    };
    await start();
    await waitFor('the event taken by a new consumer', () => seen.length === 1, 60_000, 100);
    expect(seen).toEqual(['hello']);
    expect(started).toBe(2);
    expect(logged[0]).toMatch(/stopped for good \(Failed to find group coordinator\); starting a new one/);
  });
});
