// Exits 0 once the broker answers a metadata request (an open port alone is not readiness).
const { Kafka, logLevel } = require('kafkajs');
const kafka = new Kafka({ clientId: 'ready-check', brokers: [process.argv[2] || '127.0.0.1:9092'], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
const admin = kafka.admin();
admin.connect()
  .then(() => admin.describeCluster())
  .then(() => admin.disconnect())
  .then(() => process.exit(0), () => process.exit(1));
