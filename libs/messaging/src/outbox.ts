import { randomBytes, randomUUID } from 'node:crypto';
import { EventDefinition, EventEnvelope, validatePayload } from '@yuanlian/contracts';
import { baseSchemaName } from '@yuanlian/database';
import { DataKeys } from '@yuanlian/trust';
import { EntityManager } from 'typeorm';
import { MessagingConfig } from './config';
import { shardOf } from './shard';

export interface PublishOptions {
  /** The event being handled when this one is caused by it: sets causationId and keeps the trace. */
  causedBy?: Pick<EventEnvelope, 'eventId' | 'traceparent'>;
  traceparent?: string;
}

export interface PendingEvent<P extends object = object> {
  definition: EventDefinition<P>;
  payload: P;
  options?: PublishOptions;
}

export const newTraceparent = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

export const outboxChannel = (schema: string) => `outbox_${schema}`;

/**
 * Writes events into the service's outbox inside the caller's transaction, so they are published if and only
 * if the state change commits. The relay is woken by NOTIFY, which PostgreSQL delivers at commit.
 */
export class Outbox {
  constructor(
    private readonly config: MessagingConfig,
    private readonly schema: string,
    /**
     * Seals the envelopes of events that carry a worker's ID number or phone: the service's data keys, read when the first
     * such event is written (a service that writes none, like the committee's, has and needs no data keys).
     */
    private readonly dataKeys: () => DataKeys = () => DataKeys.forSchema(baseSchemaName(schema)),
  ) {}

  async publish<P extends object>(manager: EntityManager, definition: EventDefinition<P>, payload: NoInfer<P>, options?: PublishOptions) {
    return (await this.publishAll(manager, [{ definition, payload, options }]))[0];
  }

  /** Several events in one insert; order of the array is publish order for events sharing a key. */
  async publishAll(manager: EntityManager, events: PendingEvent<any>[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox.publish must run inside a transaction');
    const envelopes: EventEnvelope[] = [];
    const params: unknown[] = [];
    const rows: string[] = [];
    for (const { definition, payload, options } of events) {
      validatePayload(definition, payload);
      const envelope: EventEnvelope = {
        eventId: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt: new Date().toISOString(),
        source: this.config.service,
        caseId: definition.caseId(payload),
        ...(options?.causedBy ? { causationId: options.causedBy.eventId } : {}),
        traceparent: options?.causedBy?.traceparent ?? options?.traceparent ?? newTraceparent(),
        payload: payload as Record<string, unknown>,
      };
      const key = definition.key(payload);
      const n = params.length;
      rows.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6})`);
      const json = JSON.stringify(envelope);
      params.push(envelope.eventId, envelope.type, definition.topic(payload), key, shardOf(key), definition.personalData ? this.dataKeys().seal(json) : json);
      envelopes.push(envelope);
    }
    // One round trip: the rows and the wake-up call (delivered at commit).
    params.push(outboxChannel(this.schema));
    await manager.query(
      `WITH rows AS (INSERT INTO "${this.schema}".outbox (event_id, type, topic, key, shard, envelope) VALUES ${rows.join(', ')} RETURNING 1)
       SELECT pg_notify($${params.length}, '') FROM (SELECT 1 FROM rows LIMIT 1) AS notified`,
      params,
    );
    return envelopes;
  }
}
