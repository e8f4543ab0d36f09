import { schemaMigration } from './options';

/**
 * Requests that create something carry an `Idempotency-Key`; the service keeps, per user and key, what the first
 * request with it did (the HTTP side is in @yuanlian/runtime). This is the database side: the table, and the note —
 * in the request's own transaction — that its work was committed, so a crash between the commit and the answer
 * cannot make a retry do the work again.
 */
export const IdempotencyKeys1764300003200 = schemaMigration('IdempotencyKeys1764300003200', {
  up: [
    `CREATE TABLE {schema}.idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        route text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
        committed boolean NOT NULL DEFAULT false,
        status smallint,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
    )`,
    `CREATE INDEX idempotency_keys_created ON {schema}.idempotency_keys (created_at)`,
  ],
  down: [`DROP TABLE {schema}.idempotency_keys`],
});

export { IdempotencySubscriber, withIdempotencyKey } from './idempotency-scope';
export type { IdempotentScope } from './idempotency-scope';
