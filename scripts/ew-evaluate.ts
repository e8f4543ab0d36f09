// Runs the winter scenario generator through the real early-warning pipeline (Kafka, PostgreSQL, the service
// as its own process) over a fixed set of seeds and prints precision, recall, lead time and detection latency.
import { join } from 'node:path';
import { databaseUrl, migrate, schemaName } from '@yuanlian/database';
import {
  AlertCollector, generateWinter, median, percentile, ScenarioPublisher, scoreAlerts, waitForQuiet,
} from '@yuanlian/scenario';
import type { Quality } from '@yuanlian/scenario';
import { createNamespace, dropNamespace, enterNamespace, freePort, ServiceProcess, testKafka, tokenFor, waitFor } from '@yuanlian/testing';
import { Client } from 'pg';
import { earlyWarningDatabase, SCHEMA } from '../apps/early-warning/src/database';

const SEEDS = (process.env.EW_SEEDS ?? '101,202,303,404,505').split(',').map(Number);
const say = (line: string) => process.stdout.write(line + '\n');

async function runSeed(seed: number): Promise<Quality> {
  const began = Date.now();
  const scenario = generateWinter({ seed });
  const ns = createNamespace(`ew${seed}`);
  enterNamespace(ns);
  await migrate(earlyWarningDatabase());
  const service = new ServiceProcess('early-warning', 'apps/early-warning/src/main.ts', await freePort(), ns.env, join(__dirname, '..', '.run', 'ew-evaluate', ns.id));
  const kafka = testKafka();
  const pg = new Client({ connectionString: databaseUrl() });
  const collector = new AlertCollector(kafka, ns.topicPrefix);
  const publisher = new ScenarioPublisher({ kafka, topicPrefix: ns.topicPrefix, earlyWarningUrl: service.url, feedToken: tokenFor('early-warning', '360700', 'feed') });
  try {
    await service.start();
    await pg.connect();
    await collector.start();
    await publisher.connect();
    const days = [...new Set(scenario.events.map((e) => e.day))];
    for (const [i, day] of days.entries()) {
      await publisher.publish(scenario.events.filter((e) => e.day === day));
      // One simulated day at a time, as the days pass: the next day's signals come after this day's are taken in.
      await waitForQuiet(pg, schemaName(SCHEMA), publisher.published);
      if ((i + 1) % 20 === 0) say(`  seed ${seed}: day ${i + 1}/${days.length} (${day}), ${publisher.published} inputs, ${collector.received.length} alert messages`);
    }
    const { rows: [{ sent }] } = await pg.query(`SELECT count(*)::int AS sent FROM "${schemaName(SCHEMA)}".outbox WHERE type = 'alert.issued' AND topic = $1`, [`${ns.topicPrefix}alerts.command`]);
    await waitFor('every alert message on the alert topic', () => collector.received.length >= sent, 60_000);
    const q = scoreAlerts(scenario, collector.received);
    say(`seed ${seed}: ${publisher.published} inputs, ${q.incidents} incidents, detected ${q.detected}, severe alerts ${q.severeAlerts} (${q.severeAlerts - q.truePositives} false), ` +
      `lead median ${median(q.leadDays)} d (min ${Math.min(...q.leadDays)}, max ${Math.max(...q.leadDays)}), latency p50 ${percentile(q.latenciesMs, 50)} ms, ${((Date.now() - began) / 1000).toFixed(0)} s`);
    for (const m of q.missed) say(`  missed ${m.shape} ${m.label} (incident ${m.incidentDay})`);
    for (const a of q.falseAlarms) {
      // Why it went that far: the explanation of its first message at its peak level.
      const peak = collector.received.map((r) => r.alert).find((m) => m.alertId === a.alertId && m.level === a.peakLevel)!;
      const why = [...peak.explanation.rules.map((r) => `${r.rule}=${r.value}(${r.level})`), ...peak.explanation.amplifiers.map((r) => `↑${r.rule}`)].join(' ');
      say(`  false alarm ${a.subject.kind} ${a.subject.label}: ${a.peakLevel} on ${peak.levelSince}, ${why}; now ${a.status}`);
    }
    return q;
  } finally {
    await publisher.disconnect().catch(() => undefined);
    await collector.stop().catch(() => undefined);
    await pg.end().catch(() => undefined);
    await service.stop().catch(() => service.kill());
    if (process.env.EW_KEEP !== '1') await dropNamespace(ns);
  }
}

async function main() {
  say(`early-warning evaluation over seeds ${SEEDS.join(', ')} (winter 2026-11-01 … 除夕 2027-02-05)`);
  const results: Quality[] = [];
  for (const seed of SEEDS) results.push(await runSeed(seed));
  const incidents = results.reduce((s, q) => s + q.incidents, 0);
  const detected = results.reduce((s, q) => s + q.detected, 0);
  const severe = results.reduce((s, q) => s + q.severeAlerts, 0);
  const truePositives = results.reduce((s, q) => s + q.truePositives, 0);
  const shapes = new Map<string, { incidents: number; detected: number }>();
  for (const q of results) for (const [k, v] of Object.entries(q.byShape)) {
    const s = shapes.get(k) ?? { incidents: 0, detected: 0 };
    shapes.set(k, { incidents: s.incidents + v.incidents, detected: s.detected + v.detected });
  }
  say(`by shape: ${[...shapes].map(([k, v]) => `${k} ${v.detected}/${v.incidents}`).join(', ')}`);
  const lead = results.flatMap((q) => q.leadDays);
  const latency = results.flatMap((q) => q.latenciesMs);
  say(`recall=${(detected / incidents).toFixed(3)} precision=${(severe ? truePositives / severe : 1).toFixed(3)} lead_days_median=${median(lead)} ` +
    `latency_ms_p50=${percentile(latency, 50)} latency_ms_p99=${percentile(latency, 99)}`);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
