import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { AGENCY_TYPES } from './agencies';
import type { AgencyType } from './agencies';

export const TRACEPARENT_PATTERN = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** An event type: `referral.milestone`, `program.typical-case` (no hyphen before the first dot). */
export const EVENT_TYPE_PATTERN = /^[a-z]+(\.[a-z-]+)+$/;

/** What travels on every topic: metadata around a versioned payload. */
export class EventEnvelope<P = Record<string, unknown>> {
  @IsUUID() eventId: string;
  @IsString() @Matches(EVENT_TYPE_PATTERN) @MaxLength(100) type: string;
  @IsInt() @Min(1) version: number;
  @IsISO8601({ strict: true }) occurredAt: string;
  @IsIn(AGENCY_TYPES) source: AgencyType;
  /** Correlation id: the case the event belongs to. */
  @IsString() @MaxLength(64) caseId: string;
  @IsOptional() @IsUUID() causationId?: string;
  @IsOptional() @Matches(TRACEPARENT_PATTERN) traceparent?: string;
  @IsObject() payload: P;
}
