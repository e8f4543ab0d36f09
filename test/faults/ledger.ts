// The fault suite's ledger: what the clients were told (every application answered 201, every referral answered 201 or
// found after a 409), checked after recovery against the topics and against each service's tables, independently.
import { CONSUMED_TOPICS, DEAD_LETTER_SUFFIX, Topics } from '@yuanlian/contracts';
import type { KafkaService } from '@yuanlian/contracts';
import { schemaName } from '@yuanlian/database';
import { readTopicToEnd, TestNamespace } from '@yuanlian/testing';
import type { ReadMessage } from '@yuanlian/testing';
import { readFileSync } from 'node:fs';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';

/** What the clients hold: ids the platform gave them. */
export class Ledger {
  /** Application id → the client's sequence number. */
  readonly applications = new Map<string, number>();
  /** Referral id → its application id. */
  readonly referrals = new Map<string, string>();
}

export interface Audit {
  /** Referrals the clients were told of. */
  acked: number;
  /** Applications created whose answer never reached the client (it retried): not lost, but a second case for one worker. */
  unacknowledged: number;
  /** Ledger referrals not committed at legal aid. */
  missingAtSender: number;
  /** Ledger referrals not in the inspection's inbox. */
  lost: number;
  /** Ledger referrals without their request, or without its answer, on the topic (read apart from the tables). */
  unpublished: number;
  /** Ledger referrals back at legal aid as `received`. */
  receivedBack: number;
  /** Effects written more than once: second inbox row for a referral, second `received` in either timeline, a referral
   * published twice under different event ids, a second `Alert` message for an alert. */
  duplicated: number;
  /** Records on the topics beyond the first of each event (a relay resending after a crash): absorbed by the inboxes. */
  resent: number;
  /** Events the inboxes were handed again and skipped (a batch delivered again after a crash, a resent record), as the
   * services logged them. */
  redelivered: number;
  /** Events on the topics each consumer reads, and those of them it has taken (its inbox), counted event by event. */
  consumed: Record<string, { onTopic: number; taken: number }>;
  /** Events on a topic that its consumer never took. */
  notTaken: number;
  /** Records on the namespace's dead-letter topics. */
  deadLettered: number;
  /** Outbox rows parked, and rows still unsent, over every service. */
  parked: number;
  unsent: number;
  /** Employers with an orange or red alert at early warning, and at the committee's desk. */
  alerts: number;
  atCommittee: number;
}

const SCHEMAS: Record<string, string> = { 'legal-aid': 'legal_aid', 'labor-inspection': 'labor_inspection', 'early-warning': 'early_warning', command: 'command' };

const eventId = (m: ReadMessage): string | undefined => m.headers['event-id'] || undefined;
const parse = (m: ReadMessage): { type?: string; eventId?: string; payload?: Record<string, unknown> } => {
  try {
    return JSON.parse(m.value ?? '');
  } catch {
    return {};
  }
};

export async function audit(pg: Client, kafka: Kafka, ns: TestNamespace, services: string[], ledger: Ledger, logFiles: string[] = []): Promise<Audit> {
  const q = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;
  const one = async (sql: string, params: unknown[] = []) => Number((await q(sql, params))[0].n);
  const la = schemaName('legal_aid');
  const li = schemaName('labor_inspection');
  const ew = schemaName('early_warning');
  const cmd = schemaName('command');
  const referralIds = [...ledger.referrals.keys()];
  const topics = new Map<string, ReadMessage[]>();
  const read = async (logical: string) => {
    if (!topics.has(logical)) topics.set(logical, await readTopicToEnd(kafka, ns.topicPrefix + logical));
    return topics.get(logical)!;
  };

  // The sender's tables.
  const atSender = await one(`SELECT count(*) AS n FROM "${la}".referrals WHERE id = ANY($1::uuid[])`, [referralIds]);
  const unacknowledged = await one(`SELECT count(*) AS n FROM "${la}".applications WHERE NOT (id = ANY($1::uuid[]))`, [[...ledger.applications.keys()]]);
  const receivedBack = await one(`SELECT count(*) AS n FROM "${la}".referrals WHERE id = ANY($1::uuid[]) AND status = 'received'`, [referralIds]);

  // The receiver's tables: each referral exactly once.
  const inbox = new Map<string, number>((await q(`SELECT id, count(*) AS n FROM "${li}".referral_inbox WHERE id = ANY($1::uuid[]) GROUP BY id`, [referralIds])).map((r) => [r.id, Number(r.n)]));
  const lost = referralIds.filter((id) => !inbox.has(id)).length;
  let duplicated = [...inbox.values()].filter((n) => n > 1).length;
  for (const schema of [li, la]) {
    duplicated += await one(
      `SELECT count(*) AS n FROM (SELECT referral_id FROM "${schema}".referral_timeline WHERE type = 'received' AND referral_id = ANY($1::uuid[]) GROUP BY referral_id HAVING count(*) > 1) d`,
      [referralIds],
    );
  }

  // The topics, read independently of the tables: each referral published once (one event id), resends counted apart.
  let resent = 0;
  let unpublished = 0;
  for (const [topic, type] of [[Topics.referralsTo('labor-inspection'), 'referral.requested'], [Topics.referralUpdatesTo('legal-aid'), 'referral.received']] as const) {
    const eventsPerReferral = new Map<string, Set<string>>();
    const records = await read(topic);
    const seen = new Set<string>();
    for (const m of records) {
      const id = eventId(m);
      if (id && seen.has(id)) resent++;
      if (id) seen.add(id);
      const envelope = parse(m);
      if (envelope.type !== type || !m.key) continue;
      eventsPerReferral.set(m.key, (eventsPerReferral.get(m.key) ?? new Set()).add(envelope.eventId ?? id ?? ''));
    }
    duplicated += [...eventsPerReferral.values()].filter((s) => s.size > 1).length;
    // A ledger referral whose event is not on the topic went missing on the way, whatever the tables say.
    unpublished += referralIds.filter((id) => !eventsPerReferral.has(id)).length;
  }

  // Every consumer took every event of every topic it reads (early warning's intake among them), event by event.
  const consumed: Audit['consumed'] = {};
  let notTaken = 0;
  for (const service of services) {
    const group = `${ns.topicPrefix}${service}`;
    const taken = new Set<string>((await q(`SELECT event_id FROM "${schemaName(SCHEMAS[service])}".inbox WHERE consumer = $1`, [group])).map((r) => r.event_id));
    for (const topic of CONSUMED_TOPICS[service as KafkaService] ?? []) {
      const ids = new Set((await read(topic)).map(eventId).filter((id): id is string => !!id));
      const count = [...ids].filter((id) => taken.has(id)).length;
      consumed[`${service}<${topic}`] = { onTopic: ids.size, taken: count };
      notTaken += ids.size - count;
    }
  }

  // Dead letters, parked and unsent outbox rows: all must be empty.
  const admin = kafka.admin();
  await admin.connect();
  let deadLettered = 0;
  try {
    const dlts = (await admin.listTopics()).filter((t) => t.startsWith(ns.topicPrefix) && t.endsWith(DEAD_LETTER_SUFFIX));
    for (const t of dlts) deadLettered += (await admin.fetchTopicOffsets(t)).reduce((s, p) => s + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
  let parked = 0;
  let unsent = 0;
  for (const service of services) {
    const schema = schemaName(SCHEMAS[service]);
    parked += await one(`SELECT count(*) AS n FROM "${schema}".outbox WHERE parked_at IS NOT NULL`);
    unsent += await one(`SELECT count(*) AS n FROM "${schema}".outbox WHERE published_at IS NULL AND parked_at IS NULL`);
  }

  // Alerts: one per employer, and each raised once (one `Alert` message per alert on the committee's topic).
  const alerts = await one(`SELECT count(DISTINCT subject_key) AS n FROM "${ew}".alerts WHERE peak_level IN ('orange', 'red')`);
  const atCommittee = await one(`SELECT count(*) AS n FROM "${cmd}".desk_alerts WHERE level IN ('orange', 'red')`);
  const raised = new Map<string, Set<string>>();
  for (const m of await read(Topics.alertsTo('command'))) {
    const e = parse(m);
    if (e.payload?.msgType !== 'Alert') continue;
    const alertId = String(e.payload.alertId);
    raised.set(alertId, (raised.get(alertId) ?? new Set()).add(e.eventId ?? eventId(m) ?? ''));
  }
  duplicated += [...raised.values()].filter((s) => s.size > 1).length;
  duplicated += await one(`SELECT count(*) AS n FROM (SELECT subject_key FROM "${ew}".alerts GROUP BY subject_key HAVING count(*) > 1) d`);

  return {
    acked: ledger.referrals.size, unacknowledged, missingAtSender: ledger.referrals.size - atSender, lost, unpublished, receivedBack, duplicated, resent,
    redelivered: redeliveredIn(logFiles), consumed, notTaken, deadLettered, parked, unsent, alerts, atCommittee,
  };
}

/** The events the inboxes skipped as already taken, from the `redelivered: N event(s) …` lines of the services' logs. */
export function redeliveredIn(logFiles: string[]): number {
  let n = 0;
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/redelivered: (\d+) event/g)) n += Number(m[1]);
  }
  return n;
}

/** What is wrong with an audit (empty when nothing is): every acknowledged referral delivered once and back once, every
 * event taken by each consumer, nothing dead-lettered, parked or left unsent, one severe alert per employer. */
export function problems(a: Audit, employers: number): string[] {
  const out: string[] = [];
  if (a.missingAtSender) out.push(`${a.missingAtSender} acknowledged referral(s) missing at legal aid`);
  if (a.lost) out.push(`${a.lost} referral(s) lost before the inspection's inbox`);
  if (a.unpublished) out.push(`${a.unpublished} request(s) or answer(s) of acknowledged referrals missing from the topics`);
  if (a.receivedBack !== a.acked) out.push(`${a.acked - a.receivedBack} referral(s) not back at legal aid as received`);
  if (a.duplicated) out.push(`${a.duplicated} duplicated effect(s)`);
  if (a.notTaken) out.push(`${a.notTaken} event(s) on a topic not taken by its consumer: ${Object.entries(a.consumed).filter(([, c]) => c.taken < c.onTopic).map(([k, c]) => `${k} ${c.taken}/${c.onTopic}`).join(', ')}`);
  if (a.deadLettered) out.push(`${a.deadLettered} record(s) dead-lettered`);
  if (a.parked) out.push(`${a.parked} outbox row(s) parked`);
  if (a.unsent) out.push(`${a.unsent} outbox row(s) never sent`);
  if (a.alerts !== employers) out.push(`alerts for ${a.alerts} of ${employers} employers`);
  if (a.atCommittee !== employers) out.push(`${a.atCommittee} of ${employers} alerts at the committee`);
  return out;
}

export function ledgerLine(name: string, a: Audit, employers: number): string {
  const ew = Object.entries(a.consumed).filter(([k]) => k.startsWith('early-warning<')).reduce((s, [, c]) => ({ on: s.on + c.onTopic, taken: s.taken + c.taken }), { on: 0, taken: 0 });
  return `fault="${name}" acked=${a.acked} lost=${a.lost} not_on_topic=${a.unpublished} received_back=${a.receivedBack} duplicated=${a.duplicated} resent=${a.resent} redelivered_absorbed=${a.redelivered} ` +
    `early_warning_took=${ew.taken}/${ew.on} not_taken=${a.notTaken} dead_lettered=${a.deadLettered} parked=${a.parked} unsent=${a.unsent} ` +
    `alerts=${a.alerts}/${employers} at_committee=${a.atCommittee} unacknowledged_applications=${a.unacknowledged}`;
}
