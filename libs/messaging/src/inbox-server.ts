import { CustomTransportStrategy, BaseRpcContext, Server } from '@nestjs/microservices';
import { deadLetterTopic, EventEnvelope } from '@yuanlian/contracts';
import type { KeyCertificate } from '@yuanlian/trust';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { logicalTopic, MessagingConfig, physicalTopic } from './config';
import { CONSUMER_FETCH_WAIT_MS, CONSUMER_METADATA_MAX_AGE_MS, PRODUCER_RETRY } from './kafka';
import { backoff, isTransientError, NonRetriableError, sleep } from './errors';
import { inboxDedupeMs, inboxPruneEveryMs, keptForGood, pruneInbox } from './inbox-prune';
import { schemaOf } from '@yuanlian/database';
import { restartOnCrash } from './restart';
import { EventTrust, TrustedEvent } from './trust';
import { checkCrashSwitch, crashPoint } from './crash-points';

export interface InboxServerOptions {
  kafka: Kafka;
  config: MessagingConfig;
  dataSource: DataSource;
  /** Logical topics this service consumes (addressed to its agency type). */
  topics: string[];
  /** Consumer group; also the inbox's consumer name. Defaults to the topic prefix plus the service name. */
  groupId?: string;
  /** Attempts for a failing handler before the event is dead-lettered (transient failures retry forever). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Messages larger than this go to the dead-letter topic unread. */
  maxMessageBytes?: number;
  /** Partitions processed at the same time (`INBOX_CONCURRENCY`, default 3). */
  partitionsConcurrently?: number;
  /** Events of a partition committed in one transaction (`INBOX_BATCH`, default 50; 1 = one by one). */
  batchTransaction?: number;
  /** How old the consumer's metadata may grow before it checks its assignment against it (default 30 s). */
  metadataMaxAgeMs?: number;
  /** Checks every event's signature and signer (the service's own trust by default). */
  trust?: EventTrust;
}

/** Where a service's consumer stands in its group, for /health and the logs. */
export interface ConsumerStatus {
  group: string;
  state: 'starting' | 'joined' | 'rebalancing' | 'crashed' | 'stopped';
  /** Partitions assigned at the last join, per topic. */
  assigned: Record<string, number>;
  since: string;
  /** The last crash's error, kept until the next join. */
  error?: string;
}

/** The consumers of this process (one per inbox server). */
const consumers = new Map<string, ConsumerStatus>();
export const consumerStatuses = (): ConsumerStatus[] => [...consumers.values()];

/** A message the inbox can hand to a handler. */
interface Handleable {
  message: KafkaMessage;
  decoded: TrustedEvent;
  handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>;
}

/** What a handler receives besides the payload: the transaction its effects must use, the envelope, and who signed it. */
export class InboxContext extends BaseRpcContext<[EntityManager, EventEnvelope<object>, { topic: string; partition: number; offset: string }, KeyCertificate?]> {
  get manager(): EntityManager {
    return this.args[0];
  }
  get envelope(): EventEnvelope<object> {
    return this.args[1];
  }
  get source() {
    return this.args[2];
  }
  /** The certificate of the key that signed the event (verified against the roots before the handler runs). */
  get signer(): KeyCertificate | undefined {
    return this.args[3];
  }
}

/**
 * A NestJS transport strategy over kafkajs that serves @EventPattern(type) handlers with an idempotent inbox:
 * the inbox row and the handler's effects commit in one transaction, duplicates are skipped, offsets are
 * committed only after the commit, and events that are invalid or keep failing go to `<topic>.dlt` with the
 * reason and their origin in headers, while the consumer goes on.
 */
export class KafkaInboxServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly groupId: string;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly maxMessageBytes: number;
  private readonly concurrency: number;
  private readonly batchTransaction: number;
  private readonly schema: string;
  private readonly trust: EventTrust;
  private closing = false;
  private readonly dedupeMs: number;
  private readonly pruneEveryMs?: number;
  private pruneTimer?: NodeJS.Timeout;
  private pruning?: Promise<void>;
  /** Counters for health and tests. */
  readonly stats = { processed: 0, duplicates: 0, deadLettered: 0, retries: 0 };

  constructor(private readonly options: InboxServerOptions) {
    super();
    checkCrashSwitch();
    // Deployments sharing a cluster (and test runs) differ by topic prefix, so their groups must differ too.
    this.groupId = options.groupId ?? `${options.config.topicPrefix}${options.config.service}`;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
    this.concurrency = options.partitionsConcurrently ?? Number(process.env.INBOX_CONCURRENCY ?? 3);
    this.batchTransaction = options.batchTransaction ?? Number(process.env.INBOX_BATCH ?? 50);
    this.schema = schemaOf(options.dataSource);
    this.trust = options.trust ?? EventTrust.forService(options.config.service);
    this.dedupeMs = inboxDedupeMs();
    this.pruneEveryMs = inboxPruneEveryMs();
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(() => callback(), (e) => callback(e));
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.pruneTimer);
    // A disconnect can wait on a broker that is away; shutting down must not.
    await Promise.race([Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]), sleep(5000)]);
  }

  on(): never {
    throw new Error('KafkaInboxServer does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka } = this.options;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: PRODUCER_RETRY });
    await this.producer.connect();
    await this.startConsumer();
    // Inbox rows of events no topic can bring back any more go: a minute after the start (a service restarted more often
    // than the period still prunes), then every INBOX_PRUNE_MS (hourly); never two at once.
    if (this.pruneEveryMs !== undefined) this.schedulePrune(60_000);
  }

  private schedulePrune(inMs: number): void {
    this.pruneTimer = setTimeout(() => {
      this.pruning ??= this.prune().finally(() => {
        this.pruning = undefined;
        if (!this.closing) this.schedulePrune(this.pruneEveryMs!);
      });
    }, inMs);
    this.pruneTimer.unref();
  }

  private async prune(): Promise<void> {
    try {
      const query = (sql: string, params: unknown[]) => this.options.dataSource.query(sql, params) as Promise<unknown[]>;
      const deleted = await pruneInbox(query, this.schema, this.groupId, this.dedupeMs, keptForGood(this.options.config));
      if (deleted) this.logger.log(`inbox: ${deleted} row(s) of events taken more than ${this.dedupeMs / 86_400_000} days ago deleted`);
    } catch (e) {
      this.logger.warn(`inbox prune failed (tried again at its next run): ${(e as Error).message}`);
    }
  }

  private async startConsumer(): Promise<void> {
    const { kafka, config, topics } = this.options;
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: CONSUMER_FETCH_WAIT_MS,
      allowAutoTopicCreation: false,
      // A consumer compares its assignment with fresh metadata at this age and rejoins if a topic has gained
      // partitions (added by an operator, or unknown at its join): deaf to them for 30 s at most, not kafkajs's 5 min.
      metadataMaxAge: this.options.metadataMaxAgeMs ?? CONSUMER_METADATA_MAX_AGE_MS,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    this.watch(consumer);
    // kafkajs restarts a crashed consumer only after errors it deems retriable; a broker restart can end one for good
    // ("Failed to find group coordinator", seen in the fault suite). Then a new consumer is started, until one runs.
    restartOnCrash(consumer, this.logger, () => this.closing, () => this.startConsumer());
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => physicalTopic(config, t)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Partitions are independent (order is kept within each): take several at once, each in its own transaction.
      partitionsConsumedConcurrently: this.concurrency,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /**
   * Keeps the consumer's status and logs its joins (with the partitions it was given), rebalances and crashes: a
   * consumer joined with too few partitions, or stuck rebalancing, shows here rather than as events never arriving.
   */
  private watch(consumer: Consumer): void {
    const set = (state: ConsumerStatus['state'], extra: Partial<ConsumerStatus> = {}) => {
      const previous = consumers.get(this.groupId);
      consumers.set(this.groupId, { group: this.groupId, state, assigned: previous?.assigned ?? {}, since: new Date().toISOString(), ...extra });
    };
    set('starting');
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = Object.fromEntries(Object.entries(payload.memberAssignment).map(([topic, partitions]) => [topic, partitions.length]));
      set('joined', { assigned });
      const total = Object.values(assigned).reduce((n, p) => n + p, 0);
      this.logger.log(`consumer ${this.groupId} joined (${payload.isLeader ? 'leader' : 'member'}, ${payload.duration} ms): ${total} partition(s) of ${Object.keys(assigned).length} topic(s)`);
    });
    consumer.on(consumer.events.REBALANCING, () => {
      set('rebalancing');
      this.logger.log(`consumer ${this.groupId} rebalancing`);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      set('crashed', { error: payload.error?.message });
      this.logger.warn(`consumer ${this.groupId} crashed (${payload.restart ? 'kafkajs restarts it' : 'a new one will be started'}): ${payload.error?.message}`);
    });
    consumer.on(consumer.events.STOP, () => {
      if (this.closing) set('stopped');
    });
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let last: string | undefined;
    const duplicatesBefore = this.stats.duplicates;
    // Each message is checked (signature, envelope, handler) once per batch, when it is first reached: a signature check
    // costs 0.1 ms (Ed25519) to 5 ms (SM2), and one bad record must not make the ones before it be checked again and again.
    const checked: (Handleable | { reason: string })[] = [];
    const check = (j: number) => (checked[j] ??= this.handleable(batch.topic, batch.messages[j]));
    // The fetched batch in transactions of up to BATCH_TRANSACTION events: the valid events at the head of the window in
    // one commit; an event that cannot be handled, or a group whose transaction failed (a handler error, a transient
    // failure), goes one by one.
    for (let i = 0; i < batch.messages.length; ) {
      if (!isRunning() || isStale() || this.closing) break;
      const end = Math.min(i + this.batchTransaction, batch.messages.length);
      let valid = i;
      while (valid < end && 'handler' in check(valid)) valid++;
      const group = checked.slice(i, valid) as Handleable[];
      const together = group.length > 1 && (await this.processTogether(batch.topic, batch.partition, group));
      const count = together ? group.length : 1;
      for (let j = i; j < i + count; j++) {
        if (!together) await this.process(batch.topic, batch.partition, batch.messages[j], check(j));
        resolveOffset(batch.messages[j].offset);
        last = batch.messages[j].offset;
      }
      i += count;
      await heartbeat();
    }
    const again = this.stats.duplicates - duplicatesBefore;
    // Events taken before (a redelivery after a crash, a record sent twice): skipped. Said once per batch, so that a fault run
    // can count what the inboxes absorbed.
    if (again) this.logger.log(`redelivered: ${again} event(s) of ${batch.topic}[${batch.partition}] already taken, skipped`);
    if (last !== undefined) {
      // Committed, offsets not: a crash here delivers the batch again after the restart (the inbox takes each event once).
      crashPoint('inbox.after-commit');
      await this.consumer!.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
    }
  }

  /** Several valid events in one transaction; false (nothing done) when the transaction failed. */
  private async processTogether(topic: string, partition: number, events: Handleable[]): Promise<boolean> {
    let fresh = 0;
    try {
      await this.options.dataSource.transaction(async (manager) => {
        fresh = 0;
        for (const event of events) if (await this.take(manager, { topic, partition, offset: event.message.offset }, event)) fresh++;
      });
    } catch {
      return false;
    }
    this.stats.processed += fresh;
    this.stats.duplicates += events.length - fresh;
    return true;
  }

  /** A message with its decoded event and handler, or why it cannot be handled (for the dead-letter topic). */
  private handleable(topic: string, message: KafkaMessage): Handleable | { reason: string } {
    if (message.value && message.value.length > this.maxMessageBytes) return { reason: `message of ${message.value.length} bytes exceeds ${this.maxMessageBytes}` };
    let decoded;
    try {
      decoded = this.trust.check(logicalTopic(this.options.config, topic), message.key?.toString() ?? null, message.value, message.headers);
    } catch (e) {
      // Whatever a record makes the decoder do, it goes to the dead-letter topic: a throw here would crash the consumer
      // and bring the same record back forever, silencing its partition.
      return { reason: `could not decode: ${(e as Error)?.message ?? String(e)}` };
    }
    if (!decoded.ok) return { reason: decoded.reason };
    const handler = this.getHandlerByPattern(decoded.envelope.type);
    if (!handler) return { reason: `no handler for ${decoded.envelope.type} in ${this.groupId}` };
    return { message, decoded, handler };
  }

  /** The inbox row and the handler's effects, in the caller's transaction; false for an event already taken. */
  private async take(manager: EntityManager, origin: { topic: string; partition: number; offset: string }, { decoded, handler }: Handleable): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id, type, topic, partition, "offset") VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.groupId, decoded.envelope.eventId, decoded.envelope.type, origin.topic, origin.partition, origin.offset],
    );
    if (!inserted.length) return false;
    const result = await handler(decoded.payload, new InboxContext([manager, decoded.envelope, origin, decoded.signer]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    return true;
  }

  private async process(topic: string, partition: number, message: KafkaMessage, event: Handleable | { reason: string }): Promise<void> {
    const origin = { topic, partition, offset: message.offset };
    if (!('handler' in event)) return this.deadLetter(origin, message, event.reason);
    const { envelope } = event.decoded;

    for (let attempt = 0, transient = 0; ; ) {
      try {
        const fresh = await this.options.dataSource.transaction((manager) => this.take(manager, origin, event));
        if (fresh) this.stats.processed++;
        else this.stats.duplicates++;
        return;
      } catch (e) {
        if (this.closing) throw e;
        if (isTransientError(e)) {
          this.stats.retries++;
          this.logger.warn(`transient failure on ${envelope.type} ${envelope.eventId}, retrying: ${(e as Error).message}`);
          await sleep(backoff(transient++, this.retryBaseMs, 5000));
          continue;
        }
        attempt++;
        if (e instanceof NonRetriableError || attempt >= this.maxAttempts) {
          return this.deadLetter(origin, message, `handler failed after ${attempt} attempt(s): ${(e as Error).message}`);
        }
        this.stats.retries++;
        await sleep(backoff(attempt, this.retryBaseMs, 5000));
      }
    }
  }

  private async deadLetter(origin: { topic: string; partition: number; offset: string }, message: KafkaMessage, reason: string) {
    this.logger.warn(`dead-lettering ${origin.topic}[${origin.partition}]@${origin.offset}: ${reason.slice(0, 500)}`);
    const headers: IHeaders = {
      ...message.headers,
      'dlt-reason': reason.slice(0, 4000),
      'dlt-original-topic': origin.topic,
      'dlt-original-partition': String(origin.partition),
      'dlt-original-offset': origin.offset,
      'dlt-consumer': this.groupId,
      'dlt-at': new Date().toISOString(),
    };
    for (let attempt = 0; ; attempt++) {
      // A record the broker keeps refusing (e.g. too large once the headers are added) goes on truncated.
      const truncate = attempt >= 3 && message.value !== null && message.value.length > 64 * 1024;
      try {
        await this.producer!.send({
          topic: deadLetterTopic(origin.topic),
          acks: -1,
          messages: [
            truncate
              ? { key: message.key, value: message.value!.subarray(0, 64 * 1024), headers: { ...headers, 'dlt-truncated': String(message.value!.length) } }
              : { key: message.key, value: message.value, headers },
          ],
        });
        this.stats.deadLettered++;
        return;
      } catch (e) {
        if (this.closing) throw e;
        this.logger.warn(`dead-letter publish failed, retrying: ${(e as Error).message}`);
        await sleep(backoff(attempt, this.retryBaseMs, 5000));
      }
    }
  }
}
