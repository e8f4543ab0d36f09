import type { AlertV1 } from '@yuanlian/contracts';
import { LEVEL_ORDER } from '@yuanlian/contracts';
import { daysBetween } from '@yuanlian/deadlines';
import { latestAlerts } from './pipeline';
import type { ReceivedAlert } from './pipeline';
import type { Incident, IncidentShape, Scenario } from './winter';

export interface Quality {
  incidents: number;
  detected: number;
  /** Alerts that reached orange or red. */
  severeAlerts: number;
  truePositives: number;
  recall: number;
  precision: number;
  leadDays: number[];
  latenciesMs: number[];
  missed: Incident[];
  falseAlarms: AlertV1[];
  byShape: Record<string, { incidents: number; detected: number }>;
}

const severe = (a: AlertV1) => LEVEL_ORDER.indexOf(a.peakLevel) >= LEVEL_ORDER.indexOf('orange') && a.severeSince !== undefined;

/**
 * Scores the alerts of a run against the scenario's ground truth. An incident is detected when an alert on one of
 * its subjects stood at orange or red on or before the incident day; lead time is the days between. Precision
 * counts every alert that ever reached orange or red: it is right when its subject belongs to an injected incident.
 */
export function scoreAlerts(scenario: Scenario, received: ReceivedAlert[]): Quality {
  // severeSince is set once and kept; take the earliest any message of the alert reported.
  const severeSince = new Map<string, string>();
  for (const { alert } of received) {
    if (alert.severeSince && (!severeSince.has(alert.alertId) || alert.severeSince < severeSince.get(alert.alertId)!)) severeSince.set(alert.alertId, alert.severeSince);
  }
  const severeAlerts = latestAlerts(received).filter(severe);
  const incidentOf = new Map<string, Incident>();
  for (const i of scenario.incidents) for (const k of i.subjectKeys) incidentOf.set(k, i);
  const falseAlarms = severeAlerts.filter((a) => !incidentOf.has(a.subject.key));
  const leadDays: number[] = [];
  const missed: Incident[] = [];
  const byShape: Record<string, { incidents: number; detected: number }> = {};
  for (const i of scenario.incidents) {
    const shape = (byShape[i.shape as IncidentShape] ??= { incidents: 0, detected: 0 });
    shape.incidents++;
    const firsts = severeAlerts.filter((a) => i.subjectKeys.includes(a.subject.key)).map((a) => severeSince.get(a.alertId)!).filter((d) => d <= i.incidentDay).sort();
    if (firsts.length) {
      shape.detected++;
      leadDays.push(daysBetween(firsts[0], i.incidentDay));
    } else missed.push(i);
  }
  const latenciesMs = received.filter((r) => r.alert.triggerPublishedAt).map((r) => r.producedAt - Date.parse(r.alert.triggerPublishedAt!));
  const truePositives = severeAlerts.length - falseAlarms.length;
  return {
    incidents: scenario.incidents.length, detected: leadDays.length, severeAlerts: severeAlerts.length, truePositives,
    recall: scenario.incidents.length ? leadDays.length / scenario.incidents.length : 1,
    precision: severeAlerts.length ? truePositives / severeAlerts.length : 1,
    leadDays, latenciesMs, missed, falseAlarms, byShape,
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
