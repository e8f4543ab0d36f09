import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { databaseUrl } from '@yuanlian/database';
import { grantServices, principalSasl, serviceAcls, KAFKA_SERVICES } from '@yuanlian/messaging';

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

/** A client of the broker's administrator: tests set up, inspect and forge what they need; services run as themselves. */
export function testKafka(): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const sasl = principalSasl('admin');
  return new Kafka({ clientId: 'test', brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) });
}

/** A service's client, authenticated as that service (for tests of what the broker lets it do). */
export function serviceKafka(service: string): Kafka {
  const sasl = principalSasl(service);
  return new Kafka({ clientId: `test-${service}`, brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) });
}

/** Grants every service its ACLs under the namespace's topic prefix (on a broker without an authorizer, nothing to do). */
export async function grantNamespace(ns: TestNamespace): Promise<void> {
  if (!principalSasl('admin')) return;
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await grantServices(admin, ns.topicPrefix);
  } finally {
    await admin.disconnect();
  }
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
    if (principalSasl('admin')) {
      await admin.deleteAcls({ filters: KAFKA_SERVICES.flatMap((s) => serviceAcls(ns.topicPrefix, s)) });
    }
  } finally {
    await admin.disconnect();
  }
}
