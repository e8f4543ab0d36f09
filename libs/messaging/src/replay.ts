import { randomUUID } from 'node:crypto';
import { decodeEvent } from '@yuanlian/contracts';
import type { Decoded } from '@yuanlian/contracts';
import { Kafka } from 'kafkajs';
import { MessagingConfig, physicalTopic } from './config';
import { backoff, sleep } from './errors';

type Valid = Extract<Decoded, { ok: true }>;

/** A topic's partitions and their end offsets now; a topic created a moment ago may not have its leaders yet. */
export async function endOffsets(kafka: Kafka, topic: string): Promise<{ partition: number; low: string; high: string }[]> {
  for (let attempt = 0; ; attempt++) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      return await admin.fetchTopicOffsets(topic);
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(backoff(attempt, 100, 2000));
    } finally {
      await admin.disconnect();
    }
  }
}

/**
 * Reads topics from their beginning up to where they end now, in batches per partition (in order per key), with a
 * consumer group of its own that is deleted afterwards; for rebuilding a read model from the events. Records that
 * do not decode are counted and skipped (the live consumer dead-letters them).
 */
export async function replayTopics(
  kafka: Kafka,
  config: MessagingConfig,
  logicalTopics: string[],
  handle: (events: Valid[]) => Promise<void>,
  onProgress?: (read: number, total: number) => void,
): Promise<{ events: number; skipped: number }> {
  const pending = new Map<string, bigint>();
  let total = 0;
  for (const logical of logicalTopics) {
    const topic = physicalTopic(config, logical);
    for (const e of await endOffsets(kafka, topic)) {
      if (e.high === e.low) continue;
      pending.set(`${topic}/${e.partition}`, BigInt(e.high) - 1n);
      total += Number(BigInt(e.high) - BigInt(e.low));
    }
  }
  const result = { events: 0, skipped: 0 };
  if (!pending.size) return result;
  const groupId = `${config.topicPrefix}${config.service}-replay-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  let done!: () => void;
  let failed!: (e: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => ((done = resolve), (failed = reject)));
  await consumer.connect();
  try {
    for (const logical of logicalTopics) await consumer.subscribe({ topic: physicalTopic(config, logical), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const last = pending.get(key);
        if (last === undefined) return;
        const messages = batch.messages.filter((m) => BigInt(m.offset) <= last);
        const valid: Valid[] = [];
        for (const m of messages) {
          const decoded = decodeEvent(m.value);
          if (decoded.ok) valid.push(decoded);
          else result.skipped++;
        }
        try {
          if (valid.length) await handle(valid);
        } catch (e) {
          failed(e);
          throw e;
        }
        result.events += valid.length;
        onProgress?.(result.events + result.skipped, total);
        if (messages.length && BigInt(messages[messages.length - 1].offset) >= last) {
          pending.delete(key);
          if (!pending.size) done();
        }
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return result;
}
