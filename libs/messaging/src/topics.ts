import { Logger } from '@nestjs/common';
import { allTopics, COMPACTED_TOPICS, deadLetterTopic, RETAINED_TOPICS } from '@yuanlian/contracts';
import { Kafka } from 'kafkajs';
import { MessagingConfig, physicalTopic } from './config';

/**
 * Creates every platform topic and its dead-letter topic if missing (auto-creation is off on the broker): the
 * directory compacted, the statistics' sources kept for good. An existing topic is left as it is.
 */
export async function ensureTopics(kafka: Kafka, config: MessagingConfig, logical: string[] = allTopics()): Promise<void> {
  const partitions = Number(process.env.KAFKA_PARTITIONS ?? 6);
  const compacted = new Set(COMPACTED_TOPICS.map((t) => physicalTopic(config, t)));
  const retained = new Set(RETAINED_TOPICS.map((t) => physicalTopic(config, t)));
  const wanted = logical.map((t) => physicalTopic(config, t)).flatMap((t) => [t, deadLetterTopic(t)]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (!missing.length) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topic.endsWith('.dlt') ? 1 : partitions,
        replicationFactor: -1,
        ...(compacted.has(topic) ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
        ...(retained.has(topic) ? { configEntries: [{ name: 'retention.ms', value: '-1' }] } : {}),
      })),
    });
    new Logger('Topics').log(`created ${missing.length} topic(s): ${missing.join(', ')}`);
  } catch (e) {
    // Another service created them first.
    if ((e as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw e;
  } finally {
    await admin.disconnect();
  }
}
