// Runs the winter scenario generator through the real early-warning pipeline (Kafka, PostgreSQL, the service
// as its own process) over a fixed set of seeds and prints recall, precision, lead time and detection latency —
// counting warning, not reaction (see scoreAlerts): an incident is detected only when orange or red came strictly
// before its day. Fails (exit 1) when recall or precision fall below EW_MIN_RECALL / EW_MIN_PRECISION.
import { generateWinter, median, percentile, scoreAlerts } from '@yuanlian/scenario';
import type { IncidentScore, Quality } from '@yuanlian/scenario';
import { runThroughEarlyWarning } from '../test/support/early-warning-run';

const SEEDS = (process.env.EW_SEEDS ?? '101,202,303,404,505').split(',').map(Number);
// Just below what the five default seeds measure (recall 60/60 = 1.000, precision 116/117 = 0.991; the run is
// deterministic): two incidents not warned of, or two more false alarms, fail the run. They are meant for the
// default seeds — one seed alone can fall below them (seed 303: precision 23/24); give a subset its own thresholds.
const DEFAULT_MIN_RECALL = 0.97;
const DEFAULT_MIN_PRECISION = 0.98;
const say = (line: string) => process.stdout.write(line + '\n');
const minOf = (v: number[]) => (v.length ? Math.min(...v) : NaN);
const maxOf = (v: number[]) => (v.length ? Math.max(...v) : NaN);

function threshold(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw} is not a number ≥ 0`);
  return value;
}

const told = (s: IncidentScore) => `${s.incident.shape} ${s.incident.label} (incident ${s.incident.incidentDay}), before the day ${s.levelBefore ?? 'no alert'}`;

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
  say(`seed ${seed}: ${run.inputs} inputs, ${q.incidents} incidents: warned ${q.detected}, same-day ${q.sameDay.length}, late ${q.late.length}, missed ${q.missed.length}; ` +
    `severe alerts ${q.severeAlerts}: ${q.truePositives} warnings, ${q.sameDayAlerts.length} same-day, ${q.lateAlerts.length} late, ${q.falseAlarms.length} false; ` +
    `lead median ${median(q.leadDays)} d (min ${minOf(q.leadDays)}, max ${maxOf(q.leadDays)}), latency p50 ${percentile(q.latenciesMs, 50)} ms, ${((Date.now() - began) / 1000).toFixed(0)} s`);
  // Each warned incident's lead, the kind of subject whose alert warned first (a chain, a site, an employer), and
  // "stood down" when no alert on it was live at orange or red any more on the eve of the incident.
  say(`  leads: ${q.scores.filter((s) => s.outcome === 'warned').map((s) => `${s.incident.shape} ${s.leadDays} d (${s.firstSubject!.split(':')[0]}${s.inForce ? '' : ', stood down'})`).join(', ')}`);
  for (const s of q.sameDay) say(`  same-day ${told(s)}; severe on the day by ${s.severeBy?.join(' ') ?? '?'}`);
  for (const s of q.late) say(`  late ${told(s)}; severe first on ${s.firstSevere} (${-s.leadDays!} d after)`);
  for (const s of q.scores.filter((x) => x.outcome === 'missed')) say(`  missed ${told(s)}`);
  // Alerts on an incident's subject severe only on its day or after (the incident may have been warned by another).
  for (const [what, alerts] of [['same-day', q.sameDayAlerts], ['late', q.lateAlerts]] as const) {
    for (const a of alerts) {
      const of = q.scores.find((s) => s.incident.subjectKeys.includes(a.subject.key))!;
      say(`  ${what} alert ${a.subject.kind} ${a.subject.label}: ${a.peakLevel} since ${a.severeSince}, on ${of.incident.shape} ${of.incident.label} (incident ${of.incident.incidentDay}, ${of.outcome})`);
    }
  }
  for (const a of q.falseAlarms) {
    // Why it went that far: the explanation of its first message at its peak level.
    const peak = run.received.map((r) => r.alert).find((m) => m.alertId === a.alertId && m.level === a.peakLevel)!;
    const why = [...peak.explanation.rules.map((r) => `${r.rule}=${r.value}(${r.level})`), ...peak.explanation.amplifiers.map((r) => `↑${r.rule}`)].join(' ');
    say(`  false alarm ${a.subject.kind} ${a.subject.label}: ${a.peakLevel} on ${peak.levelSince}, ${why}; now ${a.status}`);
  }
  return q;
}

async function main(): Promise<number> {
  const minRecall = threshold('EW_MIN_RECALL', DEFAULT_MIN_RECALL);
  const minPrecision = threshold('EW_MIN_PRECISION', DEFAULT_MIN_PRECISION);
  say(`early-warning evaluation over seeds ${SEEDS.join(', ')} (winter 2026-11-01 … 除夕 2027-02-05)`);
  const results: Quality[] = [];
  for (const seed of SEEDS) results.push(await runSeed(seed));
  const sum = (f: (q: Quality) => number) => results.reduce((s, q) => s + f(q), 0);
  const incidents = sum((q) => q.incidents);
  const detected = sum((q) => q.detected);
  const sameDay = sum((q) => q.sameDay.length);
  const late = sum((q) => q.late.length);
  const missed = sum((q) => q.missed.length);
  const inForce = sum((q) => q.scores.filter((s) => s.inForce).length);
  const warnings = sum((q) => q.truePositives);
  const falseAlarms = sum((q) => q.falseAlarms.length);
  const severe = sum((q) => q.severeAlerts);
  const shapes = new Map<string, Quality['byShape'][string]>();
  for (const q of results) for (const [k, v] of Object.entries(q.byShape)) {
    const s = shapes.get(k) ?? { incidents: 0, detected: 0, sameDay: 0, late: 0, missed: 0 };
    shapes.set(k, { incidents: s.incidents + v.incidents, detected: s.detected + v.detected, sameDay: s.sameDay + v.sameDay, late: s.late + v.late, missed: s.missed + v.missed });
  }
  say(`by shape (warned/incidents, same-day, late, missed): ${[...shapes].map(([k, v]) => `${k} ${v.detected}/${v.incidents} ${v.sameDay} ${v.late} ${v.missed}`).join(', ')}`);
  const lead = results.flatMap((q) => q.leadDays);
  const latency = results.flatMap((q) => q.latenciesMs);
  const recall = incidents ? detected / incidents : 1;
  const precision = warnings + falseAlarms ? warnings / (warnings + falseAlarms) : 1;
  say(`recall=${recall.toFixed(3)} precision=${precision.toFixed(3)} warned=${detected}/${incidents} same_day=${sameDay} late=${late} missed=${missed} in_force_on_eve=${inForce}/${detected} ` +
    `warnings=${warnings} false_alarms=${falseAlarms} same_day_alerts=${sum((q) => q.sameDayAlerts.length)} late_alerts=${sum((q) => q.lateAlerts.length)} ` +
    `lead_days_median=${median(lead)} lead_days_min=${minOf(lead)} latency_ms_p50=${percentile(latency, 50)} latency_ms_p99=${percentile(latency, 99)}`);
  // The earlier scoring, for comparison: detected on or before the day, any severe alert on an incident's subject right.
  say(`old rule (severe on or before the day; any severe alert on an incident subject right): recall=${((detected + sameDay) / incidents).toFixed(3)} ` +
    `precision=${(severe ? (severe - falseAlarms) / severe : 1).toFixed(3)}`);
  const failed = [
    ...(recall < minRecall ? [`recall ${recall.toFixed(3)} < EW_MIN_RECALL ${minRecall}`] : []),
    ...(precision < minPrecision ? [`precision ${precision.toFixed(3)} < EW_MIN_PRECISION ${minPrecision}`] : []),
  ];
  say(`thresholds: EW_MIN_RECALL=${minRecall} EW_MIN_PRECISION=${minPrecision} — ${failed.length ? `FAILED: ${failed.join('; ')}` : 'passed'}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
