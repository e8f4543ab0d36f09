import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@yuanlian/contracts';

/** Marks a controller method as the handler of one event type, served by KafkaInboxServer. */
export function Handles(definition: EventDefinition<any>): MethodDecorator {
  return EventPattern<string>(definition.type);
}
