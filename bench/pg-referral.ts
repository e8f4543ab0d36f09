// PostgreSQL alone, referral-shaped: what the database allows when it runs, for each referral, the statements the platform
// runs — the same text (TypeORM's, as the services send it), in the same transactions, from as many connections — with the
// services, the broker and the HTTP layer taken out. The stages and their connections are the platform's:
//   legal aid's request (16 clients on a pool of 10)   START; SELECT application FOR UPDATE; INSERT referral; INSERT outbox
//                                                      + pg_notify; INSERT timeline; COMMIT
//   legal aid's relay (its own connection)             one statement marks what was sent and reads what is next
//   the inspection's inbox (3 partitions, pool of 10)  per event: INSERT inbox; INSERT referral_inbox; INSERT clock;
//                                                      INSERT timeline; 2 × INSERT outbox (received, milestone) — up to 50
//                                                      events of a partition in one transaction, as many as are waiting
//   the inspection's relay                             as legal aid's
//   legal aid's inbox for the status (3, legal aid's pool) per event: INSERT inbox; SELECT referral FOR UPDATE; UPDATE
//                                                      referral; INSERT timeline
//   the committee's inbox for the milestone (3, pool of 10) per event: INSERT inbox; INSERT milestone
// Events pass from a relay to the consumers in memory (three partitions per topic, by key), so batches form as they do
// when the broker delivers a backlog. The tables are the real ones: the three services' migrations, applied under a
// prefix of the run's namespace, connected to as the services' roles. A referral counts when both its ends are done.
// The statements were taken from PostgreSQL's log of a run (log_statement = 'all' on a database of its own); the run
// checks the shape against the platform's own writes (rows inserted and updated per referral in each table), so a
// statement added to the path without this file following is caught. Reads are not checked that way.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Client, Pool, PoolClient } from 'pg';
import { migrate, serviceDatabaseUrl } from '@yuanlian/database';
import { outboxChannel, shardOf } from '@yuanlian/messaging';
import { SERVICES } from '../scripts/services';

const COUNTY = '360702';
const BASIS = '《个人信息保护法》第十三条第一款第三项（为履行法定职责所必需）、第三十四条';
const CLERK = `legal-aid-${COUNTY}-clerk`;
const PARTITIONS = 3;
const BATCH = 50;
const SENDERS = 16;
const POOL = 10;
/**
 * Referrals under way at most (sent, not yet finished at both ends). Without a bound the 16 senders, which share legal
 * aid's pool with its inbox, outrun the consumers and only the first stage is measured; with a large one the consumers'
 * batches grow to 50 and a referral costs fewer commits than it does in the platform. Twice the clients is about what
 * the platform has under way at its maximum (16 requests and as many on their way to the inbox), and gives its batching:
 * 22 statements in 2.3 commits per referral here against 21.4 in 2.15 in PostgreSQL's log of a 16-client burst.
 */
const IN_FLIGHT = 2 * SENDERS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PgReferralResult {
  referralsPerSecond: number;
  sent: number;
  completedInWindow: number;
  seconds: number;
  connections: number;
  statementsPerReferral: number;
  commitsPerReferral: number;
  /** CPU of the replica's backends, per referral. */
  postgresCpuMsPerReferral: number;
  /** CPU of this process driving them (on the same cores), per referral. */
  clientCpuMsPerReferral: number;
  /** Rows inserted and updated per referral, by table (service schema.table). */
  writesPerReferral: Record<string, number>;
}

/** Rows written so far (inserted + updated) in each table of the schemas under a prefix, keyed `schema.table` without it. */
export async function tableWrites(pg: Client, prefix: string): Promise<Record<string, number>> {
  const { rows } = await pg.query<{ s: string; t: string; n: string }>(
    `SELECT substr(schemaname, length($1) + 1) AS s, relname AS t, n_tup_ins + n_tup_upd AS n FROM pg_stat_user_tables
     WHERE starts_with(schemaname, $1) AND substr(schemaname, length($1) + 1) IN ('legal_aid', 'labor_inspection', 'command')`,
    [prefix],
  );
  return Object.fromEntries(rows.map((r) => [`${r.s}.${r.t}`, Number(r.n)]));
}

/** Rows written per referral between two readings, tables with none left out. */
export function writesPer(before: Record<string, number>, after: Record<string, number>, referrals: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const n = (v - (before[k] ?? 0)) / referrals;
    if (n > 0) out[k] = Number(n.toFixed(2));
  }
  return out;
}

/**
 * How long a backend may keep its table counters before reporting them: at most once a second, and an idle backend
 * that reported less than a second ago waits for its idle timeout (PGSTAT_IDLE_INTERVAL, 10 s) to report the rest.
 */
export const STATS_DELAY_MS = 10_500;

/**
 * The platform's table counters once what was written by `since` has been reported (the services' backends stay open, so
 * only time tells): waits until STATS_DELAY_MS after `since`, then until they stay the same for two seconds.
 */
export async function settledTableWrites(pg: Client, prefix: string, since = Date.now()): Promise<Record<string, number>> {
  await sleep(Math.max(0, since + STATS_DELAY_MS - Date.now()));
  let last = await tableWrites(pg, prefix);
  for (let i = 0; i < 15; i++) {
    await sleep(2000);
    const now = await tableWrites(pg, prefix);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

/** Waits for processes to end (closed connections' backends: they report their counters as they exit). */
async function gone(pids: number[]): Promise<void> {
  for (let i = 0; i < 100 && pids.some((pid) => existsSync(`/proc/${pid}`)); i++) await sleep(50);
}

/**
 * Where the platform's writes per referral (over `referrals` referrals) and the replica's differ, table by table: by more
 * than a tenth of a row, or two rows in all when there were few referrals (a service's sweep or a late alert), plus 5 %.
 * A statement added to or dropped from the referral's path moves a table by a row per referral.
 */
export function shapeDifferences(platform: Record<string, number>, replica: Record<string, number>, referrals: number): string[] {
  const slack = Math.max(0.1, 2 / referrals);
  const out: string[] = [];
  for (const table of new Set([...Object.keys(platform), ...Object.keys(replica)])) {
    const p = platform[table] ?? 0;
    const r = replica[table] ?? 0;
    if (Math.abs(p - r) > slack + 0.05 * Math.max(p, r)) out.push(`${table}: platform ${p}, replica ${r} rows written per referral`);
  }
  return out.sort();
}

class Queue<T> {
  private items: T[] = [];
  private waiting?: () => void;
  push(item: T) {
    this.items.push(item);
    this.waiting?.();
  }
  get size() {
    return this.items.length;
  }
  /** Up to `max` items, waiting for the first one (or `stop()`). */
  async take(max: number, stopped: () => boolean): Promise<T[]> {
    while (!this.items.length && !stopped()) await new Promise<void>((r) => (this.waiting = r));
    this.waiting = undefined;
    return this.items.splice(0, max);
  }
  wake() {
    this.waiting?.();
  }
}

const hash = (key: string) => {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % PARTITIONS;
};

interface Sent {
  referralId: string;
  applicationId: string;
  requestedAt: Date;
}

/**
 * Runs the replica for `durationMs` against fresh copies of the three schemas (prefix `prefix`, dropped with the run's
 * namespace), with `applications` cases to refer.
 */
export async function pgReferralLimit(ownerUrl: string, prefix: string, o: { durationMs: number; applications: number; inFlight?: number }): Promise<PgReferralResult> {
  const inFlight = o.inFlight ?? IN_FLIGHT;
  const saved = process.env.DB_SCHEMA_PREFIX;
  process.env.DB_SCHEMA_PREFIX = prefix;
  try {
    for (const name of ['legal-aid', 'labor-inspection', 'command']) await migrate(SERVICES[name].database());
  } finally {
    process.env.DB_SCHEMA_PREFIX = saved;
  }
  const la = `${prefix}legal_aid`;
  const li = `${prefix}labor_inspection`;
  const cmd = `${prefix}command`;

  const owner = new Client({ connectionString: ownerUrl, application_name: 'bench-pg-setup' });
  await owner.connect();
  const appIds = Array.from({ length: o.applications }, () => randomUUID());
  const sealed = (n: number) => `v1:${randomBytes(n).toString('base64')}`;
  // Loaded from a connection of its own, closed after: its table counters are reported before the baseline is read.
  const loader = new Client({ connectionString: ownerUrl, application_name: 'bench-pg-setup' });
  await loader.connect();
  await loader.query(
    `INSERT INTO "${la}".applications (id, agency_id, division_code, channel, matter, industry, worker_name, worker_id_number_sealed, worker_id_number_hash,
       worker_phone_sealed, worker_phone_hash, worker_key, employer_name, employer_credit_code, project_name, amount_owed_fen, workers_affected, summary,
       green_channel, means_test_required, priority, accept_first, status, created_by)
     SELECT id, 'legal-aid:${COUNTY}', '${COUNTY}', 'window', 'wage_arrears', 'construction', '压测工人', $2, $3, $4, $5, 'wk_' || md5(id::text),
       '赣州压测建设工程有限公司', '91360702MA35G7K276', '压测项目', 1250000, 1, '欠薪三个月，多次催讨无果', true, false, true, false, 'received', 'bench'
     FROM unnest($1::uuid[]) AS id`,
    [appIds, sealed(60), randomBytes(32).toString('hex'), sealed(40), randomBytes(32).toString('hex')],
  );
  await loader.query(`ANALYZE "${la}".applications`);
  const loaderPid = (loader as unknown as { processID: number }).processID;
  await loader.end();
  await gone([loaderPid]);

  // The platform's connections: each service's pool (10), each relay its own connection.
  const pools = {
    la: new Pool({ connectionString: serviceDatabaseUrl('legal_aid'), max: POOL, idleTimeoutMillis: 0, application_name: 'legal_aid' }),
    li: new Pool({ connectionString: serviceDatabaseUrl('labor_inspection'), max: POOL, idleTimeoutMillis: 0, application_name: 'labor_inspection' }),
    cmd: new Pool({ connectionString: serviceDatabaseUrl('command'), max: POOL, idleTimeoutMillis: 0, application_name: 'command' }),
  };
  const backendPids: number[] = [];
  for (const pool of Object.values(pools)) pool.on('connect', (c) => backendPids.push((c as unknown as { processID: number }).processID));
  const relayClients = [new Client({ connectionString: serviceDatabaseUrl('legal_aid'), application_name: `relay-${la}` }), new Client({ connectionString: serviceDatabaseUrl('labor_inspection'), application_name: `relay-${li}` })];
  for (const c of relayClients) {
    await c.connect();
    backendPids.push((c as unknown as { processID: number }).processID);
  }
  // Every connection opened before the window, so their backends are known and warm.
  for (const pool of Object.values(pools)) {
    const held = await Promise.all(Array.from({ length: POOL }, () => pool.connect()));
    held.forEach((c) => c.release());
  }

  let statements = 0;
  let commits = 0;
  const q = (c: PoolClient | Client, text: string, params?: unknown[]) => {
    statements++;
    if (text === 'COMMIT') commits++;
    return c.query(text, params);
  };
  const transaction = async (pool: Pool, work: (c: PoolClient) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await q(c, 'START TRANSACTION');
      await work(c);
      await q(c, 'COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
  const outbox = (schema: string) =>
    `WITH rows AS (INSERT INTO "${schema}".outbox (event_id, type, topic, key, shard, envelope) VALUES ($1, $2, $3, $4, $5, $6) RETURNING 1)
       SELECT pg_notify($7, '') FROM (SELECT 1 FROM rows LIMIT 1) AS notified`;
  const timeline = (schema: string) =>
    `INSERT INTO "${schema}"."referral_timeline"("referral_id", "type", "status", "by", "note", "data", "at") VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"`;
  const inbox = (schema: string) =>
    `INSERT INTO "${schema}".inbox (consumer, event_id, type, topic, partition, "offset") VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING event_id`;
  const markAndRead = (schema: string) =>
    `WITH marked AS (UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($3::bigint[]) RETURNING id)
       SELECT id, topic, key, event_id, type, envelope FROM "${schema}".outbox
       WHERE $4::boolean AND published_at IS NULL AND parked_at IS NULL AND shard = ANY($1::int[]) AND id <> ALL($3::bigint[]) ORDER BY id LIMIT $2`;
  const SELECT_APPLICATION = `SELECT ${[
    'id', 'agency_id', 'division_code', 'channel', 'matter', 'industry', 'worker_name', 'worker_id_number_sealed', 'worker_id_number_hash',
    'worker_phone_sealed', 'worker_phone_hash', 'worker_key', 'employer_name', 'employer_credit_code', 'project_name', 'project_address', 'amount_owed_fen',
    'workers_affected', 'summary', 'green_channel', 'means_test_required', 'priority', 'accept_first', 'urgent_reason', 'urgent_kind', 'status', 'created_by',
    'created_at', 'accepted_at', 'lawyer_name', 'assigned_at', 'paperwork_completed_at', 'follow_up', 'closed_at', 'closing_note',
  ].map((c) => `"Application"."${c}" AS "Application_${c}"`).join(', ')} FROM "${la}"."applications" "Application" WHERE (("Application"."id" = $1) AND ("Application"."agency_id" = $2)) LIMIT 1 FOR UPDATE`;
  const INSERT_REFERRAL = `INSERT INTO "${la}"."referrals"("id", "application_id", "from_agency_id", "to_agency_type", "to_agency_id", "status", "decline_reason_code", "status_note", "suggested_agency_id", "handled_by", "requested_by", "requested_at", "status_at", "updated_at", "purpose_code", "legal_basis", "shared", "agency_case_number", "clock_rule", "clock_due_on", "clock_status", "clock_provisional", "last_step", "outcome", "amount_recovered_fen", "payment_confirmed") VALUES ($1, $2, $3, $4, $5, $6, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $7, DEFAULT, DEFAULT, DEFAULT, $8, $9, $10, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT) ON CONFLICT DO NOTHING  RETURNING id`;
  const INSERT_RECEIVED = `INSERT INTO "${li}"."referral_inbox"("id", "case_id", "office_id", "division_code", "from_agency_id", "from_agency_type", "matter", "industry", "green_channel", "priority", "purpose_code", "legal_basis", "shared", "worker_key", "worker_name", "worker_id_number_sealed", "worker_phone_sealed", "employer_name", "employer_credit_code", "project_name", "project_address", "amount_owed_fen", "workers_affected", "summary", "status", "decline_reason_code", "status_note", "suggested_agency_id", "handled_by", "requested_by", "requested_at", "received_at", "status_at", "agency_case_number", "outcome", "amount_recovered_fen", "payment_confirmed", "next_due_on") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $26, $27, $28, $29, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $30) ON CONFLICT DO NOTHING  RETURNING id`;
  const INSERT_CLOCK = `INSERT INTO "${li}"."clocks"("id", "rule_id", "office_id", "agency_type", "area_code", "subject_type", "subject_id", "case_id", "started_on", "due_on", "provisional", "status", "pauses", "extensions", "overdue_at", "stopped_at", "stop_reason", "created_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, DEFAULT) RETURNING "created_at"`;
  const SELECT_REFERRAL = `SELECT ${[
    'id', 'application_id', 'from_agency_id', 'to_agency_type', 'to_agency_id', 'status', 'decline_reason_code', 'status_note', 'suggested_agency_id',
    'handled_by', 'requested_by', 'requested_at', 'status_at', 'updated_at', 'purpose_code', 'legal_basis', 'shared', 'agency_case_number', 'clock_rule',
    'clock_due_on', 'clock_status', 'clock_provisional', 'last_step', 'outcome', 'amount_recovered_fen', 'payment_confirmed',
  ].map((c) => `"Referral"."${c}" AS "Referral_${c}"`).join(', ')} FROM "${la}"."referrals" "Referral" WHERE (("Referral"."id" = $1)) LIMIT 1 FOR UPDATE`;
  const UPDATE_REFERRAL = `UPDATE "${la}"."referrals" SET "status" = $1, "status_at" = $2, "clock_rule" = $3, "clock_due_on" = $4, "clock_status" = $5, "clock_provisional" = $6, "updated_at" = CURRENT_TIMESTAMP WHERE "id" = $7`;
  const INSERT_MILESTONE = `INSERT INTO "${cmd}".stat_referral_milestones (event_id, referral_id, case_id, office_id, agency_type, division_code, milestone, at, matter,
         green_channel, amount_claimed_fen, amount_recovered_fen, payment_confirmed, outcome, clocks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (event_id) DO NOTHING`;

  const sent = new Map<string, Sent>();
  /** The milestone is keyed by the case (each case is referred once here): the relay finds its referral by it. */
  const referralOfCase = new Map<string, string>();
  const done = new Map<string, number>();
  let completedInWindow = 0;
  let windowEnd = Infinity;
  let finished = 0;
  let room: (() => void) | undefined;
  const finish = (referralId: string) => {
    const n = (done.get(referralId) ?? 0) + 1;
    done.set(referralId, n);
    if (n < 2) return;
    finished++;
    if (Date.now() <= windowEnd) completedInWindow++;
    room?.();
  };
  type Event = { eventId: string; referralId: string; offset: number };
  const toInspection = Array.from({ length: PARTITIONS }, () => new Queue<Event>());
  const toLegalAid = Array.from({ length: PARTITIONS }, () => new Queue<Event>());
  const toCommittee = Array.from({ length: PARTITIONS }, () => new Queue<Event>());
  const offsets = new Map<unknown, number>();
  const route = (queues: Queue<Event>[], eventId: string, referralId: string, key: string) => {
    const p = hash(key);
    const offset = (offsets.get(queues[p]) ?? 0) + 1;
    offsets.set(queues[p], offset);
    queues[p].push({ eventId, referralId, offset });
  };
  let sending = true;
  let running = true;
  // Every worker waits for the window to open (after the baselines are read).
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const failures: Error[] = [];
  const guard = (p: Promise<unknown>) => p.catch((e) => void failures.push(e as Error));

  // Legal aid's request: 16 clients, as many referrals as the pool lets through.
  let nextApplication = 0;
  const senders = Array.from({ length: SENDERS }, async () => {
    await opened;
    while (sending && nextApplication < appIds.length) {
      if (sent.size - finished >= inFlight) {
        await Promise.race([new Promise<void>((r) => (room = r)), sleep(100)]);
        continue;
      }
      const applicationId = appIds[nextApplication++];
      const referralId = randomUUID();
      const requestedAt = new Date();
      sent.set(referralId, { referralId, applicationId, requestedAt });
      await transaction(pools.la, async (c) => {
        await q(c, SELECT_APPLICATION, [applicationId, `legal-aid:${COUNTY}`]);
        await q(c, INSERT_REFERRAL, [referralId, applicationId, `legal-aid:${COUNTY}`, 'labor-inspection', `labor-inspection:${COUNTY}`, 'requested', CLERK, 'statutory_referral', BASIS, '["project"]']);
        await q(c, outbox(la), [randomUUID(), 'referral.requested', 'referrals.labor-inspection', referralId, shardOf(referralId), sealed(1300), outboxChannel(la)]);
        await q(c, timeline(la), [referralId, 'requested', 'requested', CLERK, null, `{"toAgencyId": "labor-inspection:${COUNTY}"}`, new Date()]);
      });
    }
  });

  // A relay: woken by NOTIFY (or every second), marks what it sent and reads the next rows in one statement.
  const relay = async (client: Client, schema: string, deliver: (row: { event_id: string; key: string; type: string }) => void) => {
    await opened;
    let wake: (() => void) | undefined;
    client.on('notification', () => wake?.());
    await client.query(`LISTEN "${outboxChannel(schema)}"`);
    let unmarked: string[] = [];
    const shards = Array.from({ length: 16 }, (_, i) => i);
    while (running) {
      const woken = new Promise<void>((r) => (wake = r));
      const { rows } = await q(client, markAndRead(schema), [shards, 500, unmarked, true]);
      unmarked = rows.map((r: { id: string }) => r.id);
      for (const row of rows) deliver(row);
      if (!rows.length) await Promise.race([woken, sleep(1000)]);
    }
  };
  const relays = [
    relay(relayClients[0], la, (row) => route(toInspection, row.event_id, row.key, row.key)),
    relay(relayClients[1], li, (row) =>
      row.type === 'referral.received' ? route(toLegalAid, row.event_id, row.key, row.key) : route(toCommittee, row.event_id, referralOfCase.get(row.key)!, row.key)),
  ];

  // A consumer: each partition's waiting events, up to 50 in one transaction.
  const consumer = (queues: Queue<Event>[], pool: Pool, schema: string, group: string, topic: string, type: string, handle: (c: PoolClient, e: Event) => Promise<void>) =>
    queues.map(async (queue, partition) => {
      await opened;
      while (running) {
        const events = await queue.take(BATCH, () => !running);
        if (!events.length) continue;
        await transaction(pool, async (c) => {
          for (const e of events) {
            await q(c, inbox(schema), [group, e.eventId, type, topic, partition, e.offset]);
            await handle(c, e);
          }
        });
        for (const e of events) if (type !== 'referral.requested') finish(e.referralId);
      }
    });
  const today = new Date().toISOString().slice(0, 10);
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const consumers = [
    ...consumer(toInspection, pools.li, li, '.labor-inspection', '.referrals.labor-inspection', 'referral.requested', async (c, e) => {
      const s = sent.get(e.referralId)!;
      const at = new Date();
      await q(c, INSERT_RECEIVED, [e.referralId, s.applicationId, `labor-inspection:${COUNTY}`, COUNTY, `legal-aid:${COUNTY}`, 'legal-aid', 'wage_arrears', 'construction', true, true,
        'statutory_referral', BASIS, '["project"]', `wk_${randomBytes(16).toString('hex')}`, '压测工人', null, null, '赣州压测建设工程有限公司', '91360702MA35G7K276', '压测项目', null,
        1250000, 1, '欠薪三个月，多次催讨无果', 'received', CLERK, s.requestedAt, at, at, due]);
      await q(c, INSERT_CLOCK, [randomUUID(), 'labor-inspection.acceptance', `labor-inspection:${COUNTY}`, 'labor-inspection', COUNTY, 'referral', e.referralId, s.applicationId,
        today, due, false, 'running', '[]', '[]', null, null, null]);
      await q(c, timeline(li), [e.referralId, 'received', 'received', `legal-aid:${COUNTY}`, null, `{"dueOn": "${due}"}`, at]);
      const received = randomUUID();
      await q(c, outbox(li), [received, 'referral.received', 'referral-updates.legal-aid', e.referralId, shardOf(e.referralId), JSON.stringify({
        eventId: received, type: 'referral.received', version: 1, occurredAt: at.toISOString(), source: 'labor-inspection', caseId: s.applicationId, causationId: e.eventId,
        traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
        payload: { referralId: e.referralId, caseId: s.applicationId, toAgencyId: `labor-inspection:${COUNTY}`, fromAgencyType: 'legal-aid', at: at.toISOString(), clock: { rule: 'labor-inspection.acceptance', dueOn: due, provisional: false, status: 'running' } },
      }), outboxChannel(li)]);
      const milestone = randomUUID();
      referralOfCase.set(s.applicationId, e.referralId);
      await q(c, outbox(li), [milestone, 'referral.milestone', 'case-facts', s.applicationId, shardOf(s.applicationId), JSON.stringify({
        eventId: milestone, type: 'referral.milestone', version: 1, occurredAt: at.toISOString(), source: 'labor-inspection', caseId: s.applicationId, causationId: e.eventId,
        traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
        payload: { referralId: e.referralId, caseId: s.applicationId, officeId: `labor-inspection:${COUNTY}`, agencyType: 'labor-inspection', divisionCode: COUNTY, matter: 'wage_arrears',
          industry: 'construction', greenChannel: true, milestone: 'received', at: at.toISOString(), amountClaimedFen: 1250000, workersAffected: 1, clocks: [] },
      }), outboxChannel(li)]);
    }),
    ...consumer(toLegalAid, pools.la, la, '.legal-aid', '.referral-updates.legal-aid', 'referral.received', async (c, e) => {
      await q(c, SELECT_REFERRAL, [e.referralId]);
      const at = new Date();
      await q(c, UPDATE_REFERRAL, ['received', at, 'labor-inspection.acceptance', due, 'running', false, e.referralId]);
      await q(c, timeline(la), [e.referralId, 'received', 'received', null, null, `{"clock": {"rule": "labor-inspection.acceptance", "dueOn": "${due}", "status": "running", "provisional": false}}`, at]);
    }),
    ...consumer(toCommittee, pools.cmd, cmd, '.command', '.case-facts', 'referral.milestone', async (c, e) => {
      const s = sent.get(e.referralId)!;
      await q(c, INSERT_MILESTONE, [e.eventId, e.referralId, s.applicationId, `labor-inspection:${COUNTY}`, 'labor-inspection', COUNTY, 'received', new Date(), 'wage_arrears', true, 1250000,
        null, null, null, '[]']);
    }),
  ];
  const workers = [...senders, ...relays, ...consumers].map(guard);

  const writesBefore = await tableWrites(owner, prefix);
  const cpuOf = () => backendPids.reduce((n, pid) => n + backendSeconds(pid), 0);
  const cpuBefore = cpuOf();
  const clientBefore = process.cpuUsage();
  const started = Date.now();
  open();
  windowEnd = started + o.durationMs;
  while (Date.now() < windowEnd && !failures.length && nextApplication < appIds.length) await sleep(50);
  sending = false;
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(senders.map(guard));
  const until = Date.now() + 120_000;
  while ([...sent.keys()].some((id) => done.get(id) !== 2) && !failures.length && Date.now() < until) await sleep(50);
  const cpuAfter = cpuOf();
  const client = process.cpuUsage(clientBefore);
  running = false;
  for (const queue of [...toInspection, ...toLegalAid, ...toCommittee]) queue.wake();
  await Promise.all(workers);
  if (failures.length) throw failures[0];
  if (nextApplication >= appIds.length) throw new Error(`the referral-shaped PostgreSQL run used all ${appIds.length} applications: give it more`);
  const complete = [...sent.keys()].filter((id) => done.get(id) === 2).length;
  if (complete < sent.size) throw new Error(`the referral-shaped PostgreSQL run left ${sent.size - complete} referrals unfinished`);
  // Closing the connections makes their backends report their table counters.
  await Promise.all([...Object.values(pools).map((p) => p.end()), ...relayClients.map((c) => c.end())]);
  await gone(backendPids);
  const writesAfter = await tableWrites(owner, prefix);
  await owner.end();

  const n = sent.size;
  return {
    referralsPerSecond: Number((Math.min(n, completedInWindow) / seconds).toFixed(1)),
    sent: n,
    completedInWindow,
    seconds: Number(seconds.toFixed(1)),
    connections: 3 * POOL + relayClients.length,
    statementsPerReferral: Number((statements / n).toFixed(1)),
    commitsPerReferral: Number((commits / n).toFixed(2)),
    postgresCpuMsPerReferral: Number((((cpuAfter - cpuBefore) * 1000) / n).toFixed(2)),
    clientCpuMsPerReferral: Number((((client.user + client.system) / 1000) / n).toFixed(2)),
    writesPerReferral: writesPer(writesBefore, writesAfter, n),
  };
}

/** A backend's CPU seconds to the nanosecond (0 once it has gone). */
function backendSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return 0;
  }
}
