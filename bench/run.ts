// npm run bench [-- --smoke]: end-to-end referral throughput and latency of Yuanlian against the naive NestJS way
// and against what the broker and the database allow on this machine (the database with the referral's own statements,
// bench/pg-referral.ts); early warning under the same load; growth with stored cases; the CPU of the run's own processes
// (bench/cpu.ts); peak memory. Prints one table and the ratio lines; writes bench/results.json. Fails (exit 1) when a
// figure it prints is missing or not a positive number (bench/figures.ts), or when the replica of the referral's
// statements no longer writes what the services write.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationReceivedV1, GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { databaseUrl, schemaName } from '@yuanlian/database';
import { GANZHOU_COUNTIES, makeCreditCode } from '@yuanlian/identity';
import { AlertCollector, percentile, ScenarioPublisher, waitForQuiet } from '@yuanlian/scenario';
import type { ScenarioEvent } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, freePort, ServiceProcess, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { Client } from 'pg';
import { Platform } from '../test/support/platform';
import { createRoot, cryptoSuite, DataKeys, devKey, EventVerifier, Keyring, signEvent } from '@yuanlian/trust';
import { idNumberHash, legalAidDataKeys, phoneHash } from '../apps/legal-aid/src/applications/personal-data';
import { brokerPid, cpuCost, CpuCost, RunCpu } from './cpu';
import { Figures } from './figures';
import { pgReferralLimit, settledTableWrites, shapeDifferences, writesPer } from './pg-referral';

const SMOKE = process.argv.includes('--smoke');
const phaseArg = process.argv.indexOf('--phase-seconds');
const PHASE_MS = phaseArg > 0 ? Number(process.argv[phaseArg + 1]) * 1000 : SMOKE ? 3_000 : 60_000;
/** The early-warning phase: long enough for the scenario's disputes to cross their thresholds several times. */
const EW_PHASE_MS = SMOKE ? 3_000 : 20_000;
const STATEMENTS = process.argv.includes('--statements');
const CLIENTS = 16;
const GROWTH = SMOKE ? [1_000, 10_000] : [10_000, 1_000_000];
const COUNTY = '360702';

const say = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

interface LoadResult {
  accepted: number;
  seconds: number;
  acceptedPerSecond: number;
  deliveredPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

/** Closed loop (`clients` each waiting for its answer) or open loop at `rate` per second, for `durationMs`. */
async function load(send: (i: number) => Promise<void>, o: { durationMs: number; clients?: number; rate?: number }): Promise<{ accepted: number; seconds: number }> {
  const started = Date.now();
  let next = 0;
  let accepted = 0;
  const one = async () => {
    await send(next++);
    accepted++;
  };
  if (o.rate) {
    const inFlight = new Set<Promise<void>>();
    while (Date.now() - started < o.durationMs) {
      const due = Math.floor(((Date.now() - started) / 1000) * o.rate);
      while (next < due && inFlight.size < 256) {
        const p = one().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await sleep(5);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(Array.from({ length: o.clients ?? CLIENTS }, async () => {
      while (Date.now() - started < o.durationMs) await one();
    }));
  }
  return { accepted, seconds: (Date.now() - started) / 1000 };
}

async function post(url: string, token: string | undefined, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${url} → ${res.status} ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

/** Delivery and latency of what was accepted between two instants, read from the two sides' tables. */
async function delivery(pg: Client, sql: string, from: Date, to: Date, seconds: number, accepted: number): Promise<LoadResult> {
  const { rows } = await pg.query<{ ms: number; delivered_in_window: boolean }>(sql, [from, to]);
  const latencies = rows.map((r) => Number(r.ms));
  return {
    accepted, seconds: round(seconds, 1), acceptedPerSecond: round(accepted / seconds, 1),
    deliveredPerSecond: round(rows.filter((r) => r.delivered_in_window).length / seconds, 1),
    latencyMs: { p50: round(percentile(latencies, 50), 1), p95: round(percentile(latencies, 95), 1), p99: round(percentile(latencies, 99), 1) },
  };
}

/** The broker alone: the same number of messages of a referral's size produced and consumed, as fast as it goes. */
async function kafkaLimit(topicPrefix: string, count: number): Promise<number> {
  const kafka = testKafka();
  const topic = `${topicPrefix}bench-raw`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: -1 }] });
  await admin.disconnect();
  const value = JSON.stringify({ padding: randomBytes(700).toString('hex') });
  const consumer = kafka.consumer({ groupId: `${topicPrefix}bench-raw`, maxWaitTimeInMs: 50 });
  let received = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachBatch: async ({ batch }) => void (received += batch.messages.length) });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = Date.now();
  for (let i = 0; i < count; i += 500) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ key: String(i + j), value })) });
  }
  await waitFor('every raw message consumed', () => received >= count, 120_000, 20);
  const perSecond = count / ((Date.now() - started) / 1000);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return round(perSecond);
}

const BENCH_ID = '360702199003071239';
const BENCH_PHONE = '13812345678';

type TrustCost = { signUs: number; verifyUs: number; sealUs: number; openUs: number };

/**
 * The CPU cost of trust per event, in this process: signing (the relay) and verifying (every consumer; the signer's
 * certificate checked once and then remembered) an event of a referral's size, and sealing and opening a personal-data
 * value at rest (the outbox and the inboxes seal, the relay and the views open), with each suite.
 */
function signingCost(events: number): Record<string, TrustCost> {
  const out: Record<string, TrustCost> = {};
  const value = JSON.stringify({ padding: 'x'.repeat(1400) });
  for (const name of ['intl', 'sm'] as const) {
    const suite = cryptoSuite(name);
    const root = createRoot(suite, 'bench');
    const ring = new Keyring('legal-aid', [devKey(suite, root, 'legal-aid', ['legal-aid:360702'])], suite);
    const verifier = new EventVerifier(new Map([[root.root.id, root.root]]), [suite.alg]);
    const n = name === 'sm' ? Math.ceil(events / 10) : events;
    let headers = signEvent(ring, { topic: 'referrals.labor-inspection', key: 'k', value, office: 'legal-aid:360702' });
    const t0 = performance.now();
    for (let i = 0; i < n; i++) headers = signEvent(ring, { topic: 'referrals.labor-inspection', key: 'k', value, office: 'legal-aid:360702' });
    const t1 = performance.now();
    for (let i = 0; i < n; i++) if (!verifier.verify({ topic: 'referrals.labor-inspection', key: 'k', value: Buffer.from(value), headers }).ok) throw new Error('bench signature did not verify');
    const t2 = performance.now();
    const key = randomBytes(32);
    let sealed = suite.seal(key, BENCH_ID);
    for (let i = 0; i < events; i++) sealed = suite.seal(key, BENCH_ID);
    const t3 = performance.now();
    for (let i = 0; i < events; i++) suite.open(key, sealed);
    const t4 = performance.now();
    const us = (ms: number, count: number) => round((ms * 1000) / count);
    out[name] = { signUs: us(t1 - t0, n), verifyUs: us(t2 - t1, n), sealUs: us(t3 - t2, events), openUs: us(t4 - t3, events) };
  }
  return out;
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
function peakRssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))!;
  return round(Number(line.replace(/\D+/g, '')) / 1024, 1);
}

/**
 * --statements (needs pg_stat_statements in shared_preload_libraries): the statements the database ran per referral
 * during the load at the maximum, most frequent first, with their share of the database's execution time.
 */
async function statementsPerReferral(pg: Client, referrals: number): Promise<void> {
  const { rows } = await pg.query<{ calls: string; ms: number; query: string }>(
    `SELECT calls, total_exec_time AS ms, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC`);
  const total = rows.reduce((n, r) => n + Number(r.calls), 0);
  const time = rows.reduce((n, r) => n + r.ms, 0);
  say(`  statements per referral: ${round(total / referrals, 1)}, execution ${round(time / referrals, 2)} ms per referral`);
  for (const r of rows.slice(0, 30)) say(`    ${round(Number(r.calls) / referrals, 2)}\t${round((100 * r.ms) / time, 1)}%\t${r.query.slice(0, 150)}`);
}

async function main() {
  const began = Date.now();
  say(`benchmark${SMOKE ? ' (smoke)' : ''}: ${PHASE_MS / 1000} s per load phase, ${CLIENTS} clients, growth ${GROWTH.join(' → ')} stored cases`);
  const ns = createNamespace('bench');
  enterNamespace(ns);
  const results: Record<string, unknown> = {};
  const platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'early-warning', 'command'], { CLOCK_SWEEP_MS: 'off', LOG_LEVEL: 'warn' });
  const la = schemaName('legal_aid');
  const li = schemaName('labor_inspection');
  const ew = schemaName('early_warning');
  const kafka = testKafka();
  const naiveServices: ServiceProcess[] = [];
  // The CPU of the run's own processes: its services, the backends of their connections, the broker, this process.
  const cpu = new RunCpu(databaseUrl());
  const serviceNames = Object.keys(platform.services);
  for (const [name, s] of Object.entries(platform.services)) cpu.watch(name, s.pid);
  const broker = brokerPid(join(__dirname, '..'));
  cpu.watch('kafka', broker.pid, false);
  say(`  broker's CPU: ${broker.pid ? `pid ${broker.pid} (${broker.how})` : `not measured: ${broker.how}`}`);
  await cpu.start();
  const figures = new Figures();
  let failed: string[] = [];
  try {
    // Limits of the machine.
    results.kafkaMessagesPerSecond = await kafkaLimit(ns.topicPrefix, SMOKE ? 5_000 : 100_000);
    say(`  kafka raw: ${results.kafkaMessagesPerSecond} messages/s`);
    // The database alone with the referral's own statements and transactions, in copies of the three schemas.
    const pgBefore = await cpu.read();
    const pgLimit = await pgReferralLimit(databaseUrl(), `${ns.schemaPrefix}pg_`, { durationMs: SMOKE ? 3_000 : 20_000, applications: SMOKE ? 5_000 : 20_000 });
    const pgAfter = await cpu.read();
    // What else the machine did meanwhile: all but the platform at rest, this process and the replica's backends.
    const pgSeconds = (pgAfter.at - pgBefore.at) / 1000;
    const pgRest = round(Math.max(0, cpuCost(pgBefore, pgAfter, serviceNames, pgSeconds).restOfMachineMsPerSecond - (pgLimit.postgresCpuMsPerReferral * pgLimit.sent) / pgSeconds));
    results.pgReferralShaped = { ...pgLimit, restOfMachineMsPerSecond: pgRest };
    say(`  postgres alone, referral-shaped: ${JSON.stringify(pgLimit)}`);

    // Yuanlian: applications loaded in bulk, then referrals over HTTP; latency from acceptance to the receiving inbox.
    const appIds = Array.from({ length: SMOKE ? 5_000 : 60_000 }, () => randomUUID());
    // The worker's ID number and phone as the services store them: sealed with their data keys, found by keyed hash.
    const laKeys = legalAidDataKeys();
    const sealedIdentity = [laKeys.seal(BENCH_ID), idNumberHash(BENCH_ID, laKeys), laKeys.seal(BENCH_PHONE), phoneHash(BENCH_PHONE, laKeys)];
    for (let i = 0; i < appIds.length; i += 10_000) {
      await platform.pg.query(
        `INSERT INTO "${la}".applications (id, agency_id, division_code, channel, matter, industry, worker_name, worker_id_number_sealed, worker_id_number_hash,
           worker_phone_sealed, worker_phone_hash, worker_key,
           employer_name, employer_credit_code, project_name, amount_owed_fen, workers_affected, summary, green_channel, means_test_required, priority,
           accept_first, status, created_by)
         SELECT id, 'legal-aid:${COUNTY}', '${COUNTY}', 'window', 'wage_arrears', 'construction', '压测工人', $2, $3, $4, $5,
           'wk_' || md5(id::text), '赣州压测建设工程有限公司', '91360702MA35G7K276', '压测项目', 1250000, 1, '欠薪三个月，多次催讨无果', true, false, true, false, 'received', 'bench'
         FROM unnest($1::uuid[]) AS id`,
        [appIds.slice(i, i + 10_000), ...sealedIdentity],
      );
    }
    const clerk = tokenFor('legal-aid', COUNTY, 'clerk');
    const legalAid = platform.services['legal-aid'].url;
    const refer = (i: number) => post(`${legalAid}/applications/${appIds[i]}/referrals`, clerk, { toAgencyType: 'labor-inspection', share: ['project'] });
    const yuanlianLatency = `SELECT extract(epoch FROM i.received_at - r.requested_at) * 1000 AS ms, i.received_at <= $2 AS delivered_in_window
      FROM "${la}".referrals r JOIN "${li}".referral_inbox i ON i.id = r.id WHERE r.requested_at BETWEEN $1 AND $2`;
    const drainYuanlian = () => waitFor('the referrals to reach the inbox', async () => {
      const { rows: [r] } = await platform.pg.query(`SELECT (SELECT count(*) FROM "${la}".referrals) = (SELECT count(*) FROM "${li}".referral_inbox) AS done`);
      return r.done;
    }, 300_000, 100);
    // The rest of a referral's path: its status back at legal aid, its milestone at the committee.
    const drainBack = () => waitFor('every status back at legal aid and every milestone at the committee', async () => {
      const { rows: [r] } = await platform.pg.query(`SELECT (SELECT count(*) = 0 FROM "${la}".referrals WHERE status = 'requested')
        AND (SELECT count(*) FROM "${schemaName('command')}".stat_referral_milestones) >= (SELECT count(*) FROM "${li}".referral_inbox) AS done`);
      return r.done;
    }, 300_000, 100);

    // What the platform costs at rest (pollers, sweepers, consumers waiting on empty topics), in CPU ms per second.
    const idleBefore = await cpu.read();
    await sleep(SMOKE ? 2_000 : 10_000);
    const idleAfter = await cpu.read();
    const idle = cpuCost(idleBefore, idleAfter, serviceNames, (idleAfter.at - idleBefore.at) / 1000);
    results.idleCpuMsPerSecond = idle;
    say(`  idle cpu ms per second: ${JSON.stringify(idle)}`);

    let offset = 0;
    const from = new Date();
    const cpuBefore = await cpu.read();
    if (STATEMENTS) await platform.pg.query('SELECT pg_stat_statements_reset()');
    const max = await load((i) => refer(offset + i), { durationMs: PHASE_MS });
    const to = new Date();
    offset += max.accepted;
    await drainYuanlian();
    const perReferral = cpuCost(cpuBefore, await cpu.read(), serviceNames, max.accepted);
    results.cpuMsPerReferral = perReferral;
    say(`  cpu ms per referral: ${JSON.stringify(perReferral)}`);
    if (STATEMENTS) await statementsPerReferral(platform.pg, max.accepted);
    const yuanlianMax = await delivery(platform.pg, yuanlianLatency, from, to, max.seconds, max.accepted);
    const sustainable = Math.min(yuanlianMax.acceptedPerSecond, yuanlianMax.deliveredPerSecond);
    say(`  yuanlian at max: ${JSON.stringify(yuanlianMax)}`);

    // The half-rate phase also checks the replica's shape: rows each table gets per referral, platform against replica
    // (read once every referral of the maximum is back at legal aid and counted at the committee, and the services'
    // backends have reported what they wrote; the wait also lets the early-warning load's alerts reach the desks).
    await drainBack();
    const writesBefore = await settledTableWrites(platform.pg, ns.schemaPrefix);
    const halfFrom = new Date();
    const half = await load((i) => refer(offset + i), { durationMs: PHASE_MS, rate: sustainable / 2 });
    const halfTo = new Date();
    offset += half.accepted;
    await drainYuanlian();
    await drainBack();
    // Read after the naive phase, by when the services' backends have reported the half phase's writes.
    const halfDrained = Date.now();
    const referralShape = async () => {
      const platformWrites = writesPer(writesBefore, await settledTableWrites(platform.pg, ns.schemaPrefix, halfDrained), half.accepted);
      // Too few referrals at half rate (a machine busy with something else) and a row per referral is within the slack.
      const enough = half.accepted >= 3;
      const differences = shapeDifferences(platformWrites, pgLimit.writesPerReferral, half.accepted);
      results.referralShape = { referrals: half.accepted, platformWritesPerReferral: platformWrites, replicaWritesPerReferral: pgLimit.writesPerReferral, differences };
      say(`  rows written per referral, platform: ${JSON.stringify(platformWrites)}`);
      if (!enough) say(`  the replica's shape is not checked: only ${half.accepted} referrals at half rate`);
      else if (differences.length) say(`  the replica of the referral's statements differs from the platform (update bench/pg-referral.ts): ${differences.join('; ')}`);
      return enough ? differences : [];
    };
    const yuanlianHalf = await delivery(platform.pg, yuanlianLatency, halfFrom, halfTo, half.seconds, half.accepted);
    say(`  yuanlian at half: ${JSON.stringify(yuanlianHalf)}`);
    results.yuanlian = { max: { ...yuanlianMax, sustainablePerSecond: sustainable }, half: yuanlianHalf };
    results.peakRssMiB = Object.fromEntries(Object.entries(platform.services).map(([name, s]) => [name, peakRssMiB(s.pid)]));

    // The naive NestJS pair, same machine, same payload as a referral.requested.
    const naiveSchema = `${ns.schemaPrefix}naive`;
    await platform.pg.query(`CREATE SCHEMA "${naiveSchema}"`);
    await platform.pg.query(`CREATE TABLE "${naiveSchema}".referrals (id uuid PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    // Keyed by the sender's id: a redelivery is absorbed (insert … on conflict do nothing), so delivered counts distinct referrals.
    await platform.pg.query(`CREATE TABLE "${naiveSchema}".inbox (id uuid PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    const naiveTopic = `${ns.topicPrefix}naive-referrals`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: naiveTopic, numPartitions: 6, replicationFactor: -1 }] });
    await admin.disconnect();
    const logDir = join(__dirname, '..', '.run', 'bench', ns.id);
    for (const role of ['receiver', 'sender']) {
      const s = new ServiceProcess(`naive-${role}`, 'bench/naive/naive.ts', await freePort(), { NAIVE_ROLE: role, NAIVE_SCHEMA: naiveSchema, NAIVE_TOPIC: naiveTopic }, logDir);
      await s.start();
      naiveServices.push(s);
    }
    const sample = (await platform.pg.query(`SELECT envelope FROM "${la}".outbox WHERE type = 'referral.requested' LIMIT 1`)).rows[0].envelope;
    const naivePayload = JSON.parse(laKeys.open(sample)).payload;
    const naiveFrom = new Date();
    cpu.watch('naive-sender', naiveServices[1].pid);
    cpu.watch('naive-receiver', naiveServices[0].pid);
    const naiveCpuBefore = await cpu.read();
    const naive = await load(() => post(`${naiveServices[1].url}/referrals`, undefined, naivePayload), { durationMs: PHASE_MS });
    const naiveTo = new Date();
    await waitFor('the naive receiver to catch up', async () => {
      const { rows: [r] } = await platform.pg.query(`SELECT (SELECT count(*) FROM "${naiveSchema}".inbox) >= (SELECT count(*) FROM "${naiveSchema}".referrals) AS done`);
      return r.done;
    }, 300_000, 100);
    const naivePerReferral = cpuCost(naiveCpuBefore, await cpu.read(), ['naive-sender', 'naive-receiver'], naive.accepted);
    results.naiveCpuMsPerReferral = naivePerReferral;
    say(`  naive cpu ms per referral: ${JSON.stringify(naivePerReferral)}`);
    const naiveStats = (await (await fetch(`${naiveServices[0].url}/stats`)).json()) as { taken: number; redeliveries: number };
    results.naiveRedeliveriesAbsorbed = naiveStats.redeliveries;
    const shape = await referralShape();
    const naiveMax = await delivery(platform.pg, `SELECT extract(epoch FROM i.created_at - r.created_at) * 1000 AS ms, i.created_at <= $2 AS delivered_in_window
      FROM "${naiveSchema}".referrals r JOIN "${naiveSchema}".inbox i ON i.id = r.id WHERE r.created_at BETWEEN $1 AND $2`, naiveFrom, naiveTo, naive.seconds, naive.accepted);
    const naiveSustainable = Math.min(naiveMax.acceptedPerSecond, naiveMax.deliveredPerSecond);
    say(`  naive nestjs at max: ${JSON.stringify(naiveMax)}`);
    results.naive = { max: { ...naiveMax, sustainablePerSecond: naiveSustainable } };
    (results.peakRssMiB as Record<string, number>)['naive-sender'] = peakRssMiB(naiveServices[1].pid);
    (results.peakRssMiB as Record<string, number>)['naive-receiver'] = peakRssMiB(naiveServices[0].pid);

    // Early warning in a phase of its own, after the throughput phases (which carry no side load, as the naive pair carries
    // none) and after the rows per referral were counted: group disputes building up while referrals flow at half rate.
    const collector = new AlertCollector(kafka, ns.topicPrefix);
    await collector.start();
    const publisher = new ScenarioPublisher({ kafka, topicPrefix: ns.topicPrefix, earlyWarningUrl: platform.services['early-warning'].url, feedToken: tokenFor('early-warning', GANZHOU_CITY_CODE, 'feed') });
    await publisher.connect();
    let ewRunning = true;
    const ewLoad = (async () => {
      for (let n = 0; ewRunning; n++) {
        const employer = makeCreditCode(`91${COUNTY}BE${String(Math.floor(n / 20)).padStart(7, '0')}`);
        const payload: ApplicationReceivedV1 = {
          applicationId: randomUUID(), agencyId: `legal-aid:${COUNTY}`, divisionCode: COUNTY, channel: 'window', matter: 'wage_arrears', industry: 'manufacturing',
          workerKey: `wk_${randomBytes(16).toString('hex')}`, employerCreditCode: employer, employerName: '赣州压测电子有限公司', amountOwedFen: 800_000,
          workersAffected: 1, greenChannel: true, priority: true, acceptFirst: false, receivedAt: new Date().toISOString(),
        };
        await publisher.publish([{ day: '2026-11-20', type: 'application', payload } satisfies ScenarioEvent]);
        await sleep(50);
      }
    })();

    const ewReferrals = await load((i) => refer(offset + i), { durationMs: EW_PHASE_MS, rate: sustainable / 2 });
    offset += ewReferrals.accepted;
    ewRunning = false;
    await ewLoad;
    await drainYuanlian();
    await waitForQuiet(platform.pg, ew, publisher.published, 120_000);
    const ewLatencies = collector.received.filter((r) => r.alert.triggerPublishedAt).map((r) => r.producedAt - Date.parse(r.alert.triggerPublishedAt!));
    results.earlyWarningUnderLoad = { alertMessages: ewLatencies.length, latencyMsP50: percentile(ewLatencies, 50), latencyMsP99: percentile(ewLatencies, 99), applications: publisher.published, referralsMeanwhile: ewReferrals.accepted };
    say(`  early warning with referrals at half rate: ${JSON.stringify(results.earlyWarningUnderLoad)}`);
    await publisher.disconnect();
    await collector.stop();

    // Growth: an office's inbox list and early warning's cost per event with more and more stored cases.
    const growth: Record<string, { inboxListP95Ms: number; earlyWarningMsPerEvent: number }> = {};
    const others = GANZHOU_COUNTIES.map((c) => c.code).filter((c) => c !== COUNTY);
    const inspector = tokenFor('labor-inspection', COUNTY, 'inspector');
    let stored = Number((await platform.pg.query(`SELECT count(*) AS n FROM "${li}".referral_inbox`)).rows[0].n);
    let observations = 0;
    const liKeys = DataKeys.forSchema('labor_inspection');
    for (const [g, size] of GROWTH.entries()) {
      // Closed cases of other offices, loaded in bulk up to the size.
      for (; stored < size; stored += 50_000) {
        const n = Math.min(50_000, size - stored);
        await platform.pg.query(
          `INSERT INTO "${li}".referral_inbox (id, case_id, office_id, division_code, from_agency_id, from_agency_type, matter, industry, green_channel, priority,
             purpose_code, worker_key, worker_name, worker_id_number_sealed, worker_phone_sealed, employer_name, employer_credit_code, amount_owed_fen, workers_affected,
             summary, status, requested_by, requested_at, received_at, status_at)
           SELECT gen_random_uuid(), gen_random_uuid(), 'labor-inspection:' || c, c, 'legal-aid:' || c, 'legal-aid', 'wage_arrears', 'construction', true, true,
             'statutory_referral', 'wk_' || md5(i::text), '压测工人', $3, $4, '赣州压测建设工程有限公司', '91360702MA35G7K276',
             1250000, 1, '已办结', 'resolved', 'bench', now() - i * interval '1 minute', now() - i * interval '1 minute', now()
           FROM generate_series(1, $1::int) AS i, LATERAL (SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] AS c) AS office`,
          [n, others, liKeys.seal(BENCH_ID), liKeys.seal(BENCH_PHONE)],
        );
      }
      for (; observations < size; observations += 50_000) {
        const n = Math.min(50_000, size - observations);
        await platform.pg.query(
          `INSERT INTO "${ew}".observations (subject_key, kind, day, worker_key, workers, amount_fen, months_missed, count, channel, site, office_id, source_agency_type, source_event_id)
           SELECT 'employer:BULK' || (i % 100000), 'claim', date '2026-11-01' + (i % 28), 'wk_' || md5(i::text), 1, 100000, 0, 1, 'window', NULL, 'legal-aid:360703', 'legal-aid', gen_random_uuid()
           FROM generate_series($1::int, $1::int + $2::int - 1) AS i`,
          [observations, n],
        );
      }
      await platform.pg.query(`ANALYZE "${li}".referral_inbox; ANALYZE "${ew}".observations`);
      const listTimes: number[] = [];
      for (let i = 0; i < (SMOKE ? 50 : 300); i++) {
        const t0 = performance.now();
        const res = await fetch(`${platform.services['labor-inspection'].url}/referrals`, { headers: { authorization: `Bearer ${inspector}` } });
        await res.arrayBuffer();
        listTimes.push(performance.now() - t0);
      }
      const ewPublisher = new ScenarioPublisher({ kafka, topicPrefix: ns.topicPrefix, earlyWarningUrl: platform.services['early-warning'].url, feedToken: tokenFor('early-warning', GANZHOU_CITY_CODE, 'feed') });
      await ewPublisher.connect();
      const taken = Number((await platform.pg.query(`SELECT count(*) AS n FROM "${ew}".inbox WHERE type = 'application.received'`)).rows[0].n);
      const events = Array.from({ length: SMOKE ? 100 : 500 }, (_, n): ScenarioEvent => ({
        day: '2026-11-20', type: 'application',
        payload: {
          applicationId: randomUUID(), agencyId: `legal-aid:${COUNTY}`, divisionCode: COUNTY, channel: 'window', matter: 'wage_arrears', industry: 'manufacturing',
          workerKey: `wk_${randomBytes(16).toString('hex')}`, employerCreditCode: makeCreditCode(`91${COUNTY}GR${g}${String(Math.floor(n / 10)).padStart(6, '0')}`),
          employerName: '赣州增长测试有限公司', amountOwedFen: 800_000, workersAffected: 1, greenChannel: true, priority: true, acceptFirst: false, receivedAt: new Date().toISOString(),
        },
      }));
      const t0 = performance.now();
      await ewPublisher.publish(events);
      await waitForQuiet(platform.pg, ew, taken + ewPublisher.published, 300_000);
      const msPerEvent = (performance.now() - t0) / events.length;
      await ewPublisher.disconnect();
      growth[String(size)] = { inboxListP95Ms: round(percentile(listTimes, 95), 1), earlyWarningMsPerEvent: round(msPerEvent, 2) };
      say(`  growth at ${size} stored cases: ${JSON.stringify(growth[String(size)])}`);
    }
    const [small, large] = GROWTH.map((s) => growth[String(s)]);
    results.growth = {
      ...growth,
      inboxListRatio: round(large.inboxListP95Ms / small.inboxListP95Ms, 2),
      earlyWarningRatio: round(large.earlyWarningMsPerEvent / small.earlyWarningMsPerEvent, 2),
    };
    results.ratioVsNaive = round(sustainable / naiveSustainable, 2);
    results.ratioVsPgLimit = round(sustainable / pgLimit.referralsPerSecond, 2);
    results.signingPerEvent = signingCost(SMOKE ? 200 : 5000);
    results.smoke = SMOKE;
    results.seconds = round((Date.now() - began) / 1000);

    const y = results.yuanlian as { max: LoadResult & { sustainablePerSecond: number }; half: LoadResult };
    const ewl = results.earlyWarningUnderLoad as { latencyMsP50: number; latencyMsP99: number };
    const rss = results.peakRssMiB as Record<string, number>;
    const g = results.growth as { inboxListRatio: number; earlyWarningRatio: number };
    const sig = results.signingPerEvent as Record<string, TrustCost>;
    const f = (name: string, value: unknown) => figures.f(name, value);
    const latency = (name: string, l: { p50: number; p95: number; p99: number }) => `p50 ${f(`${name}.p50`, l.p50)} / p95 ${f(`${name}.p95`, l.p95)} / p99 ${f(`${name}.p99`, l.p99)} ms`;
    const cpuRow = (name: string, c: CpuCost, unit: string) =>
      `${figures.row(name, c.perUnit, unit === 'second')}${unit === 'referral' ? ` — **${f(`${name}.total`, c.total)} in all**` : ''}; not attributed: PostgreSQL's background processes ` +
      `${c.postgresBackgroundPerUnit}, the rest of the machine ${c.restOfMachineMsPerSecond} ms/s${c.closedBackends ? ` (${c.closedBackends} backends closed during the phase)` : ''}`;
    const pg = pgLimit;
    say('');
    say('| measure | value |');
    say('|---|---|');
    say(`| Yuanlian, max (${CLIENTS} clients) | accepted ${f('yuanlian.max.accepted/s', y.max.acceptedPerSecond)}/s, delivered ${f('yuanlian.max.delivered/s', y.max.deliveredPerSecond)}/s → sustainable ${f('yuanlian.max.sustainable/s', y.max.sustainablePerSecond)} referrals/s; accept → inbox ${latency('yuanlian.max.latency', y.max.latencyMs)} |`);
    say(`| Yuanlian, half rate (${round(sustainable / 2)}/s) | accept → inbox ${latency('yuanlian.half.latency', y.half.latencyMs)} |`);
    say(`| naive NestJS (ClientKafka.emit, @EventPattern, inbox keyed) | accepted ${f('naive.accepted/s', naiveMax.acceptedPerSecond)}/s, delivered ${f('naive.delivered/s', naiveMax.deliveredPerSecond)}/s → ${f('naive.sustainable/s', naiveSustainable)}/s; ${latency('naive.latency', naiveMax.latencyMs)}; redeliveries absorbed ${naiveStats.redeliveries} |`);
    say(`| Kafka alone (kafkajs, ~1.4 KB messages) | ${f('kafka.messages/s', results.kafkaMessagesPerSecond)} messages/s |`);
    say(`| PostgreSQL alone, referral-shaped (the services' statements and transactions, ${pg.connections} connections) | ${f('postgres.referrals/s', pg.referralsPerSecond)} referrals/s; ` +
      `${f('postgres.statements/referral', pg.statementsPerReferral)} statements in ${f('postgres.commits/referral', pg.commitsPerReferral)} commits per referral; ` +
      `CPU per referral: PostgreSQL ${f('postgres.cpu ms/referral', pg.postgresCpuMsPerReferral)} ms, its client ${f('postgres.client cpu ms/referral', pg.clientCpuMsPerReferral)} ms; ` +
      `the rest of the machine meanwhile ${pgRest} ms/s |`);
    say(`| early warning, its own phase (applications every 50 ms, referrals at half rate) | detection p50 ${f('early warning.p50', ewl.latencyMsP50)} / p99 ${f('early warning.p99', ewl.latencyMsP99)} ms |`);
    for (const size of GROWTH) say(`| ${size.toLocaleString('en')} stored cases | inbox list p95 ${f(`growth ${size}.inbox list p95`, growth[String(size)].inboxListP95Ms)} ms; early warning ${f(`growth ${size}.early warning ms/event`, growth[String(size)].earlyWarningMsPerEvent)} ms/event |`);
    say(`| growth ratio (${GROWTH.map((s) => s.toLocaleString('en')).join(' vs ')}) | inbox list ${f('growth ratio.inbox list', g.inboxListRatio)}, early warning ${f('growth ratio.early warning', g.earlyWarningRatio)} |`);
    say(`| CPU ms per second at rest, Yuanlian | ${cpuRow('cpu at rest', idle, 'second')} |`);
    say(`| CPU ms per referral, Yuanlian at max | ${cpuRow('cpu per referral', perReferral, 'referral')} |`);
    say(`| CPU ms per referral, naive at max | ${cpuRow('naive cpu per referral', naivePerReferral, 'referral')} |`);
    say(`| trust per event (µs of CPU; verified by each consumer) | Ed25519 sign ${f('ed25519 sign', sig.intl.signUs)} / verify ${f('ed25519 verify', sig.intl.verifyUs)}; SM2 sign ${f('sm2 sign', sig.sm.signUs)} / verify ${f('sm2 verify', sig.sm.verifyUs)} |`);
    say(`| personal data at rest (µs per value) | AES-256-GCM seal ${f('aes seal', sig.intl.sealUs)} / open ${f('aes open', sig.intl.openUs)}; SM4+HMAC-SM3 seal ${f('sm4 seal', sig.sm.sealUs)} / open ${f('sm4 open', sig.sm.openUs)} |`);
    say(`| peak RSS (MiB) | ${figures.row('peak RSS', rss)} |`);
    say(`| run time | ${f('run time', results.seconds)} s |`);
    say('');
    say(`ratio_vs_naive=${f('ratio_vs_naive', results.ratioVsNaive)}`);
    say(`ratio_vs_pg_limit=${f('ratio_vs_pg_limit', results.ratioVsPgLimit)}`);
    // The run's own check: every figure printed is there and positive, and the replica still has the platform's shape.
    failed = [
      ...figures.bad().map((b) => `figure missing or not positive: ${b}`),
      ...shape.map((d) => `the referral-shaped replica (bench/pg-referral.ts) no longer writes what the services write: ${d}`),
    ];
    results.failed = failed;
    writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2));
  } finally {
    await cpu.stop();
    await Promise.all(naiveServices.map((s) => s.stop().catch(() => s.kill())));
    await platform.stop();
    await dropNamespace(ns);
  }
  if (failed.length) {
    process.stderr.write(`\nbenchmark failed its own checks (${failed.length}):\n${failed.map((m) => `  - ${m}`).join('\n')}\n`);
    return false;
  }
  const checked = (results.referralShape as { referrals: number }).referrals >= 3;
  say(`all ${figures.count} figures present and positive; ${checked ? 'the replica writes what the services write' : "the replica's shape was not checked"}`);
  return true;
}

main().then((ok) => process.exit(ok ? 0 : 1), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
