import { Logger } from '@nestjs/common';
import { allTopics, COMPACTED_TOPICS, deadLetterTopic, RETAINED_TOPICS } from '@yuanlian/contracts';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { createKafka } from './kafka';
import { MessagingConfig, physicalTopic } from './config';
import { sleep } from './errors';

/** How long a service waits for its topics to be served (created by it or by another service starting with it). */
const READY_TIMEOUT_MS = 60_000;

/**
 * Creates every platform topic and its dead-letter topic if missing (auto-creation is off on the broker): the
 * directory compacted, the statistics' sources kept for good. An existing topic is left as it is. Returns once the
 * broker serves every one of them with a leader for each partition, whoever created them: a consumer that joins its
 * group before that is assigned only the partitions the broker already knew, and stays deaf to the rest until its
 * next metadata refresh (five minutes).
 */
export async function ensureTopics(kafka: Kafka, config: MessagingConfig, logical: string[] = allTopics()): Promise<void> {
  const partitions = Number(process.env.KAFKA_PARTITIONS ?? 6);
  const compacted = new Set(COMPACTED_TOPICS.map((t) => physicalTopic(config, t)));
  const retained = new Set(RETAINED_TOPICS.map((t) => physicalTopic(config, t)));
  const wanted = logical.map((t) => physicalTopic(config, t)).flatMap((t) => [t, deadLetterTopic(t)]);
  const partitionsOf = (topic: string) => (topic.endsWith('.dlt') ? 1 : partitions);
  const admin = kafka.admin();
  await admin.connect();
  let missing: string[] = [];
  try {
    const existing = new Set(await admin.listTopics());
    missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      // Not kafkajs's waitForLeaders: it gives up with UNKNOWN_TOPIC_OR_PARTITION while a KRaft broker is still
      // applying the new topics to its metadata (seen for most creations on this broker). servedTopics waits.
      const created = await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitionsOf(topic),
          replicationFactor: -1,
          ...(compacted.has(topic) ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
          ...(retained.has(topic) ? { configEntries: [{ name: 'retention.ms', value: '-1' }] } : {}),
        })),
      });
      // false: another service created them first (kafkajs resolves so when every one of them already exists).
      if (created) new Logger('Topics').log(`created ${missing.length} topic(s) under "${config.topicPrefix}"`);
    }
  } finally {
    await admin.disconnect();
  }
  // Those created now must show every partition; one that was there already may have been made with other numbers.
  // A client of its own that does not log: until the partitions are served, each probe's refusal would be an error line.
  const fresh = new Set(missing);
  // Probes fail fast (one retry); the loop in servedTopics does the waiting.
  const quiet = createKafka({ ...config, clientId: `${config.clientId}-topics` }, { logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100 } }).admin();
  await quiet.connect();
  try {
    await servedTopics(quiet, wanted.map((name) => ({ name, partitions: fresh.has(name) ? partitionsOf(name) : 1 })), READY_TIMEOUT_MS);
  } finally {
    await quiet.disconnect();
  }
}

/**
 * Waits until the broker's metadata has each topic with at least the given number of partitions, each with a
 * leader, and then until the leaders answer for the partitions' offsets: led in the metadata is not yet served (the
 * leader answers NOT_LEADER_OR_FOLLOWER until it has set the partition up, and a consumer asking for its offsets
 * then rejoins its group). Throws naming the laggards.
 */
export async function servedTopics(admin: Admin, topics: { name: string; partitions: number }[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await until(deadline, timeoutMs, topics, (waiting) => unserved(admin, waiting));
  await until(deadline, timeoutMs, topics, (waiting) => offsetsRefused(admin, waiting));
}

/** Asks `pending` for the topics still waiting, with a growing pause, until none is left or the deadline passes. */
async function until<T extends { name: string }>(deadline: number, timeoutMs: number, topics: T[], pending: (waiting: T[]) => Promise<T[]>): Promise<void> {
  let waiting = topics;
  for (let attempt = 0; ; attempt++) {
    waiting = await pending(waiting);
    if (!waiting.length) return;
    if (Date.now() > deadline) {
      const names = waiting.map((t) => t.name);
      throw new Error(`topics not served by the broker after ${timeoutMs} ms: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`);
    }
    await sleep(Math.min(500, 25 * 2 ** attempt));
  }
}

/**
 * The topics missing from the broker's metadata, short of partitions, or with a partition without a leader. Asked
 * for all topics at once, since a request naming a topic the broker does not know yet fails as a whole.
 */
async function unserved<T extends { name: string; partitions: number }>(admin: Admin, topics: T[]): Promise<T[]> {
  const known = new Map((await admin.fetchTopicMetadata()).topics.map((t) => [t.name, t.partitions]));
  return topics.filter((topic) => {
    const partitions = known.get(topic.name) ?? [];
    return partitions.length < Math.max(1, topic.partitions) || partitions.some((p) => p.leader < 0);
  });
}

/** The topics whose leaders do not yet answer for their partitions' offsets. */
async function offsetsRefused<T extends { name: string }>(admin: Admin, topics: T[]): Promise<T[]> {
  const refused = await Promise.all(topics.map((t) => admin.fetchTopicOffsets(t.name).then(() => false, () => true)));
  return topics.filter((_, i) => refused[i]);
}
