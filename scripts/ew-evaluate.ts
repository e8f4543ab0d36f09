// Runs the winter scenario generator through the real early-warning pipeline (Kafka, PostgreSQL, the service
// as its own process) over a fixed set of seeds and prints precision, recall, lead time and detection latency.
import { generateWinter, median, percentile, scoreAlerts } from '@yuanlian/scenario';
import type { Quality } from '@yuanlian/scenario';
import { runThroughEarlyWarning } from '../test/support/early-warning-run';

const SEEDS = (process.env.EW_SEEDS ?? '101,202,303,404,505').split(',').map(Number);
const say = (line: string) => process.stdout.write(line + '\n');

async function runSeed(seed: number): Promise<Quality> {
  const began = Date.now();
  const scenario = generateWinter({ seed });
  const run = await runThroughEarlyWarning(scenario, {
    label: `ew${seed}`, logs: 'ew-evaluate',
    progress: (day, days, date, r) => {
      if (day % 20 === 0) say(`  seed ${seed}: day ${day}/${days} (${date}), ${r.inputs} inputs, ${r.received.length} alert messages`);
    },
  });
  const q = scoreAlerts(scenario, run.received);
  say(`seed ${seed}: ${run.inputs} inputs, ${q.incidents} incidents, detected ${q.detected}, severe alerts ${q.severeAlerts} (${q.severeAlerts - q.truePositives} false), ` +
    `lead median ${median(q.leadDays)} d (min ${Math.min(...q.leadDays)}, max ${Math.max(...q.leadDays)}), latency p50 ${percentile(q.latenciesMs, 50)} ms, ${((Date.now() - began) / 1000).toFixed(0)} s`);
  for (const m of q.missed) say(`  missed ${m.shape} ${m.label} (incident ${m.incidentDay})`);
  for (const a of q.falseAlarms) {
    // Why it went that far: the explanation of its first message at its peak level.
    const peak = run.received.map((r) => r.alert).find((m) => m.alertId === a.alertId && m.level === a.peakLevel)!;
    const why = [...peak.explanation.rules.map((r) => `${r.rule}=${r.value}(${r.level})`), ...peak.explanation.amplifiers.map((r) => `↑${r.rule}`)].join(' ');
    say(`  false alarm ${a.subject.kind} ${a.subject.label}: ${a.peakLevel} on ${peak.levelSince}, ${why}; now ${a.status}`);
  }
  return q;
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
