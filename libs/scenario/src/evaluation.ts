import type { AlertLevel, AlertV1 } from '@yuanlian/contracts';
import { chainKey, LEVEL_ORDER, siteKey } from '@yuanlian/contracts';
import { daysBetween } from '@yuanlian/deadlines';
import { latestAlerts } from './pipeline';
import type { ReceivedAlert } from './pipeline';
import type { Incident, IncidentShape, Scenario } from './winter';

/**
 * How an incident was met:
 * - `warned`: an alert on one of its subjects stood at orange or red on a day strictly before the incident day;
 * - `same_day`: orange or red was first reached on the incident day itself — a reaction to the day's petition or
 *   gathering (each injected incident carries one, which alone is orange or red), not a warning;
 * - `late`: orange or red was reached only after the incident day;
 * - `missed`: no alert on its subjects ever reached orange or red.
 */
export type IncidentOutcome = 'warned' | 'same_day' | 'late' | 'missed';

export interface IncidentScore {
  incident: Incident;
  outcome: IncidentOutcome;
  /** The earliest day any alert on its subjects stood at orange or red (whatever its timing). */
  firstSevere?: string;
  /** The subject (key) of the alert that stood at orange or red first. */
  firstSubject?: string;
  /** Days from `firstSevere` to the incident day: positive for a warning, 0 on the day, negative when late. */
  leadDays?: number;
  /**
   * For a warned incident: whether the warning was still in force on the eve — an alert on its subjects live at
   * orange or red by its last message before the incident day (not resolved, not dropped back below orange).
   */
  inForce?: boolean;
  /** The highest level any alert on its subjects stood at on a day before the incident day (none: no alert yet). */
  levelBefore?: AlertLevel;
  /**
   * For a same-day reaction: the rules and amplifiers of the message that first stood at orange or red, as
   * `rule(level)` — shows when it was the day-of petition or gathering alone that made the alert severe.
   */
  severeBy?: string[];
}

export interface Quality {
  incidents: number;
  /** Incidents warned of: orange or red strictly before the incident day. */
  detected: number;
  /** Alerts that reached orange or red. */
  severeAlerts: number;
  /** Severe alerts that warned of an incident (before its day): the true positives of precision. */
  truePositives: number;
  /** detected / incidents. */
  recall: number;
  /** truePositives / (truePositives + false alarms); same-day and late alerts are in neither. */
  precision: number;
  /** Lead of each warned incident, in days (each ≥ 1). */
  leadDays: number[];
  latenciesMs: number[];
  /** Every incident with its outcome, in the scenario's order. */
  scores: IncidentScore[];
  /** Incidents first severe on the incident day itself. */
  sameDay: IncidentScore[];
  /** Incidents first severe after the incident day. */
  late: IncidentScore[];
  /** Incidents no alert reached orange or red on. */
  missed: Incident[];
  /** Severe alerts on an incident's subject first severe on the incident day (not counted in precision). */
  sameDayAlerts: AlertV1[];
  /** Severe alerts on an incident's subject first severe after the incident day (not counted in precision). */
  lateAlerts: AlertV1[];
  falseAlarms: AlertV1[];
  byShape: Record<string, { incidents: number; detected: number; sameDay: number; late: number; missed: number }>;
  /**
   * Precision per alerted subject: subjects with a warning / (those + subjects with only false alarms). A subject
   * alerted severe four times in a winter counts once.
   */
  precisionPerSubject: number;
  /** Subjects with a warning; subjects with false alarms only. */
  warnedSubjects: string[];
  falseSubjects: string[];
  /**
   * Precision per incident: incidents warned of / (those + false situations), where the false alarms on subjects of
   * one situation (a site and its contractor chain, a near miss's subjects) count once.
   */
  precisionPerIncident: number;
  /** False situations (connected subjects with false alarms only). */
  falseSituations: number;
  /** Distinct employers (and general contractors) the scenario's inputs name: the denominator of the false-alarm rate. */
  employers: number;
  /** Days the scenario covers. */
  days: number;
  /** False orange/red alerts per 1,000 employers per month (30 days) of the scenario. */
  falsePerThousandEmployerMonths: number;
}

/** Employers and their subjects' connections, from the scenario's inputs: which site belongs to which chain. */
function scenarioLinks(scenario: Scenario): { employers: number; situationOf: (subjectKey: string) => string } {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    const p = parent.get(k);
    if (p === undefined || p === k) return k;
    const root = find(p);
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const employers = new Set<string>();
  for (const e of scenario.events) {
    const p: any = e.type === 'feed' ? e.record : e.payload;
    if (p.employerCreditCode) employers.add(p.employerCreditCode);
    if (e.type === 'feed' && e.feed === 'wage-monitoring') {
      const gc = e.record.project.generalContractorCreditCode;
      if (gc) {
        employers.add(gc);
        union(siteKey(e.record.divisionCode, e.record.project.name), chainKey(gc));
      }
    }
  }
  for (const m of scenario.nearMisses) for (const k of m.subjectKeys.slice(1)) union(k, m.subjectKeys[0]);
  return { employers: employers.size, situationOf: find };
}

const SHAPE_COUNT = { warned: 'detected', same_day: 'sameDay', late: 'late', missed: 'missed' } as const;
const rank = (l: AlertLevel) => LEVEL_ORDER.indexOf(l);
const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const severe = (a: AlertV1) => rank(a.peakLevel) >= rank('orange') && a.severeSince !== undefined;

/**
 * Scores the alerts of a run against the scenario's ground truth, counting warning, not reaction. Days are the
 * calendar days in China time the pipeline works in (`severeSince` and `incidentDay` are both such dates).
 *
 * Each alert counts from the first day it stood at orange or red (`severeSince`, the earliest any of its messages
 * reported), whatever happened to it after: a level dropped back to yellow, or the alert resolved, does not undo a
 * warning already given; `inForce` tells whether a warned incident still had an alert live at orange or red on its eve.
 *
 * - Recall: an incident is detected only when an alert on one of its subjects stood at orange or red strictly
 *   before the incident day; the lead is the days between (at least 1). Every injected incident carries a petition
 *   or gathering on the incident day, which alone is orange or red, so reaching orange or red on the day is
 *   reported apart (`sameDay`, zero lead), as is orange or red only after the day (`late`); neither is detected.
 *   The earliest alert across the incident's subjects decides.
 * - Precision: a severe alert on an incident's subject is a true positive only when it warned — first severe before
 *   that incident's day (when a subject belongs to several incidents, before any of them). A severe alert on a
 *   subject of no incident is a false alarm. Same-day and late alerts on a real incident are neither: they are not
 *   warnings, and not false either; they are reported apart. precision = warnings / (warnings + false alarms),
 *   1 when there are neither.
 *
 * The scoring sees alerts, not signals, so the incident's own day-of petition or gathering is kept out by the strict
 * "before the day" rule; for a same-day incident `severeBy` lists the rules of the message that first stood at
 * orange or red, which shows when the day-of petition or gathering alone made it severe.
 */
export function scoreAlerts(scenario: Scenario, received: ReceivedAlert[]): Quality {
  const severeSince = new Map<string, string>();
  for (const { alert } of received) {
    if (alert.severeSince && (!severeSince.has(alert.alertId) || alert.severeSince < severeSince.get(alert.alertId)!)) severeSince.set(alert.alertId, alert.severeSince);
  }
  const since = (a: AlertV1) => severeSince.get(a.alertId)!;
  const severeAlerts = latestAlerts(received).filter(severe);
  const incidentsOf = new Map<string, Incident[]>();
  for (const i of scenario.incidents) for (const k of new Set(i.subjectKeys)) incidentsOf.set(k, [...(incidentsOf.get(k) ?? []), i]);

  // Each severe alert against the incidents of its subject: the best timing it had for any of them.
  const warnings: AlertV1[] = [];
  const sameDayAlerts: AlertV1[] = [];
  const lateAlerts: AlertV1[] = [];
  const falseAlarms: AlertV1[] = [];
  for (const a of severeAlerts) {
    const incidents = incidentsOf.get(a.subject.key);
    if (!incidents) {
      falseAlarms.push(a);
      continue;
    }
    const lead = Math.max(...incidents.map((i) => daysBetween(since(a), i.incidentDay)));
    (lead > 0 ? warnings : lead === 0 ? sameDayAlerts : lateAlerts).push(a);
  }

  const scores: IncidentScore[] = [];
  const byShape: Quality['byShape'] = {};
  for (const i of scenario.incidents) {
    const shape = (byShape[i.shape as IncidentShape] ??= { incidents: 0, detected: 0, sameDay: 0, late: 0, missed: 0 });
    shape.incidents++;
    const mine = severeAlerts.filter((a) => i.subjectKeys.includes(a.subject.key));
    const first = mine.sort((x, y) => compare(since(x), since(y)) || compare(x.subject.key, y.subject.key))[0];
    const firstSevere = first && since(first);
    const messages = received.map((r) => r.alert).filter((m) => i.subjectKeys.includes(m.subject.key));
    const before = messages.filter((m) => daysBetween(m.asOf, i.incidentDay) > 0).map((m) => m.level).sort((x, y) => rank(y) - rank(x))[0];
    const score: IncidentScore = { incident: i, outcome: 'missed', ...(before ? { levelBefore: before } : {}) };
    if (firstSevere) {
      score.firstSevere = firstSevere;
      score.firstSubject = first.subject.key;
      score.leadDays = daysBetween(firstSevere, i.incidentDay);
      score.outcome = score.leadDays > 0 ? 'warned' : score.leadDays === 0 ? 'same_day' : 'late';
    }
    if (score.outcome === 'warned') {
      const eve = new Map<string, AlertV1>();
      for (const m of messages) if (daysBetween(m.asOf, i.incidentDay) > 0 && (eve.get(m.alertId)?.sequence ?? 0) < m.sequence) eve.set(m.alertId, m);
      score.inForce = [...eve.values()].some((m) => m.status === 'live' && rank(m.level) >= rank('orange'));
    }
    if (score.outcome === 'same_day') {
      // The message that first stood at orange or red on the day: which rules put it there.
      const reached = messages
        .filter((m) => rank(m.level) >= rank('orange') && m.asOf === i.incidentDay)
        .sort((x, y) => compare(x.sentAt, y.sentAt))[0];
      if (reached) {
        score.severeBy = [
          ...reached.explanation.rules.map((r) => `${r.rule}(${r.level})`),
          ...reached.explanation.amplifiers.map((r) => `↑${r.rule}`),
        ];
      }
    }
    shape[SHAPE_COUNT[score.outcome]]++;
    scores.push(score);
  }
  const leadDays = scores.filter((s) => s.outcome === 'warned').map((s) => s.leadDays!);
  const latenciesMs = received.filter((r) => r.alert.triggerPublishedAt).map((r) => r.producedAt - Date.parse(r.alert.triggerPublishedAt!));
  const judged = warnings.length + falseAlarms.length;
  const warnedSubjects = new Set(warnings.map((a) => a.subject.key));
  const falseSubjects = new Set(falseAlarms.map((a) => a.subject.key).filter((k) => !warnedSubjects.has(k)));
  const links = scenarioLinks(scenario);
  const falseSituations = new Set([...falseSubjects].map(links.situationOf)).size;
  const days = daysBetween(scenario.start, scenario.end) + 1;
  return {
    precisionPerSubject: warnedSubjects.size + falseSubjects.size ? warnedSubjects.size / (warnedSubjects.size + falseSubjects.size) : 1,
    precisionPerIncident: leadDays.length + falseSituations ? leadDays.length / (leadDays.length + falseSituations) : 1,
    warnedSubjects: [...warnedSubjects], falseSubjects: [...falseSubjects], falseSituations, employers: links.employers, days,
    falsePerThousandEmployerMonths: links.employers ? falseAlarms.length / (links.employers / 1000) / (days / 30) : 0,
    incidents: scenario.incidents.length, detected: leadDays.length, severeAlerts: severeAlerts.length, truePositives: warnings.length,
    recall: scenario.incidents.length ? leadDays.length / scenario.incidents.length : 1,
    precision: judged ? warnings.length / judged : 1,
    leadDays, latenciesMs, scores,
    sameDay: scores.filter((s) => s.outcome === 'same_day'),
    late: scores.filter((s) => s.outcome === 'late'),
    missed: scores.filter((s) => s.outcome === 'missed').map((s) => s.incident),
    sameDayAlerts, lateAlerts, falseAlarms, byShape,
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
