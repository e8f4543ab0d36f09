import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';
import { waitFor } from './wait';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

const headerText = (h: IHeaders = {}) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : v === undefined ? '' : v.toString()]));

/** Reads a topic from the beginning with a throw-away group until `count` messages arrived. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 30_000): Promise<ReadMessage[]> {
  return readTopicUntil(kafka, topic, (got) => got.length >= count, `${count} message(s) on ${topic}`, timeoutMs);
}

/** Reads a topic from the beginning with a throw-away group until `done` says what arrived is enough. */
export async function readTopicUntil(kafka: Kafka, topic: string, done: (got: ReadMessage[]) => boolean, what: string, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const got: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        got.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headerText(message.headers), partition, offset: message.offset });
      },
    });
    await waitFor(`${what} (have ${got.length})`, () => done(got), timeoutMs);
    return got;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Reads a topic from the beginning to the end it has now (each partition's high watermark, asked of the broker first):
 * every record, with nothing to wait for when it is empty.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  const total = [...ends.values()].reduce((s, n) => s + n, 0n);
  if (total === 0n) return [];
  const reached = (got: ReadMessage[]) => {
    const next = new Map<number, bigint>();
    for (const m of got) next.set(m.partition, BigInt(m.offset) + 1n);
    return [...ends].every(([partition, high]) => high === 0n || (next.get(partition) ?? 0n) >= high);
  };
  const got = await readTopicUntil(kafka, topic, reached, `${topic} to offsets ${[...ends.values()].join('/')}`, timeoutMs);
  // Records written after the ends were asked for belong to a later reading.
  return got.filter((m) => BigInt(m.offset) < (ends.get(m.partition) ?? 0n));
}
