// Grants every service its broker ACLs under a deployment's topic prefix, as the broker's administrator:
//   node -r @swc-node/register scripts/kafka/grant.ts [prefix]      (default KAFKA_TOPIC_PREFIX or yl.)
import { grantServices, kafkaSecurity } from '@yuanlian/messaging';
import { Kafka, logLevel } from 'kafkajs';

async function main() {
  const prefix = process.argv[2] ?? process.env.KAFKA_TOPIC_PREFIX ?? 'yl.';
  const security = kafkaSecurity('admin', { ...process.env, KAFKA_USERNAME: process.env.KAFKA_ADMIN_USERNAME ?? '', KAFKA_PASSWORD: process.env.KAFKA_ADMIN_PASSWORD });
  if (!security.sasl) throw new Error('no administrator credential (KAFKA_ADMIN_USERNAME / KAFKA_ADMIN_PASSWORD, or .cache/kafka/credentials.json)');
  const kafka = new Kafka({ clientId: 'grant', brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING, ...security });
  const admin = kafka.admin();
  await admin.connect();
  try {
    console.log(`granted ${await grantServices(admin, prefix)} ACL entries for the services under "${prefix}"`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.message ?? e}\n`);
  process.exit(1);
});
