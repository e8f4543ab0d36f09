// Services starting together against the real broker: each creates or finds the platform's topics, and none goes
// on (to subscribe) before the broker serves every partition of them. kafkajs's own wait for leaders fails here with
// UNKNOWN_TOPIC_OR_PARTITION on most creations, a consumer subscribing that early fails, and one reading offsets
// before the leader has set its partitions up is refused (NOT_LEADER_OR_FOLLOWER) and rejoins its group.
import { allTopics, deadLetterTopic } from '@yuanlian/contracts';
import { createNamespace, dropNamespace, enterNamespace, testKafka, waitFor } from '@yuanlian/testing';
import { messagingConfig, physicalTopic } from './config';
import { kafkaSasl } from './credentials';
import { ensureTopics } from './topics';

const ns = createNamespace('topics');
enterNamespace(ns);
// Each round has a prefix of its own, with no ACLs: the services' clients here are the broker administrator's.
const administrator = kafkaSasl('admin') as { username: string; password: string } | undefined;
if (administrator) Object.assign(process.env, { KAFKA_USERNAME: administrator.username, KAFKA_PASSWORD: administrator.password });

describe('ensureTopics', () => {
  afterAll(() => dropNamespace(ns));

  it('returns, in every one of several services starting at once, only when the broker serves all topics', async () => {
    const partitions = Number(process.env.KAFKA_PARTITIONS ?? 6);
    for (let round = 0; round < 3; round++) {
      const config = { ...messagingConfig('legal-aid'), topicPrefix: `${ns.topicPrefix}r${round}.` };
      const wanted = allTopics().map((t) => physicalTopic(config, t)).flatMap((t) => [t, deadLetterTopic(t)]);
      // Four services, each with its own client, as at a platform start.
      const started = await Promise.allSettled([0, 1, 2, 3].map(() => ensureTopics(testKafka(), config)));
      expect(started.filter((s) => s.status === 'rejected')).toEqual([]);

      // At once, no polling: every topic there with all its partitions led, and a consumer assigned every partition.
      const kafka = testKafka();
      const admin = kafka.admin();
      await admin.connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
      await admin.disconnect();
      expect(topics.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort())
        .toEqual(wanted.map((t) => [t, t.endsWith('.dlt') ? 1 : partitions, true]).sort());

      const consumer = kafka.consumer({ groupId: `${config.topicPrefix}probe`, maxWaitTimeInMs: 100 });
      let assigned = 0;
      let joins = 0;
      let fetched = false;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        joins++;
        assigned = Object.values(payload.memberAssignment).reduce((n, p) => n + p.length, 0);
      });
      consumer.on(consumer.events.FETCH, () => (fetched = true));
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: wanted.filter((t) => !t.endsWith('.dlt')) });
        await consumer.run({ eachMessage: async () => undefined });
        // Its first fetch comes after the partitions' offsets were read: a leader not yet serving them makes it rejoin.
        await waitFor('the first fetch', async () => fetched);
        expect({ assigned, joins }).toEqual({ assigned: allTopics().length * partitions, joins: 1 });
      } finally {
        await consumer.disconnect();
      }
    }
  });
});
