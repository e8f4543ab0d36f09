import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { messagingConfig } from './config';
import { Outbox } from './outbox';
import { OutboxRelay } from './relay';
import { EventTrust } from './trust';

describe('services without personal data', () => {
  it('build their outbox and relay in production without data keys (the committee and early warning have none)', () => {
    const keys = mkdtempSync(join(tmpdir(), 'no-data-keys-'));
    Object.assign(process.env, { NODE_ENV: 'production', DATA_KEYS_DIR: keys });
    const trust = EventTrust.forService('command', { ...process.env, NODE_ENV: 'test', DATA_KEYS_DIR: keys });
    expect(() => new Outbox(messagingConfig('command'), 'command')).not.toThrow();
    expect(() => new OutboxRelay(new Kafka({ brokers: ['127.0.0.1:1'] }), messagingConfig('command'), { databaseUrl: 'postgres://x@127.0.0.1:1/x', schema: 'command', trust })).not.toThrow();
  });
});
