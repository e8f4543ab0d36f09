import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventDefinition } from '@yuanlian/contracts';
import { Consumer, EachMessageHandler, Kafka, KafkaMessage } from 'kafkajs';
import { logicalTopic, MessagingConfig, physicalTopic } from './config';
import { CONSUMER_FETCH_WAIT_MS, CONSUMER_METADATA_MAX_AGE_MS } from './kafka';
import { endOffsets } from './replay';
import { restartOnCrash } from './restart';
import { ensureTopics } from './topics';
import { EventTrust } from './trust';

/**
 * An in-memory copy of a compacted topic: the latest valid payload per key. Every instance reads the whole
 * topic with a group of its own (nothing committed), so every service holds the same copy and stays current.
 * A record counts only if it is signed by a key allowed to write it (and passes `accept`); tombstones are not
 * signed, so nothing is ever deleted by one.
 */
export class TopicReplica<P extends object> {
  private readonly logger = new Logger('TopicReplica');
  private readonly values = new Map<string, P>();
  private consumer?: Consumer;
  private stopped = false;
  private readyPromise?: Promise<void>;
  private stopping?: Promise<void>;
  private readonly listeners: ((key: string, value: P) => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly config: MessagingConfig,
    private readonly definition: EventDefinition<P>,
    private readonly trust: EventTrust = EventTrust.forService(config.service),
    /** A further check of a record's payload: why it is refused, or undefined. */
    private readonly accept: (payload: P) => string | undefined = () => undefined,
  ) {}

  /** Starts reading; resolves once everything on the topic at start-up has been read. */
  start(): Promise<void> {
    if (this.readyPromise) return this.readyPromise;
    const topic = physicalTopic(this.config, this.definition.topics[0]);
    this.readyPromise = (async () => {
      await ensureTopics(this.kafka, this.config, [this.definition.topics[0]]);
      const ends = await endOffsets(this.kafka, topic);
      const pending = new Map(ends.filter((e) => e.high !== e.low).map((e) => [e.partition, BigInt(e.high) - 1n]));
      let markReady!: () => void;
      const caughtUp = new Promise<void>((resolve) => (markReady = resolve));
      if (!pending.size) markReady();
      await this.read(topic, async ({ partition, message }) => {
        const key = message.key?.toString() ?? null;
        const problem = this.take(topic, key, message);
        if (problem) this.logger.warn(`ignoring record on ${topic}@${message.offset}: ${problem}`);
        const last = pending.get(partition);
        if (last !== undefined && BigInt(message.offset) >= last) {
          pending.delete(partition);
          if (!pending.size) markReady();
        }
      });
      await caughtUp;
    })();
    return this.readyPromise;
  }

  private take(topic: string, key: string | null, message: KafkaMessage): string | undefined {
    if (!key) return 'no key';
    if (message.value === null) return 'tombstone (unsigned; nothing is deleted by one)';
    try {
      const decoded = this.trust.check(logicalTopic(this.config, topic), key, message.value, message.headers);
      if (!decoded.ok) return decoded.reason;
      if (decoded.definition !== this.definition) return `unexpected type ${decoded.envelope.type}`;
      if (this.definition.key(decoded.payload as P) !== key) return 'key does not match the payload';
      const refused = this.accept(decoded.payload as P);
      if (refused) return refused;
      this.values.set(key, decoded.payload as P);
      for (const listener of this.listeners) listener(key, decoded.payload as P);
      return undefined;
    } catch (e) {
      return `could not decode: ${(e as Error)?.message ?? String(e)}`;
    }
  }

  /** The whole topic with a group of its own; read again from the start by a new consumer if kafkajs gives up on it. */
  private async read(topic: string, eachMessage: EachMessageHandler): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `${this.config.topicPrefix}${this.config.service}-replica-${randomUUID()}`,
      maxWaitTimeInMs: CONSUMER_FETCH_WAIT_MS,
      metadataMaxAge: CONSUMER_METADATA_MAX_AGE_MS,
    });
    this.consumer = consumer;
    restartOnCrash(consumer, this.logger, () => this.stopped, () => this.read(topic, eachMessage));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage });
  }

  /**
   * Stops reading (once: a second call returns the same promise): begins at once, and resolves once the consumer has left (its last long poll back, up to
   * CONSUMER_FETCH_WAIT_MS). Services begin it before the inbox closes and await it after, so that the two waits overlap
   * (and nothing of the consumer outlives the application's close).
   */
  stop(): Promise<void> {
    this.stopped = true;
    this.stopping ??= (this.consumer?.disconnect() ?? Promise.resolve()).catch(() => undefined);
    return this.stopping;
  }

  /** Called with every record taken (checked and accepted), in the topic's order, from the start of the topic on. */
  onValue(listener: (key: string, value: P) => void): void {
    this.listeners.push(listener);
  }

  get(key: string): P | undefined {
    return this.values.get(key);
  }

  all(): P[] {
    return [...this.values.values()];
  }
}
