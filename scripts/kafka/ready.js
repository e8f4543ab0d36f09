// Exits 0 once the broker answers a metadata request (an open port alone is not readiness), asked as the broker's administrator.
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const file = process.env.KAFKA_CREDENTIALS || resolve(__dirname, '..', '..', '.cache', 'kafka', 'credentials.json');
const admin = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).admin : undefined;
const kafka = new Kafka({
  clientId: 'ready-check', brokers: [process.argv[2] || '127.0.0.1:9092'], logLevel: logLevel.NOTHING, retry: { retries: 0 },
  ...(admin ? { sasl: { mechanism: 'scram-sha-512', username: 'admin', password: admin } } : {}),
});
const client = kafka.admin();
client.connect()
  .then(() => client.describeCluster())
  .then(() => client.disconnect())
  .then(() => process.exit(0), () => process.exit(1));
