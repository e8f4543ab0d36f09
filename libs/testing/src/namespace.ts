import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl } from '@yuanlian/database';

/**
 * A test run's own corner of the shared broker and database: schemas and topics carry a unique prefix, so runs
 * never see each other's data and can be dropped afterwards.
 */
export interface TestNamespace {
  id: string;
  schemaPrefix: string;
  topicPrefix: string;
  env: Record<string, string>;
}

export function createNamespace(label = 't'): TestNamespace {
  const id = `${label}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const schemaPrefix = `${id}_`;
  const topicPrefix = `${id}.`;
  return {
    id,
    schemaPrefix,
    topicPrefix,
    env: { DB_SCHEMA_PREFIX: schemaPrefix, KAFKA_TOPIC_PREFIX: topicPrefix, KAFKA_PARTITIONS: '3' },
  };
}

/** Makes this process use the namespace (for in-process modules). */
export function enterNamespace(ns: TestNamespace): void {
  Object.assign(process.env, ns.env);
}

export function testKafka(): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({ clientId: 'test', brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
}

/** Drops the namespace's schemas and topics. */
export async function dropNamespace(ns: TestNamespace): Promise<void> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [ns.schemaPrefix]);
    for (const r of rows) await client.query(`DROP SCHEMA "${r.nspname}" CASCADE`);
  } finally {
    await client.end();
  }
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(ns.topicPrefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
