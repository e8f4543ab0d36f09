// What the broker lets each service's principal do (SASL SCRAM-SHA-512, the standard authorizer, the platform's ACLs): its
// own topics and groups, nothing of another agency's, and nothing at all without authenticating.
import { randomUUID } from 'node:crypto';
import { Topics } from '@yuanlian/contracts';
import { createNamespace, dropNamespace, grantNamespace, serviceKafka, testKafka } from '@yuanlian/testing';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from './topics';
import { kafkaSasl } from './credentials';
import { messagingConfig } from './config';

const ns = createNamespace('acl');

describe('the broker’s ACLs', () => {
  const topic = (logical: string) => ns.topicPrefix + logical;

  beforeAll(async () => {
    await grantNamespace(ns);
    await ensureTopics(testKafka(), { ...messagingConfig('command'), topicPrefix: ns.topicPrefix }, [Topics.referralsTo('labor-inspection'), Topics.referralUpdatesTo('legal-aid'), Topics.alertActions]);
    // Something to read, written by the administrator.
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topic(Topics.referralsTo('labor-inspection')), acks: -1, messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();
  });

  afterAll(async () => {
    await dropNamespace(ns);
  });

  it('runs with authentication on: the administrator and every service have a credential', () => {
    for (const principal of ['admin', 'legal-aid', 'labor-inspection', 'court', 'command']) expect(kafkaSasl(principal, { ...process.env, KAFKA_USERNAME: '' })).toBeDefined();
  });

  /** Reads a topic with the principal's client; resolves with the error the broker answered, or undefined once it was read. */
  const readAs = async (kafka: Kafka, service: string, logical: string): Promise<string | undefined> => {
    const consumer = kafka.consumer({ groupId: `${ns.topicPrefix}${service}-acltest-${randomUUID()}` });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: topic(logical), fromBeginning: true });
      const failed = new Promise<string>((resolve) => consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload.error.message)));
      let read!: () => void;
      const got = new Promise<undefined>((resolve) => (read = () => resolve(undefined)));
      await consumer.run({ eachMessage: async () => read() });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('nothing read in 20 s'), 20_000)));
      try {
        return await Promise.race([failed, got, late]);
      } finally {
        clearTimeout(timer);
      }
    } catch (e) {
      return (e as Error).message;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  };
  const writeAs = async (kafka: Kafka, logical: string): Promise<string | undefined> => {
    const producer = kafka.producer({ retry: { retries: 2 } });
    try {
      await producer.connect();
      await producer.send({ topic: topic(logical), acks: -1, messages: [{ key: 'k', value: 'v' }] });
      return undefined;
    } catch (e) {
      return (e as Error).message;
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  };

  it('lets a service read what is addressed to it and write what it publishes', async () => {
    expect(await readAs(serviceKafka('labor-inspection'), 'labor-inspection', Topics.referralsTo('labor-inspection'))).toBeUndefined();
    expect(await writeAs(serviceKafka('labor-inspection'), Topics.referralUpdatesTo('legal-aid'))).toBeUndefined();
    expect(await writeAs(serviceKafka('legal-aid'), Topics.referralsTo('labor-inspection'))).toBeUndefined();
  });

  it('refuses the court reading the inspection’s referrals, and any service writing a topic it was not granted', async () => {
    expect(await readAs(serviceKafka('court'), 'court', Topics.referralsTo('labor-inspection'))).toMatch(/not authorized|authorization/i);
    // Legal aid writing its own inbox (forging the offices' answers), the court writing the inspection's referrals…
    expect(await writeAs(serviceKafka('legal-aid'), Topics.referralUpdatesTo('legal-aid'))).toMatch(/not authorized|authorization/i);
    expect(await writeAs(serviceKafka('court'), Topics.referralsTo('labor-inspection'))).toMatch(/not authorized|authorization/i);
    // …and may not use another service's group (kafkajs reports the coordinator's GROUP_AUTHORIZATION_FAILED as not finding it).
    expect(await readAs(serviceKafka('court'), 'labor-inspection', Topics.referralsTo('labor-inspection'))).toMatch(/not authorized|authorization|Failed to find group coordinator/i);
  });

  it('refuses a client that does not authenticate, or authenticates with a wrong password', async () => {
    const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
    const anonymous = new Kafka({ clientId: 'anonymous', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 0 } });
    expect(await writeAs(anonymous, Topics.alertActions)).toBeDefined();
    const wrong = new Kafka({ clientId: 'wrong', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, sasl: { mechanism: 'scram-sha-512', username: 'command', password: 'guess' } });
    expect(await writeAs(wrong, Topics.alertActions)).toMatch(/SASL|authentication/i);
  });
});
