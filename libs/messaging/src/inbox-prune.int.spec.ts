// The inbox's dedupe horizon on the real database: old rows of topics with a retention go, rows of topics kept for good
// and young rows stay, other consumers' rows are not touched, and the slices add up.
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseUrl, dataSourceOptions, migrate, schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace } from '@yuanlian/testing';
import { messagingConfig } from './config';
import { inboxDedupeMs, inboxPruneEveryMs, keptForGood, pruneInbox } from './inbox-prune';
import { MESSAGING_MIGRATIONS } from './migration';

const ns = createNamespace('prune');
enterNamespace(ns);

describe('inbox dedupe horizon', () => {
  let pg: Client;
  let ds: DataSource;
  const schema = () => schemaName('prunetest');
  const config = messagingConfig('labor-inspection');
  const [retained] = keptForGood(config);
  const referrals = `${config.topicPrefix}referrals.labor-inspection`;

  beforeAll(async () => {
    const options = dataSourceOptions({ schema: 'prunetest', entities: [], migrations: MESSAGING_MIGRATIONS });
    await migrate(options);
    pg = new Client({ connectionString: databaseUrl() });
    await pg.connect();
    // The inbox prunes through the service's TypeORM data source: the same path here.
    ds = await new DataSource(options).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await pg?.end();
    await dropNamespace(ns);
  });

  const insert = (consumer: string, topic: string, ageDays: number, n = 1) =>
    pg.query(
      `INSERT INTO "${schema()}".inbox (consumer, event_id, type, topic, partition, "offset", processed_at)
       SELECT $1, gen_random_uuid(), 'referral.created', $2, 0, g, now() - ($3::int * interval '1 day') FROM generate_series(1, $4) g`,
      [consumer, topic, ageDays, n],
    );
  const count = async (where: string, params: unknown[]) =>
    Number((await pg.query(`SELECT count(*) AS n FROM "${schema()}".inbox WHERE ${where}`, params)).rows[0].n);

  it('deletes only what no topic can bring back', async () => {
    const me = 'yl.labor-inspection';
    await insert(me, referrals, 16, 12); // past the horizon: deleted
    await insert(me, referrals, 14, 3); // a record may still be on the topic: kept
    await insert(me, retained, 400, 2); // a topic kept for good: kept
    await insert('yl.other', referrals, 30, 4); // another consumer's rows: not this consumer's to delete
    const query = (sql: string, params: unknown[]) => ds.query(sql, params) as Promise<unknown[]>;
    // Slices of 5: 12 rows in three statements.
    const deleted = await pruneInbox(query, schema(), me, inboxDedupeMs({}), keptForGood(config), 5);
    expect(deleted).toBe(12);
    expect(await count('consumer = $1 AND topic = $2', [me, referrals])).toBe(3);
    expect(await count('consumer = $1 AND topic = $2', [me, retained])).toBe(2);
    expect(await count('consumer = $1', ['yl.other'])).toBe(4);
    expect(await pruneInbox(query, schema(), me, inboxDedupeMs({}), keptForGood(config), 5)).toBe(0);
  });

  it('refuses a horizon shorter than a record can stay on a topic', () => {
    expect(inboxDedupeMs({})).toBe(15 * 86_400_000);
    expect(inboxDedupeMs({ INBOX_DEDUPE_DAYS: '30' })).toBe(30 * 86_400_000);
    expect(() => inboxDedupeMs({ INBOX_DEDUPE_DAYS: '3' })).toThrow(/≥ 15/);
    expect(() => inboxDedupeMs({ INBOX_DEDUPE_DAYS: 'soon' })).toThrow(/INBOX_DEDUPE_DAYS/);
    expect(inboxPruneEveryMs({})).toBe(3_600_000);
    expect(inboxPruneEveryMs({ INBOX_PRUNE_MS: 'off' })).toBeUndefined();
    expect(() => inboxPruneEveryMs({ INBOX_PRUNE_MS: 'abc' })).toThrow(/INBOX_PRUNE_MS/);
    expect(() => inboxPruneEveryMs({ INBOX_PRUNE_MS: '0' })).toThrow(/≥ 60000/);
  });
});
