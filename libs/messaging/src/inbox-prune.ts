import { RETAINED_TOPICS } from '@yuanlian/contracts';
import { MessagingConfig, physicalTopic } from './config';

/**
 * An inbox row is what makes a redelivered event a duplicate. Kafka can deliver an event again only while its record is
 * on the topic: at most the topic's retention after the record's segment was closed. The broker's defaults here
 * (scripts/kafka.sh, docker-compose.yml) are 7 days of retention and segments rolled at the latest after 7 days, so a
 * record is gone 14 days after it was written, and it was written before it was taken. Rows of events taken more than
 * `INBOX_DEDUPE_DAYS` (15) days ago are deleted. Topics kept for good (RETAINED_TOPICS: applications, case facts) can
 * bring back any event (a consumer whose offsets expired reads them from the start), so their rows are kept for good too.
 */
export function inboxDedupeMs(env: NodeJS.ProcessEnv = process.env): number {
  const days = env.INBOX_DEDUPE_DAYS === undefined ? 15 : Number(env.INBOX_DEDUPE_DAYS);
  if (!Number.isFinite(days) || days < 15) throw new Error(`INBOX_DEDUPE_DAYS must be a number of days ≥ 15 (the topics' retention and a segment's age), not "${env.INBOX_DEDUPE_DAYS}"`);
  return days * 86_400_000;
}

/** How often the inbox is pruned: `INBOX_PRUNE_MS` (hourly by default, at least a minute), or undefined for `off`. */
export function inboxPruneEveryMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const every = env.INBOX_PRUNE_MS ?? '3600000';
  if (every === 'off') return undefined;
  const ms = Number(every);
  if (!Number.isInteger(ms) || ms < 60_000) throw new Error(`INBOX_PRUNE_MS must be "off" or a number of milliseconds ≥ 60000, not "${every}"`);
  return ms;
}

/** The topics (as the broker names them) whose inbox rows are never deleted. */
export function keptForGood(config: MessagingConfig): string[] {
  return RETAINED_TOPICS.map((t) => physicalTopic(config, t));
}

type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * Deletes one consumer's inbox rows older than the horizon, except those of topics kept for good, in slices of `slice`
 * rows (each its own short statement, so the inbox is never locked for long). Returns how many rows went.
 */
export async function pruneInbox(query: Query, schema: string, consumer: string, horizonMs: number, keep: string[], slice = 5_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Counted by a SELECT over the deletion: TypeORM's query() answers a bare DELETE with [rows, rowCount], pg with rows.
    const [{ n }] = (await query(
      `WITH gone AS (
         DELETE FROM "${schema}".inbox WHERE ctid IN (
           SELECT ctid FROM "${schema}".inbox
           WHERE consumer = $1 AND processed_at < now() - ($2::bigint * interval '1 millisecond') AND topic <> ALL($3::text[])
           LIMIT $4)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [consumer, horizonMs, keep, slice],
    )) as { n: number }[];
    deleted += n;
    if (n < slice) return deleted;
  }
}
