// The fault suite: a burst of referrals through the real stack while one thing at a time crashes — a service killed
// (SIGKILL) inside the window where a crash costs most, the Kafka broker killed, PostgreSQL stopped in immediate mode —
// then, after recovery, a ledger of what the clients were told is checked against the topics and the tables.
// Usage: npm run test:faults [-- <burst size>] [-- --self-check]
//   --self-check: a small run with no fault, then five failures planted by hand (a lost early-warning event, a second
//   `received` in a timeline, a dead-lettered record, a parked outbox row, an acknowledged referral the platform never
//   had); each must be reported, or the suite fails.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics } from '@yuanlian/contracts';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace, readTopicToEnd, testKafka, TestNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform } from '../support/platform';
import { audit, Audit, Ledger, ledgerLine, problems } from './ledger';

const args = process.argv.slice(2);
const SELF_CHECK = args.includes('--self-check');
const BURST = SELF_CHECK ? 40 : Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.FAULT_BURST ?? 1000);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 8);
const COUNTY = '360702';
const SERVICES = ['legal-aid', 'labor-inspection', 'early-warning', 'command'];
const WORKERS_PER_EMPLOYER = 20;
const say = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe', cwd: `${__dirname}/../..` }).toString();
const pgCluster = () => run('ls', ['/etc/postgresql']).trim().split('\n')[0];

interface Fault {
  name: string;
  /** Environment one service starts with (a crash switch). */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Breaks something mid-burst and brings it back. */
  strike: (platform: Platform) => Promise<void>;
}

const switches = mkdtempSync(join(tmpdir(), 'yl-crash-'));

/** The service kills itself (SIGKILL) the next time it passes the crash point once armed; then it is started again. */
const crashAt = (service: string, point: 'relay.after-send' | 'inbox.after-commit', window: string): Fault => {
  const file = join(switches, `${service}.${point}`);
  return {
    name: `kill -9 ${service} ${window}`,
    serviceEnv: { [service]: { YL_CRASH_AT: `${point}:${file}` } },
    strike: async (platform) => {
      writeFileSync(file, '');
      const crashed = await platform.services[service].exitedWithin(60_000);
      rmSync(file, { force: true });
      if (!crashed) throw new Error(`${service} never reached ${point} within 60 s of being armed`);
      await sleep(1000);
      await platform.services[service].start();
    },
  };
};

const FAULTS: Fault[] = [
  crashAt('legal-aid', 'relay.after-send', 'after sending events, before marking them sent'),
  crashAt('labor-inspection', 'inbox.after-commit', 'after its commit, before its offset commit'),
  crashAt('early-warning', 'inbox.after-commit', 'after its commit, before its offset commit'),
  {
    name: 'kill -9 the Kafka broker',
    strike: async () => {
      run('scripts/kafka.sh', ['kill']);
      await sleep(3000);
      run('scripts/kafka.sh', ['start']);
    },
  },
  {
    name: 'PostgreSQL stopped in immediate mode (no checkpoint: crash recovery on start)',
    strike: async (platform) => {
      await platform.pg.end();
      run('pg_ctlcluster', ['--skip-systemctl-redirect', pgCluster(), 'main', 'stop', '-m', 'immediate']);
      await sleep(2000);
      run('pg_ctlcluster', ['--skip-systemctl-redirect', pgCluster(), 'main', 'start']);
      await platform.reconnect();
    },
  },
];

/** One client's request, retried until the platform answers (a fault makes it refuse or drop connections). */
async function send(platform: Platform, method: string, service: string, path: string, token: string, body: unknown, accept: number[]) {
  for (let attempt = 0; ; attempt++) {
    const res = await platform.call(service, method, path, token, body).catch(() => undefined);
    if (res && accept.includes(res.status)) return res;
    if (res && res.status >= 400 && res.status < 500) throw new Error(`${path} refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    if (attempt > 600) throw new Error(`${path} unanswered after ${attempt} attempts`);
    await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
  }
}

/** The burst: each client registers a case and refers it, writing down every id the platform gives back. */
async function burst(platform: Platform, ledger: Ledger, employers: string[], fault?: Fault) {
  const clerk = tokenFor('legal-aid', COUNTY, 'clerk');
  let next = 0;
  let struck: Promise<void> | undefined;
  const client = async () => {
    for (let n = next++; n < BURST; n = next++) {
      if (fault && n === Math.floor(BURST / 3)) struck = fault.strike(platform);
      const application = await send(platform, 'POST', 'legal-aid', '/applications', clerk, {
        worker: { name: `工人${n}`, idNumber: makeResidentId(COUNTY, `19${70 + (n % 30)}0${1 + (n % 9)}1${n % 10}`, n), phone: `139${String(10000000 + n).slice(-8)}` },
        employer: { name: `赣州故障测试${n % employers.length}号建筑劳务有限公司`, creditCode: employers[n % employers.length] },
        divisionCode: COUNTY, channel: 'window', matter: 'wage_arrears', industry: 'construction',
        amountOwedFen: 500_000 + n, workersAffected: 1, summary: `故障演练第${n}号`,
      }, [201]);
      ledger.applications.set(application.body.id, n);
      const referral = await send(platform, 'POST', 'legal-aid', `/applications/${application.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }, [201, 409]);
      if (referral.status === 201) {
        ledger.referrals.set(referral.body.id, application.body.id);
        continue;
      }
      // 409: the referral whose answer was lost in the fault is there already; the clerk looks it up, as the screen would.
      const detail = await send(platform, 'GET', 'legal-aid', `/applications/${application.body.id}`, clerk, undefined, [200]);
      const found = (detail.body.referrals ?? []).find((r: { toAgencyType: string }) => r.toAgencyType === 'labor-inspection');
      if (!found) throw new Error(`409 for application ${application.body.id}, but no referral to labor inspection on it`);
      ledger.referrals.set(found.id, application.body.id);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await struck;
}

/** Waits for recovery — each acknowledged referral back at legal aid, the outboxes drained — then audits until the ledger
 * balances or five minutes pass (consumers still catching up are given that long). */
async function settle(platform: Platform, ns: TestNamespace, ledger: Ledger, employers: number): Promise<Audit> {
  const la = schemaName('legal_aid');
  const ids = [...ledger.referrals.keys()];
  const deadline = Date.now() + 300_000;
  await waitFor('every acknowledged referral back at legal aid', async () =>
    Number((await platform.pg.query(`SELECT count(*) AS n FROM "${la}".referrals WHERE id = ANY($1::uuid[]) AND status <> 'requested'`, [ids])).rows[0].n) >= ids.length,
  300_000, 500).catch(() => undefined);
  const kafka = testKafka();
  for (;;) {
    const a = await audit(platform.pg, kafka, ns, SERVICES, ledger, Object.values(platform.services).map((s) => s.logFile));
    if (!problems(a, employers).length || Date.now() > deadline) return a;
    await sleep(2000);
  }
}

function employersFor(n: number) {
  return Array.from({ length: Math.max(1, Math.floor(n / WORKERS_PER_EMPLOYER)) }, (_, i) => makeCreditCode(`91${COUNTY}FT${String(i).padStart(7, '0')}`));
}

async function withPlatform<T>(label: string, serviceEnv: Fault['serviceEnv'], body: (platform: Platform, ns: TestNamespace) => Promise<T>): Promise<T> {
  const ns = createNamespace(label);
  enterNamespace(ns);
  const platform = await Platform.start(ns, SERVICES, { CLOCK_SWEEP_MS: 'off' }, serviceEnv);
  try {
    return await body(platform, ns);
  } finally {
    await platform.stop().catch((e) => say(`stopping: ${(e as Error).message}`));
    await dropNamespace(ns);
  }
}

async function faults() {
  say(`fault suite: ${BURST} referrals per fault, ${CLIENTS} concurrent clients, services ${SERVICES.join(', ')}`);
  const results: { line: string; problems: string[] }[] = [];
  // FAULT_ONLY=<part of a name>: only the faults whose name has it (for working on one).
  for (const fault of FAULTS.filter((f) => f.name.includes(process.env.FAULT_ONLY ?? ''))) {
    const began = Date.now();
    const employers = employersFor(BURST);
    await withPlatform('fault', fault.serviceEnv, async (platform, ns) => {
      const ledger = new Ledger();
      await burst(platform, ledger, employers, fault);
      const a = await settle(platform, ns, ledger, employers.length);
      const found = problems(a, employers.length);
      if (a.acked < BURST) found.push(`only ${a.acked} of ${BURST} referrals acknowledged`);
      const line = ledgerLine(fault.name, a, employers.length);
      say(`${line} (${((Date.now() - began) / 1000).toFixed(0)} s)${found.length ? `  ← FAILED: ${found.join('; ')}` : ''}`);
      results.push({ line, problems: found });
    });
  }
  say('');
  for (const r of results) say(r.line);
  return results.every((r) => !r.problems.length);
}

/** A clean run, then five planted failures: the ledger must report each, and nothing else. */
async function selfCheck() {
  say(`fault suite self-check: ${BURST} referrals, no fault, then failures planted by hand`);
  const employers = employersFor(BURST);
  return withPlatform('faultcheck', {}, async (platform, ns) => {
    const ledger = new Ledger();
    await burst(platform, ledger, employers);
    const clean = await settle(platform, ns, ledger, employers.length);
    say(ledgerLine('none (clean run)', clean, employers.length));
    const cleanProblems = problems(clean, employers.length);
    if (cleanProblems.length) {
      say(`  ← FAILED: the clean run does not balance: ${cleanProblems.join('; ')}`);
      return false;
    }
    const pg = platform.pg;
    const ew = schemaName('early_warning');
    const la = schemaName('legal_aid');
    const kafka = testKafka();
    const [referralId] = [...ledger.referrals.keys()];
    // 1. Early warning loses one application event: its inbox row and what it made of it.
    const applications = await readTopicToEnd(kafka, ns.topicPrefix + Topics.applications);
    const lostEvent = applications.find((m) => JSON.parse(m.value!).type === 'application.received')!.headers['event-id'];
    await pg.query(`DELETE FROM "${ew}".observations WHERE source_event_id = $1`, [lostEvent]);
    await pg.query(`DELETE FROM "${ew}".inbox WHERE event_id = $1`, [lostEvent]);
    // 2. A second `received` in legal aid's timeline.
    await pg.query(`INSERT INTO "${la}".referral_timeline (referral_id, type, status, by, note, data, at)
      SELECT referral_id, type, status, by, note, data, at FROM "${la}".referral_timeline WHERE referral_id = $1 AND type = 'received' LIMIT 1`, [referralId]);
    // 3. A referral record altered on the way: the inspection dead-letters it.
    const [request] = await readTopicToEnd(kafka, ns.topicPrefix + Topics.referralsTo('labor-inspection'));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: ns.topicPrefix + Topics.referralsTo('labor-inspection'), messages: [{ key: request.key, value: request.value!.replace('"wage_arrears"', '"work_injury"'), headers: { ...request.headers, 'event-id': randomUUID() } }] });
    await producer.disconnect();
    // 4. A parked outbox row.
    await pg.query(`UPDATE "${la}".outbox SET parked_at = now(), park_reason = 'planted by the self-check' WHERE id = (SELECT min(id) FROM "${la}".outbox)`);
    // 5. A referral the client was told of that the platform never had.
    ledger.referrals.set(randomUUID(), [...ledger.applications.keys()][0]);

    const expected: [string, (a: Audit) => boolean][] = [
      ['the lost early-warning event', (a) => a.consumed[`early-warning<${Topics.applications}`].onTopic - a.consumed[`early-warning<${Topics.applications}`].taken === 1],
      ['the duplicated timeline entry', (a) => a.duplicated === 1],
      ['the dead-lettered record', (a) => a.deadLettered === 1],
      ['the parked outbox row', (a) => a.parked === 1],
      ['the acknowledged referral the platform never had', (a) => a.lost === 1 && a.missingAtSender === 1],
    ];
    let planted!: Audit;
    await waitFor('the altered record dead-lettered', async () => (planted = await audit(pg, kafka, ns, SERVICES, ledger)).deadLettered >= 1, 60_000, 1000).catch(() => undefined);
    say(ledgerLine('five failures planted', planted, employers.length));
    const found = problems(planted, employers.length);
    say(`  reported: ${found.join('; ')}`);
    const missed = expected.filter(([, seen]) => !seen(planted)).map(([what]) => what);
    if (missed.length) say(`  ← FAILED: the ledger did not report ${missed.join(', ')}`);
    else say('  each planted failure reported');
    return missed.length === 0;
  });
}

(SELF_CHECK ? selfCheck() : faults()).then((ok) => {
  rmSync(switches, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}, (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
