import { schemaMigration } from '@yuanlian/database';

/** Outbox and inbox tables in the service's own schema; every service lists this migration first. */
export const CreateMessagingTables1764300000000 = schemaMigration('CreateMessagingTables1764300000000', {
  up: [
    `CREATE TABLE {schema}.outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        topic text NOT NULL,
        key text NOT NULL,
        shard smallint NOT NULL,
        envelope text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
    )`,
    `CREATE INDEX outbox_pending ON {schema}.outbox (shard, id) WHERE published_at IS NULL`,
    `CREATE INDEX outbox_published ON {schema}.outbox (published_at) WHERE published_at IS NOT NULL`,
    `CREATE TABLE {schema}.inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
    )`,
    `CREATE INDEX inbox_processed ON {schema}.inbox (processed_at)`,
  ],
  down: [
    `DROP TABLE {schema}.inbox`,
    `DROP TABLE {schema}.outbox`,
  ],
});

/** A record the broker refuses for good is parked with the reason instead of holding up its shard. */
export const OutboxParking1764300001500 = schemaMigration('OutboxParking1764300001500', {
  up: [`ALTER TABLE {schema}.outbox ADD COLUMN parked_at timestamptz, ADD COLUMN park_reason text`],
  down: [`ALTER TABLE {schema}.outbox DROP COLUMN parked_at, DROP COLUMN park_reason`],
});

/** Every migration of the messaging tables, for a service's list (first, before its own). */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764300000000, OutboxParking1764300001500];
