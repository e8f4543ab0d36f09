// Runs the winter scenario generator through the real early-warning pipeline (Kafka, PostgreSQL, the service
// as its own process) over a fixed set of seeds and prints recall, precision, lead time and detection latency —
// counting warning, not reaction (see scoreAlerts): an incident is detected only when orange or red came strictly
// before its day. Fails (exit 1) when recall or precision fall below EW_MIN_RECALL / EW_MIN_PRECISION.
import { generateReportedWinter, generateWinter, median, percentile, scoreAlerts } from '@yuanlian/scenario';
import type { IncidentScore, Quality, Scenario } from '@yuanlian/scenario';
import { runThroughEarlyWarning } from '../test/support/early-warning-run';

const SEEDS = (process.env.EW_SEEDS ?? '101,202,303,404,505').split(',').map(Number);
// The issue's targets (recall ≥ 0.95, precision per incident ≥ 0.90), checked on the tuned-on generator, whose five
// default seeds measure recall 58/60 = 0.967 and precision per incident 58/61 = 0.951 (the run is deterministic). The
// held-out generator is reported, not checked: it misses both targets (see the README), and a check that made it
// pass would be tuning on it. One seed alone can fall below them; give a subset its own thresholds.
const DEFAULT_MIN_RECALL = 0.95;
const DEFAULT_MIN_PRECISION = 0.9;
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

/** The two generators: the first, by the rules' authors, is what the thresholds were tuned on; the second was written
 * from published reports of wage incidents by a hand that did not read the rules, and is held out for reporting. */
const GENERATORS: Record<string, { generate: (o: { seed: number }) => Scenario; role: string }> = {
  reported: { generate: generateReportedWinter, role: 'held out: written from published reports, never tuned on' },
  winter: { generate: generateWinter, role: 'tuned on: the rules authors\' own generator' },
};
const CHOSEN = (process.env.EW_GENERATORS ?? 'reported,winter').split(',').map((g) => g.trim()).filter(Boolean);

async function runSeed(generator: string, seed: number): Promise<Quality> {
  const began = Date.now();
  const scenario = GENERATORS[generator].generate({ seed });
  const run = await runThroughEarlyWarning(scenario, {
    label: `ew${generator.slice(0, 3)}${seed}`, logs: 'ew-evaluate',
    progress: (day, days, date, r) => {
      if (day % 20 === 0) say(`  ${generator} seed ${seed}: day ${day}/${days} (${date}), ${r.inputs} inputs, ${r.received.length} alert messages`);
    },
  });
  const q = scoreAlerts(scenario, run.received);
  say(`${generator} seed ${seed}: ${run.inputs} inputs, ${q.employers} employers, ${q.incidents} incidents: warned ${q.detected}, same-day ${q.sameDay.length}, late ${q.late.length}, missed ${q.missed.length}; ` +
    `severe alerts ${q.severeAlerts}: ${q.truePositives} warnings, ${q.sameDayAlerts.length} same-day, ${q.lateAlerts.length} late, ${q.falseAlarms.length} false (${q.falseSituations} situations); ` +
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
    const miss = scenario.nearMisses.find((m) => m.subjectKeys.includes(a.subject.key));
    say(`  false alarm ${a.subject.kind} ${a.subject.label}${miss ? ` (near miss ${miss.shape})` : ''}: ${a.peakLevel} on ${peak.levelSince}, ${why}; now ${a.status}`);
  }
  return q;
}

interface Summary {
  generator: string;
  recall: number;
  precision: number;
  precisionPerIncident: number;
  precisionPerSubject: number;
  leadMedian: number;
  falsePerThousand: number;
  line: string;
}

async function evaluateGenerator(generator: string): Promise<Summary> {
  say(`== generator ${generator} (${GENERATORS[generator].role}), seeds ${SEEDS.join(', ')}`);
  const results: Quality[] = [];
  for (const seed of SEEDS) results.push(await runSeed(generator, seed));
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
  say(`${generator} by shape (warned/incidents, same-day, late, missed): ${[...shapes].map(([k, v]) => `${k} ${v.detected}/${v.incidents} ${v.sameDay} ${v.late} ${v.missed}`).join(', ')}`);
  const lead = results.flatMap((q) => q.leadDays);
  const latency = results.flatMap((q) => q.latenciesMs);
  const recall = incidents ? detected / incidents : 1;
  const precision = warnings + falseAlarms ? warnings / (warnings + falseAlarms) : 1;
  // Per incident and per subject over all seeds: each seed's counts summed (subjects differ between seeds).
  const falseSituations = sum((q) => q.falseSituations);
  const precisionPerIncident = detected + falseSituations ? detected / (detected + falseSituations) : 1;
  const warnedSubjects = sum((q) => q.warnedSubjects.length);
  const falseSubjects = sum((q) => q.falseSubjects.length);
  const perSubject = warnedSubjects + falseSubjects ? warnedSubjects / (warnedSubjects + falseSubjects) : 1;
  const employerMonths = sum((q) => (q.employers / 1000) * (q.days / 30));
  const falsePerThousand = employerMonths ? falseAlarms / employerMonths : 0;
  const line = `recall=${recall.toFixed(3)} precision=${precision.toFixed(3)} warned=${detected}/${incidents} same_day=${sameDay} late=${late} missed=${missed} in_force_on_eve=${inForce}/${detected} ` +
    `warnings=${warnings} false_alarms=${falseAlarms} same_day_alerts=${sum((q) => q.sameDayAlerts.length)} late_alerts=${sum((q) => q.lateAlerts.length)} ` +
    `lead_days_median=${median(lead)} lead_days_min=${minOf(lead)} latency_ms_p50=${percentile(latency, 50)} latency_ms_p99=${percentile(latency, 99)}`;
  say(`${generator}: recall=${recall.toFixed(3)} precision_per_incident=${precisionPerIncident.toFixed(3)} precision_per_subject=${perSubject.toFixed(3)} ` +
    `lead_days_median=${median(lead)} false_severe_per_1000_employers_per_month=${falsePerThousand.toFixed(2)} (false alarms ${falseAlarms} in ${falseSituations} situations over ${employerMonths.toFixed(1)} thousand employer-months)`);
  // The earlier scoring, for comparison: detected on or before the day, any severe alert on an incident's subject right.
  say(`${generator} old rule (severe on or before the day; any severe alert on an incident subject right): recall=${((detected + sameDay) / incidents).toFixed(3)} ` +
    `precision=${(severe ? (severe - falseAlarms) / severe : 1).toFixed(3)}`);
  return { generator, recall, precision, precisionPerIncident, precisionPerSubject: perSubject, leadMedian: median(lead), falsePerThousand, line };
}

async function main(): Promise<number> {
  const minRecall = threshold('EW_MIN_RECALL', DEFAULT_MIN_RECALL);
  const minPrecision = threshold('EW_MIN_PRECISION', DEFAULT_MIN_PRECISION);
  const unknown = CHOSEN.filter((g) => !GENERATORS[g]);
  if (unknown.length) throw new Error(`EW_GENERATORS: no generator ${unknown.join(', ')} (known: ${Object.keys(GENERATORS).join(', ')})`);
  say(`early-warning evaluation over seeds ${SEEDS.join(', ')} (winter 2026-11-01 … 除夕 2027-02-05), generators ${CHOSEN.join(', ')}`);
  const summaries: Summary[] = [];
  for (const g of CHOSEN) summaries.push(await evaluateGenerator(g));
  for (const s of summaries) {
    say(`summary ${s.generator}: recall=${s.recall.toFixed(3)} precision_per_incident=${s.precisionPerIncident.toFixed(3)} precision_per_subject=${s.precisionPerSubject.toFixed(3)} ` +
      `lead_days_median=${s.leadMedian} false_severe_per_1000_employers_per_month=${s.falsePerThousand.toFixed(2)}`);
  }
  // The thresholds are checked on the main generator (the last chosen; by default the tuned-on one).
  const main = summaries[summaries.length - 1];
  const failed = [
    ...(main.recall < minRecall ? [`recall ${main.recall.toFixed(3)} < EW_MIN_RECALL ${minRecall}`] : []),
    ...(main.precisionPerIncident < minPrecision ? [`precision per incident ${main.precisionPerIncident.toFixed(3)} < EW_MIN_PRECISION ${minPrecision}`] : []),
  ];
  say(`thresholds on ${main.generator}: EW_MIN_RECALL=${minRecall} EW_MIN_PRECISION=${minPrecision} — ${failed.length ? `FAILED: ${failed.join('; ')}` : 'passed'}`);
  say(main.line);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
