import { ClassConstructor } from 'class-transformer';
import { AgencyType } from './agencies';
import { EVENT_TYPE_PATTERN } from './envelope';

export interface EventDefinition<P extends object = object> {
  type: string;
  version: number;
  payload: ClassConstructor<P>;
  /** Agency types allowed to emit it; anything else is a forged source. */
  sources: readonly AgencyType[];
  /** Logical topic the event goes to. */
  topic: (payload: P) => string;
  /** Every topic `topic` can return (for topic creation and the AsyncAPI document). */
  topics: readonly string[];
  /** What the key identifies, for the documentation. */
  keyDescription: string;
  description: string;
  /** Partition key: keeps order per aggregate. */
  key: (payload: P) => string;
  /** Case the event belongs to (envelope caseId). */
  caseId: (payload: P) => string;
  /**
   * The office in whose name the event is written (the office answering a referral, the desk closing an alert): the key that
   * signs it must speak for that office. Absent for events that speak for the service as a whole.
   */
  actingOffice?: (payload: P) => string;
  /** Carries a worker's ID number or phone: the outbox keeps it sealed with the service's data key until it is sent. */
  personalData?: boolean;
}

const registry = new Map<string, EventDefinition<any>>();

export function defineEvent<P extends object>(definition: EventDefinition<P>): EventDefinition<P> {
  const id = `${definition.type}@${definition.version}`;
  // An envelope with any other type is refused by every consumer: a definition that could send one fails at once.
  if (!EVENT_TYPE_PATTERN.test(definition.type)) throw new Error(`event type ${definition.type} does not match ${EVENT_TYPE_PATTERN}`);
  if (registry.has(id)) throw new Error(`event ${id} defined twice`);
  registry.set(id, definition);
  return definition;
}

export function findEvent(type: string, version: number): EventDefinition<any> | undefined {
  return registry.get(`${type}@${version}`);
}

export function knownVersions(type: string): number[] {
  return [...registry.values()].filter((d) => d.type === type).map((d) => d.version);
}

export function allEvents(): EventDefinition<any>[] {
  return [...registry.values()];
}
