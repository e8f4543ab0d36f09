import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineEvent } from './define';
import { Topics } from './topics';

/**
 * One entry of the key registry: a service key's certificate, or its revocation. Both are signed by a trust root, which
 * every consumer checks (libs/trust); the envelope's own signature only says the committee published it.
 */
export class TrustKeyRecordV1 {
  @IsString() @MaxLength(200) kid: string;
  @IsOptional() @IsObject() certificate?: Record<string, unknown>;
  @IsOptional() @IsObject() revocation?: Record<string, unknown>;
}

export const TrustKeyRecord = defineEvent({
  type: 'trust.key',
  version: 1,
  payload: TrustKeyRecordV1,
  sources: ['command'],
  topic: () => Topics.trustKeys,
  topics: [Topics.trustKeys],
  // A revocation is a record of its own, so that a certificate published later cannot take its place under compaction.
  key: (p) => (p.revocation ? `${p.kid}#revoked` : p.kid),
  keyDescription: 'key id (a revocation: `<key id>#revoked`)',
  caseId: (p) => p.kid,
  description: "A service key's root-signed certificate and its revocation (compacted topic: every service keeps the same copy).",
});
