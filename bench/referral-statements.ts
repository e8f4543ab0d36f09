// What the database runs for one referral, from PostgreSQL's own log: the source of bench/pg-referral.ts's statements,
// to read again when the referral's path changes (the benchmark says so when the replica's writes no longer match).
//   node -r @swc-node/register bench/referral-statements.ts [server log] (default /var/log/postgresql/postgresql-15-main.log)
// Needs the database's owner to be a superuser and the server's log readable here. The services run against a database
// of their own with log_statement = 'all' set on that database only (no other database's sessions are logged, the
// server is not reconfigured); 10 referrals one at a time, then 200 from 16 clients at once. Prints, per phase, the
// statements per referral by role, most frequent first, and the commits per referral; the database is dropped after.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Client } from 'pg';
import { databaseUrl, schemaName } from '@yuanlian/database';
import { createNamespace, dropNamespace, enterNamespace, tokenFor } from '@yuanlian/testing';
import { Platform } from '../test/support/platform';
import { idNumberHash, legalAidDataKeys, phoneHash } from '../apps/legal-aid/src/applications/personal-data';

const LOG = process.argv[2] ?? '/var/log/postgresql/postgresql-15-main.log';
const COUNTY = '360702';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The logged statements of one database between two offsets of the log, normalised, counted by role. */
function statements(from: number, to: number, database: string, prefix: string, referrals: number): void {
  const text = readFileSync(LOG).subarray(from, to).toString('utf8');
  const counts = new Map<string, number>();
  let commits = 0;
  let total = 0;
  for (const m of text.matchAll(/\] (\S+)@(\S+) LOG:  (?:statement|execute [^:]*): ([^\n]*)/g)) {
    const [, role, db, sql] = m;
    if (db !== database || role === 'postgres') continue;
    const key = `${role}\t${sql.replaceAll(prefix, '').slice(0, 140)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
    if (sql === 'COMMIT') commits++;
  }
  process.stdout.write(`  ${(total / referrals).toFixed(1)} statements and ${(commits / referrals).toFixed(2)} commits per referral\n`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) process.stdout.write(`    ${(n / referrals).toFixed(2)}\t${k}\n`);
}

async function main() {
  const ns = createNamespace('stmts');
  const database = `yl_${ns.id}`;
  const owner = new Client({ connectionString: databaseUrl() });
  await owner.connect();
  await owner.query(`CREATE DATABASE "${database}"`);
  await owner.query(`ALTER DATABASE "${database}" SET log_statement = 'all'`);
  const url = new URL(databaseUrl());
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  enterNamespace(ns);
  const platform = await Platform.start(ns, ['legal-aid', 'labor-inspection', 'early-warning', 'command'], { CLOCK_SWEEP_MS: 'off', LOG_LEVEL: 'warn' });
  const la = schemaName('legal_aid');
  const li = schemaName('labor_inspection');
  try {
    const ids = Array.from({ length: 211 }, () => randomUUID());
    const keys = legalAidDataKeys();
    const id = '360702199003071239';
    const phone = '13812345678';
    await platform.pg.query(
      `INSERT INTO "${la}".applications (id, agency_id, division_code, channel, matter, industry, worker_name, worker_id_number_sealed, worker_id_number_hash,
         worker_phone_sealed, worker_phone_hash, worker_key, employer_name, employer_credit_code, project_name, amount_owed_fen, workers_affected, summary,
         green_channel, means_test_required, priority, accept_first, status, created_by)
       SELECT id, 'legal-aid:${COUNTY}', '${COUNTY}', 'window', 'wage_arrears', 'construction', '压测工人', $2, $3, $4, $5, 'wk_' || md5(id::text),
         '赣州压测建设工程有限公司', '91360702MA35G7K276', '压测项目', 1250000, 1, '欠薪三个月，多次催讨无果', true, false, true, false, 'received', 'bench'
       FROM unnest($1::uuid[]) AS id`,
      [ids, keys.seal(id), idNumberHash(id, keys), keys.seal(phone), phoneHash(phone, keys)],
    );
    const clerk = tokenFor('legal-aid', COUNTY, 'clerk');
    const refer = async (i: number) => {
      const res = await fetch(`${platform.services['legal-aid'].url}/applications/${ids[i]}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify({ toAgencyType: 'labor-inspection', share: ['project'] }),
      });
      if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`);
    };
    // Done when the status is back at legal aid; then a moment for the relays to mark what they sent.
    const settle = async (n: number) => {
      for (;;) {
        const { rows: [r] } = await platform.pg.query(`SELECT (SELECT count(*) FROM "${la}".referrals WHERE status <> 'requested') AS back, (SELECT count(*) FROM "${li}".referral_inbox) AS n`);
        if (Number(r.back) >= n && Number(r.n) >= n) break;
        await sleep(100);
      }
      await sleep(1500);
    };
    await refer(0);
    await settle(1);
    const p0 = statSync(LOG).size;
    for (let i = 1; i <= 10; i++) {
      await refer(i);
      await settle(i + 1);
    }
    const p1 = statSync(LOG).size;
    let next = 11;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < ids.length) await refer(next++);
    }));
    await settle(ids.length);
    const p2 = statSync(LOG).size;
    process.stdout.write('one referral at a time (with the relays polling while idle):\n');
    statements(p0, p1, database, ns.schemaPrefix, 10);
    process.stdout.write('200 referrals from 16 clients:\n');
    statements(p1, p2, database, ns.schemaPrefix, 200);
  } finally {
    await platform.stop();
    await dropNamespace(ns);
    await owner.query(`DROP DATABASE "${database}" WITH (FORCE)`);
    await owner.end();
  }
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
