import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@yuanlian/contracts';

/** Marks a controller method as the handler of one or more event types, served by KafkaInboxServer. */
export function Handles(...definitions: EventDefinition<any>[]): MethodDecorator {
  return EventPattern<string[]>(definitions.map((d) => d.type));
}
