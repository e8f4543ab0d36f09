import { Logger } from '@nestjs/common';
import { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import { MessagingConfig, physicalTopic } from './config';
import { PRODUCER_RETRY } from './kafka';
import { backoff, sleep } from './errors';
import { outboxChannel } from './outbox';
import { fnv1a, OUTBOX_SHARDS } from './shard';
import { EventTrust } from './trust';
import { checkCrashSwitch, crashPoint } from './crash-points';
import { baseSchemaName } from '@yuanlian/database';
import { DataKeys } from '@yuanlian/trust';

export interface RelayOptions {
  databaseUrl: string;
  schema: string;
  /** Rows per Kafka request when there is a backlog. */
  batchSize?: number;
  /** Sweep for rows without a notification (crash leftovers, missed NOTIFY); new rows wake the relay at once by NOTIFY. */
  pollMs?: number;
  /** Published rows are deleted after this long. */
  retentionMs?: number;
  /** Signs what is sent (the service's own keys by default). */
  trust?: EventTrust;
  /** Opens envelopes the outbox sealed (the schema's data keys by default, read when the first sealed row comes). */
  dataKeys?: () => DataKeys;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  event_id: string;
  type: string;
  envelope: string;
}

/**
 * Publishes outbox rows in id order per shard. Each shard is owned through a session advisory lock, so
 * several relays can run: one owns a shard at a time (order per key is kept) and a relay that dies releases
 * its shards with its connection, for another to take within a few seconds.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly retentionMs: number;
  private readonly lockClass: number;
  private readonly trust: EventTrust;
  private readonly dataKeys: () => DataKeys;
  private client?: Client;
  private producer?: Producer;
  private held: number[] = [];
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastShardCheck = 0;
  private lastCleanup = 0;
  /** Rows sent to the broker, marked published by the next read of the outbox (one round trip for both). */
  private unmarked: string[] = [];
  /** Events published by this relay since start. */
  published = 0;
  /** Rows set aside because the broker will never take them. */
  parked = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: MessagingConfig,
    private readonly options: RelayOptions,
  ) {
    checkCrashSwitch();
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 5000;
    this.retentionMs = options.retentionMs ?? 24 * 3600 * 1000;
    this.lockClass = fnv1a(`outbox:${options.schema}`) | 0;
    this.trust = options.trust ?? EventTrust.forService(config.service);
    this.dataKeys = options.dataKeys ?? (() => DataKeys.forSchema(baseSchemaName(options.schema)));
  }

  get shards(): readonly number[] {
    return this.held;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the send in flight; if the broker is away and the send would retry on, cuts it off after graceMs. */
  async stop(graceMs = 5000): Promise<void> {
    this.running = false;
    this.wake?.();
    if (!this.loop) return;
    const done = this.loop.then(() => true);
    if (await Promise.race([done, sleep(graceMs).then(() => false)])) return;
    this.logger.warn(`relay for ${this.options.schema} still sending after ${graceMs} ms; cutting it off (unmarked rows are sent again on the next start)`);
    await this.disconnect();
    await Promise.race([done, sleep(graceMs)]);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.connect();
        failures = 0;
        await this.pump();
      } catch (e) {
        if (!this.running) break;
        this.logger.warn(`relay interrupted, reconnecting: ${(e as Error).message}`);
        await sleep(backoff(failures++, 200, 5000));
      } finally {
        await this.disconnect();
      }
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `relay-${this.options.schema}` });
    client.on('error', (e) => this.logger.warn(`relay connection error: ${e.message}`));
    client.on('notification', () => this.wake?.());
    this.client = client;
    await client.connect();
    await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: PRODUCER_RETRY });
    await this.producer.connect();
    this.held = [];
    this.lastShardCheck = 0;
  }

  private async disconnect(): Promise<void> {
    const { client, producer } = this;
    this.client = undefined;
    this.producer = undefined;
    this.held = [];
    await Promise.allSettled([client?.end(), producer?.disconnect()]);
  }

  private async acquireShards(client: Client): Promise<void> {
    const free = [...Array(OUTBOX_SHARDS).keys()].filter((s) => !this.held.includes(s));
    if (!free.length) return;
    const { rows } = await client.query<{ shard: number }>(
      'SELECT s AS shard FROM unnest($2::int[]) AS s WHERE pg_try_advisory_lock($1::int, s)',
      [this.lockClass, free],
    );
    if (rows.length) {
      this.held = [...this.held, ...rows.map((r) => r.shard)].sort((a, b) => a - b);
      this.logger.log(`relay for ${this.options.schema} owns shards ${this.held.join(',')}`);
    }
  }

  private async pump(): Promise<void> {
    const client = this.client!;
    while (this.running) {
      const now = Date.now();
      if (now - this.lastShardCheck > 3000) {
        this.lastShardCheck = now;
        await this.acquireShards(client);
      }
      if (now - this.lastCleanup > 60_000) {
        this.lastCleanup = now;
        await client.query(
          `DELETE FROM "${this.options.schema}".outbox WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`,
          [this.retentionMs],
        );
      }
      const waiting = this.waitForWake();
      const rows = await this.markAndRead(client);
      if (rows.length) {
        await this.publish(client, rows);
        continue;
      }
      await Promise.race([waiting, sleep(this.pollMs)]);
    }
    // Stopping: what was sent last is marked now, so a restart does not send it again.
    await this.markAndRead(client, false);
  }

  /**
   * Marks what was sent as published and reads the next rows, in one statement. The read runs on the statement's
   * snapshot, which does not see the marks yet, so it leaves the just-sent ids out itself.
   */
  private async markAndRead(client: Client, read = true): Promise<OutboxRow[]> {
    const sent = this.unmarked;
    if (!sent.length && (!read || !this.held.length)) return [];
    const { rows } = await client.query<OutboxRow>(
      `WITH marked AS (UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($3::bigint[]) RETURNING id)
       SELECT id, topic, key, event_id, type, envelope FROM "${this.options.schema}".outbox
       WHERE $4::boolean AND published_at IS NULL AND parked_at IS NULL AND shard = ANY($1::int[]) AND id <> ALL($3::bigint[]) ORDER BY id LIMIT $2`,
      [this.held, this.batchSize, sent, read],
    );
    this.unmarked = [];
    this.published += sent.length;
    return rows;
  }

  /**
   * Sends rows (marked published with the next read). A batch the broker refuses for good (a record too large, say) is split
   * until the record at fault stands alone; that one is parked with the reason, so it cannot hold up the rest.
   */
  private async publish(client: Client, rows: OutboxRow[]): Promise<void> {
    const signed: SignedRow[] = [];
    for (const row of rows) {
      try {
        // A sealed envelope (one carrying a worker's ID number or phone) is opened only to be sent; a row written before
        // sealing existed is plain JSON.
        const envelope = row.envelope.startsWith('{') ? row.envelope : this.dataKeys().open(row.envelope);
        signed.push({ ...row, envelope, headers: this.trust.signEnvelope(row.topic, row.key, envelope) });
      } catch (e) {
        // No key may sign it (an office this service holds no key for): sending it unsigned would only fill a dead-letter topic.
        await this.park(client, row, `not signed: ${(e as Error).message}`);
      }
    }
    if (signed.length) await this.publishSigned(client, signed);
  }

  private async park(client: Client, row: OutboxRow, reason: string): Promise<void> {
    this.logger.error(`parking outbox row ${row.id} (${row.type} ${row.event_id}): ${reason}`);
    await client.query(`UPDATE "${this.options.schema}".outbox SET parked_at = now(), park_reason = $2 WHERE id = $1`, [row.id, reason.slice(0, 1000)]);
    this.parked++;
  }

  private async publishSigned(client: Client, rows: SignedRow[]): Promise<void> {
    try {
      await this.send(rows);
    } catch (e) {
      if (!isRefusedForGood(e)) throw e;
      if (rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        await this.publishSigned(client, rows.slice(0, half));
        await this.publishSigned(client, rows.slice(half));
        return;
      }
      await this.park(client, rows[0], `${(e as { type?: string }).type ?? (e as Error).name}: ${(e as Error).message}`);
      return;
    }
    // Sent, not yet marked: a crash here sends these rows again after the restart (receivers take each event once).
    crashPoint('relay.after-send');
    this.unmarked.push(...rows.map((r) => r.id));
  }

  private waitForWake(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  private async send(rows: SignedRow[]): Promise<void> {
    // Rows are in id order; grouping by topic keeps that order within each topic (and so each partition).
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const topic = physicalTopic(this.config, row.topic);
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push({
        key: row.key,
        value: row.envelope,
        headers: { 'event-id': row.event_id, 'event-type': row.type, ...row.headers },
      });
    }
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}

type SignedRow = OutboxRow & { headers: IHeaders };

/** A send error that no retry can cure (kafkajs has already retried the retriable ones): the record itself is at fault. */
function isRefusedForGood(e: unknown): boolean {
  for (let cause = e as { retriable?: boolean; type?: string; cause?: unknown } | undefined; cause; cause = cause.cause as typeof cause) {
    if (cause.type && ['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE'].includes(cause.type)) return true;
  }
  return false;
}
