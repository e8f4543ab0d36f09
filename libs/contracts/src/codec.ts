import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventDefinition, findEvent, knownVersions } from './define';
import { EventEnvelope } from './envelope';
import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from './json-depth';

const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Flattens class-validator errors to `path: message` strings (nested fields as a.b.c). */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

export class PayloadValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Validates a payload against its definition; returns the typed instance or throws. */
export function validatePayload<P extends object>(definition: EventDefinition<P>, payload: unknown): P {
  const instance = plainToInstance(definition.payload, payload);
  const problems =
    typeof instance !== 'object' || instance === null || Array.isArray(instance)
      ? ['payload: must be an object']
      : describeValidationErrors(validateSync(instance as object, STRICT));
  if (problems.length) throw new PayloadValidationError(problems);
  return instance as P;
}

export type Decoded =
  | { ok: true; envelope: EventEnvelope<object>; definition: EventDefinition<any>; payload: object }
  | { ok: false; reason: string; envelope?: unknown };

/** Parses and validates one message value: envelope, known type and version, allowed source, payload. */
export function decodeEvent(value: Buffer | string | null): Decoded {
  if (value === null) return { ok: false, reason: 'empty message (tombstone) on an event topic' };
  // Before parsing: class-transformer recurses per level and overflows the stack on ~10,000, and JSON.parse is slow on it.
  if (jsonNestedDeeperThan(value, MAX_JSON_DEPTH)) return { ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  let raw: unknown;
  try {
    raw = JSON.parse(value.toString());
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'envelope: must be an object' };
  const envelope = plainToInstance(EventEnvelope, raw);
  const envelopeProblems = describeValidationErrors(validateSync(envelope, STRICT));
  if (envelopeProblems.length) return { ok: false, reason: `envelope: ${envelopeProblems.join('; ')}`, envelope: raw };
  const definition = findEvent(envelope.type, envelope.version);
  if (!definition) {
    const versions = knownVersions(envelope.type);
    const reason = versions.length
      ? `unsupported version ${envelope.type}@${envelope.version} (known: ${versions.join(', ')})`
      : `unknown event type ${envelope.type}`;
    return { ok: false, reason, envelope: raw };
  }
  if (!definition.sources.includes(envelope.source)) {
    return { ok: false, reason: `source ${envelope.source} may not emit ${envelope.type}`, envelope: raw };
  }
  try {
    const payload = validatePayload(definition, (raw as { payload: unknown }).payload);
    return { ok: true, envelope: envelope as EventEnvelope<object>, definition, payload };
  } catch (e) {
    if (e instanceof PayloadValidationError) return { ok: false, reason: `payload: ${e.message}`, envelope: raw };
    throw e;
  }
}
