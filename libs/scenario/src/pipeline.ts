import { randomBytes, randomUUID } from 'node:crypto';
import {
  AlertV1, ApplicationReceived, CaseSignal, CreditRecorded, EventDefinition, EventEnvelope, HotlineComplaintsRecorded, PetitionReported, Topics,
  WageMonitoringRecorded,
} from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { signedAs } from '@yuanlian/messaging';
import { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { FeedName, ScenarioEvent } from './winter';

const FEED_DEFINITIONS: Record<FeedName, EventDefinition<any>> = {
  'wage-monitoring': WageMonitoringRecorded, hotline: HotlineComplaintsRecorded, petitions: PetitionReported, credit: CreditRecorded,
};
export { FEED_DEFINITIONS };

export interface PipelineTarget {
  kafka: Kafka;
  /** The deployment's topic prefix. */
  topicPrefix: string;
  /** Early warning's base URL and a token with the `feed` role, for the outside feeds. */
  earlyWarningUrl: string;
  feedToken: string;
}

/**
 * Feeds a scenario into the real pipeline the way production does: agencies' events onto their topics with
 * signed envelopes (as their outbox relays would publish them), outside feeds through early warning's ingestion API.
 */
export class ScenarioPublisher {
  private producer?: Producer;
  /** Input events taken so far (topic messages plus feed records accepted). */
  published = 0;

  constructor(private readonly target: PipelineTarget) {}

  async connect() {
    this.producer = this.target.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async disconnect() {
    await this.producer?.disconnect();
  }

  async publish(events: ScenarioEvent[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    const feeds = new Map<FeedName, unknown[]>();
    for (const e of events) {
      if (e.type === 'feed') {
        feeds.set(e.feed, [...(feeds.get(e.feed) ?? []), e.record]);
        continue;
      }
      const [definition, source, payload]: [EventDefinition<any>, AgencyType, object] =
        e.type === 'application' ? [ApplicationReceived, 'legal-aid', e.payload] : [CaseSignal, e.source, e.payload];
      const topic = this.target.topicPrefix + definition.topic(payload);
      const envelope: EventEnvelope = {
        eventId: randomUUID(), type: definition.type, version: definition.version, occurredAt: new Date().toISOString(), source,
        caseId: definition.caseId(payload), traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
        payload: payload as Record<string, unknown>,
      };
      // Signed as the agency it stands in for would sign it.
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), signedAs(envelope, definition.topic(payload), definition.key(payload))]);
    }
    if (byTopic.size) {
      await this.producer!.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      this.published += [...byTopic.values()].reduce((s, m) => s + m.length, 0);
    }
    for (const [feed, records] of feeds) {
      for (let i = 0; i < records.length; i += 500) {
        const res = await fetch(`${this.target.earlyWarningUrl}/feeds/${feed}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.target.feedToken}` },
          body: JSON.stringify({ records: records.slice(i, i + 500) }),
        });
        const body = await res.json();
        if (res.status !== 202) throw new Error(`feed ${feed} refused (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
        this.published += (body as { accepted: number }).accepted;
      }
    }
  }
}

/**
 * Waits until early warning has taken every published input and every observation it split them into, and its
 * outbox is empty: the pipeline is quiet.
 */
export async function waitForQuiet(pg: Client, schema: string, inputs: number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows: [s] } = await pg.query<{ inputs: string; observations: string; observed: string; pending: string }>(
      `SELECT (SELECT count(*) FROM "${schema}".inbox WHERE type NOT IN ('ew.observation', 'alert.acknowledged', 'alert.assigned', 'alert.closed')) AS inputs,
              (SELECT count(*) FROM "${schema}".inbox WHERE type = 'ew.observation') AS observations,
              (SELECT count(*) FROM "${schema}".outbox WHERE type = 'ew.observation') AS observed,
              (SELECT count(*) FROM "${schema}".outbox WHERE published_at IS NULL) AS pending`,
    );
    if (Number(s.inputs) >= inputs && Number(s.observations) >= Number(s.observed) && Number(s.pending) === 0) return;
    if (Date.now() > until) throw new Error(`early warning not quiet after ${timeoutMs} ms: ${JSON.stringify(s)} of ${inputs} inputs`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ReceivedAlert {
  alert: AlertV1;
  /** When the relay produced it (the message's create time). */
  producedAt: number;
}

/** Collects every alert message addressed to one desk type, from the beginning of its topic. */
export class AlertCollector {
  readonly received: ReceivedAlert[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka, private readonly topicPrefix: string, private readonly deskType: 'command' = 'command') {}

  async start() {
    this.consumer = this.kafka.consumer({ groupId: `alert-collector-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topicPrefix + Topics.alertsTo(this.deskType), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value!.toString()) as EventEnvelope<AlertV1>;
        this.received.push({ alert: envelope.payload, producedAt: Number(message.timestamp) });
      },
    });
  }

  async stop() {
    await this.consumer?.disconnect();
  }

}

/** The newest message of each alert. */
export function latestAlerts(received: readonly ReceivedAlert[]): AlertV1[] {
  const byId = new Map<string, AlertV1>();
  for (const { alert } of received) if ((byId.get(alert.alertId)?.sequence ?? 0) < alert.sequence) byId.set(alert.alertId, alert);
  return [...byId.values()];
}
