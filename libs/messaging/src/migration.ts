import { migrationSchema } from '@yuanlian/database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables in the service's own schema; every service lists this migration first. */
export class CreateMessagingTables1764300000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`
      CREATE TABLE "${s}".outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        topic text NOT NULL,
        key text NOT NULL,
        shard smallint NOT NULL,
        envelope text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON "${s}".outbox (shard, id) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_published ON "${s}".outbox (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE "${s}".inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`CREATE INDEX inbox_processed ON "${s}".inbox (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`DROP TABLE "${s}".inbox`);
    await q.query(`DROP TABLE "${s}".outbox`);
  }
}
