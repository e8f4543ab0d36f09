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
