// The fault suite: a burst of referrals through the real stack while one thing at a time fails hard — a service
// killed with SIGKILL and restarted, the Kafka broker stopped and restarted, PostgreSQL restarted — then, after
// recovery, every referral, status change and alert is counted. Usage: npm run test:faults [-- <burst size>]
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { makeCreditCode, makeResidentId } from '@yuanlian/identity';
import { schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace, tokenFor, waitFor } from '@yuanlian/testing';
import { Platform } from '../support/platform';

const BURST = Number(process.argv[2] ?? process.env.FAULT_BURST ?? 1000);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 8);
const COUNTY = '360702';
const SERVICES = ['legal-aid', 'labor-inspection', 'early-warning', 'command'];
const say = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fault {
  name: string;
  /** Breaks something mid-burst and brings it back. */
  strike: (platform: Platform) => Promise<void>;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe', cwd: `${__dirname}/../..` }).toString();
const pgCluster = () => run('ls', ['/etc/postgresql']).trim().split('\n')[0];

const killAndRestart = (service: string): Fault => ({
  name: `kill -9 ${service}`,
  strike: async (platform) => {
    await platform.services[service].kill();
    await sleep(1500);
    await platform.services[service].start();
  },
});

const FAULTS: Fault[] = [
  killAndRestart('legal-aid'),
  killAndRestart('labor-inspection'),
  killAndRestart('early-warning'),
  {
    name: 'Kafka broker stopped and restarted',
    strike: async () => {
      run('scripts/kafka.sh', ['stop']);
      await sleep(3000);
      run('scripts/kafka.sh', ['start']);
    },
  },
  {
    name: 'PostgreSQL restarted',
    strike: async (platform) => {
      await platform.pg.end();
      run('pg_ctlcluster', ['--skip-systemctl-redirect', pgCluster(), 'main', 'restart']);
      await platform.reconnect();
    },
  },
];

/** One client's request, retried until the platform answers (a fault makes it refuse or drop connections). */
async function send(platform: Platform, service: string, path: string, token: string, body: unknown, accept: number[]) {
  for (let attempt = 0; ; attempt++) {
    const res = await platform.call(service, 'POST', path, token, body).catch(() => undefined);
    if (res && accept.includes(res.status)) return res;
    if (res && res.status >= 400 && res.status < 500) throw new Error(`${path} refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    if (attempt > 600) throw new Error(`${path} unanswered after ${attempt} attempts`);
    await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
  }
}

async function burst(platform: Platform, fault: Fault, employers: string[]) {
  const clerk = tokenFor('legal-aid', COUNTY, 'clerk');
  let next = 0;
  let struck: Promise<void> | undefined;
  const client = async () => {
    for (let n = next++; n < BURST; n = next++) {
      if (n === Math.floor(BURST / 3)) struck = fault.strike(platform);
      const application = await send(platform, 'legal-aid', '/applications', clerk, {
        worker: { name: `工人${n}`, idNumber: makeResidentId(COUNTY, `19${70 + (n % 30)}0${1 + (n % 9)}1${n % 10}`, n), phone: `139${String(10000000 + n).slice(-8)}` },
        employer: { name: `赣州故障测试${n % employers.length}号建筑劳务有限公司`, creditCode: employers[n % employers.length] },
        divisionCode: COUNTY, channel: 'window', matter: 'wage_arrears', industry: 'construction',
        amountOwedFen: 500_000 + n, workersAffected: 1, summary: `故障演练第${n}号`,
      }, [201]);
      // A referral whose answer was lost in the fault is already there: 409 says so.
      await send(platform, 'legal-aid', `/applications/${application.body.id}/referrals`, clerk, { toAgencyType: 'labor-inspection' }, [201, 409]);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await struck;
}

async function count(platform: Platform, sql: string): Promise<number> {
  return Number((await platform.pg.query(sql)).rows[0].n);
}

async function main() {
  say(`fault suite: ${BURST} referrals per fault, ${CLIENTS} concurrent clients, services ${SERVICES.join(', ')}`);
  const results: { fault: string; line: string; ok: boolean }[] = [];
  for (const fault of FAULTS) {
    const began = Date.now();
    const ns = createNamespace('fault');
    enterNamespace(ns);
    const platform = await Platform.start(ns, SERVICES, { CLOCK_SWEEP_MS: 'off' });
    const la = schemaName('legal_aid');
    const li = schemaName('labor_inspection');
    const ew = schemaName('early_warning');
    const cmd = schemaName('command');
    // Twenty workers per employer: every employer should get one orange alert, raised once.
    const employers = Array.from({ length: Math.max(1, Math.floor(BURST / 20)) }, (_, i) => makeCreditCode(`91${COUNTY}FT${String(i).padStart(7, '0')}`));
    try {
      await burst(platform, fault, employers);
      const sent = await count(platform, `SELECT count(*) AS n FROM "${la}".referrals`);
      // Recovery: every referral received and its status back at legal aid, every alert at the committee.
      await waitFor('recovery', async () => {
        const back = await count(platform, `SELECT count(*) AS n FROM "${la}".referrals WHERE status <> 'requested'`);
        const desk = await count(platform, `SELECT count(*) AS n FROM "${cmd}".desk_alerts WHERE level IN ('orange', 'red')`);
        return back >= sent && desk >= employers.length;
      }, 300_000, 500).catch(() => undefined);
      const delivered = await count(platform, `SELECT count(*) AS n FROM "${la}".referrals r WHERE EXISTS (SELECT 1 FROM "${li}".referral_inbox i WHERE i.id = r.id)`);
      const statusBack = await count(platform, `SELECT count(*) AS n FROM "${la}".referrals WHERE status = 'received'`);
      const duplicated =
        (await count(platform, `SELECT count(*) AS n FROM (SELECT referral_id FROM "${li}".referral_timeline WHERE type = 'received' GROUP BY referral_id HAVING count(*) > 1) d`)) +
        (await count(platform, `SELECT count(*) AS n FROM (SELECT referral_id FROM "${la}".referral_timeline WHERE type = 'received' GROUP BY referral_id HAVING count(*) > 1) d`)) +
        (await count(platform, `SELECT count(*) AS n FROM (SELECT subject_key FROM "${ew}".alerts GROUP BY subject_key HAVING count(*) > 1) d`)) +
        (await count(platform, `SELECT count(*) - count(DISTINCT key) AS n FROM "${ew}".outbox WHERE type = 'alert.issued' AND topic LIKE '%alerts.command' AND envelope::jsonb #>> '{payload,msgType}' = 'Alert'`));
      const alerts = await count(platform, `SELECT count(DISTINCT subject_key) AS n FROM "${ew}".alerts WHERE peak_level IN ('orange', 'red')`);
      const desk = await count(platform, `SELECT count(*) AS n FROM "${cmd}".desk_alerts WHERE level IN ('orange', 'red')`);
      const lost = sent - delivered;
      const ok = lost === 0 && duplicated === 0 && statusBack === sent && alerts === employers.length && desk === employers.length && sent >= BURST;
      const line = `fault="${fault.name}" sent=${sent} delivered=${delivered} status_back=${statusBack} alerts=${alerts}/${employers.length} at_committee=${desk} lost=${lost} duplicated=${duplicated}`;
      say(`${line} (${((Date.now() - began) / 1000).toFixed(0)} s)${ok ? '' : '  ← FAILED'}`);
      results.push({ fault: fault.name, line, ok });
    } finally {
      await platform.stop().catch((e) => say(`stopping: ${(e as Error).message}`));
      await dropNamespace(ns);
    }
  }
  say('');
  for (const r of results) say(r.line);
  if (results.some((r) => !r.ok)) process.exit(1);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
