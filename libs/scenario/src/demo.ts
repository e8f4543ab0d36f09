import { createHash } from 'node:crypto';
import { chainKey, employerKey, officeId, siteKey } from '@yuanlian/contracts';
import type { ScenarioEvent } from './winter';

/** A UUID-shaped id drawn from a name, so the same input gives the same id. */
const uuidOf = (name: string) => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The winter as the demo publishes it, beside a real legal aid service that holds only the cases it was given.
 *
 * The generator speaks for legal aid with `application.received` events; published as they are, the committee's
 * statistics (which count legal aid's applications from that topic) would count hundreds of applications legal aid
 * never took, and the alerts would be addressed to legal aid centers as if they held the cases. So each worker's
 * claim becomes what the early-warning pipeline weighs the same way — a claim accepted by the county's labor
 * dispute arbitration (`case.signal`, `complaint_accepted`), with the worker's pseudonymous key, amount and number
 * of workers. Arbitration is one institution as legal aid was, so every subject's figures, rules and levels come
 * out as the evaluated winter's; only the source shown (劳动人事争议仲裁院) and the legal aid desks differ. Case
 * signals count in no statistics. The evaluation keeps the generator's events as they are.
 */
export function demoWinterEvents(events: readonly ScenarioEvent[]): ScenarioEvent[] {
  return events.map((e): ScenarioEvent => {
    if (e.type !== 'application') return e;
    const p = e.payload;
    return {
      day: e.day, type: 'case-signal', source: 'arbitration',
      payload: {
        kind: 'complaint_accepted', caseId: p.applicationId, referralId: uuidOf(`referral:${p.applicationId}`), officeId: officeId('arbitration', p.divisionCode),
        divisionCode: p.divisionCode, matter: p.matter, industry: p.industry, employerCreditCode: p.employerCreditCode, employerName: p.employerName,
        ...(p.projectName ? { projectName: p.projectName } : {}), workerKey: p.workerKey, workersAffected: p.workersAffected,
        amountOwedFen: p.amountOwedFen, occurredOn: e.day,
      },
    };
  });
}

/** The subjects (employers, sites and contractor chains) a winter's events are about, by their early-warning keys. */
export function subjectKeysOf(events: readonly ScenarioEvent[]): Set<string> {
  const keys = new Set<string>();
  for (const e of events) {
    if (e.type === 'feed' && e.feed === 'credit') continue;
    const p: { divisionCode: string; employerCreditCode: string; projectName?: string; project?: { name: string } } = e.type === 'feed' ? e.record : e.payload;
    const site = p.projectName ?? p.project?.name;
    keys.add(site ? siteKey(p.divisionCode, site) : employerKey(p.employerCreditCode));
    if (e.type === 'feed' && e.feed === 'wage-monitoring' && e.record.project.generalContractorCreditCode) keys.add(chainKey(e.record.project.generalContractorCreditCode));
  }
  return keys;
}
