import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { AGENCY_TYPE_NAMES } from './agencies';
import { allEvents, EventDefinition } from './define';
import { DEAD_LETTER_SUFFIX } from './topics';

const messageId = (d: EventDefinition<any>) => `${d.type}.v${d.version}`;
const channelId = (topic: string) => topic;

/**
 * The AsyncAPI 3 document of every event: topics (channels), keys, envelopes and payload schemas, generated
 * from the contracts' classes and their class-validator rules — never written by hand.
 */
export function asyncApiDocument(version = '1.0.0'): Record<string, unknown> {
  const options = { refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage };
  const schemas = validationMetadatasToSchemas(options) as Record<string, Record<string, unknown>>;
  const events = allEvents();
  // Payload classes may only inherit their rules (status updates): build those with their parents' rules.
  for (const e of events) schemas[e.payload.name] = targetConstructorToSchema(e.payload, options) as Record<string, unknown>;
  const used = new Set<string>();
  const collect = (name: string) => {
    if (used.has(name) || !schemas[name]) return;
    used.add(name);
    JSON.stringify(schemas[name]).replace(/#\/components\/schemas\/([A-Za-z0-9_]+)/g, (_, ref: string) => (collect(ref), ''));
  };
  for (const e of events) collect(e.payload.name);

  const envelope = (e: EventDefinition<any>) => ({
    type: 'object',
    description: `Envelope of ${e.type} v${e.version}`,
    required: ['eventId', 'type', 'version', 'occurredAt', 'source', 'caseId', 'payload'],
    additionalProperties: false,
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { type: 'string', const: e.type },
      version: { type: 'integer', const: e.version },
      occurredAt: { type: 'string', format: 'date-time' },
      source: { type: 'string', enum: [...e.sources], description: 'Agency types allowed to emit it' },
      caseId: { type: 'string', description: 'Correlation: the case the event belongs to' },
      causationId: { type: 'string', format: 'uuid', description: 'The event that caused this one' },
      traceparent: { type: 'string', description: 'W3C trace context' },
      payload: { $ref: `#/components/schemas/${e.payload.name}` },
    },
  });

  const topics = [...new Set(events.flatMap((e) => e.topics))].sort();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of topics) {
    const onTopic = events.filter((e) => e.topics.includes(topic));
    const receiver = topic.split('.')[1] as keyof typeof AGENCY_TYPE_NAMES | undefined;
    channels[channelId(topic)] = {
      address: topic,
      description:
        (receiver && AGENCY_TYPE_NAMES[receiver] ? `Addressed to ${receiver} (${AGENCY_TYPE_NAMES[receiver]}). ` : '') +
        `Deployments prefix the address (KAFKA_TOPIC_PREFIX); events that fail validation go to ${topic}${DEAD_LETTER_SUFFIX}.`,
      messages: Object.fromEntries(onTopic.map((e) => [messageId(e), { $ref: `#/components/messages/${messageId(e)}` }])),
    };
    for (const e of onTopic) {
      operations[`send.${messageId(e)}.${topic}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${channelId(topic)}` },
        summary: `${e.sources.join(', ')} → ${topic}`,
        messages: [{ $ref: `#/channels/${channelId(topic)}/messages/${messageId(e)}` }],
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: '援联 Yuanlian events',
      version,
      description: 'Referral, status and supervision events between the agencies that handle migrant workers’ wage and work-injury claims in Ganzhou. Generated from libs/contracts.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages: Object.fromEntries(
        events.map((e) => [
          messageId(e),
          {
            name: e.type,
            title: `${e.type} v${e.version}`,
            summary: e.description,
            contentType: 'application/json',
            headers: {
              type: 'object',
              properties: { 'event-id': { type: 'string', format: 'uuid' }, 'event-type': { type: 'string', const: e.type } },
            },
            payload: envelope(e),
            bindings: { kafka: { key: { type: 'string', description: `Partition key: ${e.keyDescription} (keeps order per ${e.keyDescription})` }, bindingVersion: '0.5.0' } },
          },
        ]),
      ),
      schemas: Object.fromEntries([...used].sort().map((n) => [n, schemas[n]])),
    },
  };
}
