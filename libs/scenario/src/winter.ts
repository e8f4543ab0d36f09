import { chainKey, CHANNELS, employerKey, keysOf, officeId, siteKey } from '@yuanlian/contracts';
import type {
  ApplicationReceivedV1, CaseSignalV1, Channel, CreditRecordV1, Hotline, HotlineComplaintsV1, Industry, PetitionReportV1, ReceivingAgencyType,
  WageMonitoringRecordV1,
} from '@yuanlian/contracts';
import { addDays, daysBetween } from '@yuanlian/deadlines';
import { GANZHOU_COUNTIES, makeCreditCode } from '@yuanlian/identity';
import { COMPANY_FORMS, NameBook, PROJECT_KINDS, townsOf, TRADE_NAMES } from './names';
import { Random } from './random';

export type FeedName = 'wage-monitoring' | 'hotline' | 'petitions' | 'credit';

/** One input of the simulated winter, in the form the real pipeline takes it. */
export type ScenarioEvent =
  | { day: string; type: 'application'; payload: ApplicationReceivedV1 }
  | { day: string; type: 'case-signal'; source: ReceivingAgencyType; payload: CaseSignalV1 }
  | { day: string; type: 'feed'; feed: 'wage-monitoring'; record: WageMonitoringRecordV1 }
  | { day: string; type: 'feed'; feed: 'hotline'; record: HotlineComplaintsV1 }
  | { day: string; type: 'feed'; feed: 'petitions'; record: PetitionReportV1 }
  | { day: string; type: 'feed'; feed: 'credit'; record: CreditRecordV1 };

export const INCIDENT_SHAPES = {
  one_employer: '单一用人单位多人欠薪',
  contractor_chain: '总包链条多工地欠薪',
  slow_build: '工地欠薪逐月累积',
  hotline_burst: '热线投诉集中爆发',
} as const;
export type IncidentShape = keyof typeof INCIDENT_SHAPES;

export const NEAR_MISS_SHAPES = {
  small_group: '少数劳动者欠薪后支付',
  late_transfer: '人工费迟拨后补拨',
  scattered_complaints: '零散热线投诉',
} as const;
export type NearMissShape = keyof typeof NEAR_MISS_SHAPES;

/** The ground truth of one injected group dispute: which subjects it concerns and the day it breaks out. */
export interface Incident {
  id: string;
  shape: string;
  divisionCode: string;
  label: string;
  subjectKeys: string[];
  workers: number;
  incidentDay: string;
}

export interface NearMiss {
  id: string;
  shape: string;
  subjectKeys: string[];
}

export interface Scenario {
  seed: number;
  start: string;
  end: string;
  events: ScenarioEvent[];
  incidents: Incident[];
  nearMisses: NearMiss[];
}

export interface ScenarioOptions {
  seed: number;
  /** First and last simulated day; the default is the winter campaign up to 除夕 2027. */
  start?: string;
  end?: string;
  /** Individual background claims per day across the city. */
  backgroundPerDay?: number;
  incidents?: number;
  nearMisses?: number;
}

interface Employer {
  creditCode: string;
  name: string;
  industry: Industry;
  divisionCode: string;
}

interface Project {
  name: string;
  code: string;
  divisionCode: string;
  employer: Employer;
  generalContractor: { creditCode: string; name: string };
  governmentFunded: boolean;
}

const INDUSTRY_MIX: Record<Industry, number> = {
  construction: 35, manufacturing: 20, catering: 10, property_management: 6, sanitation: 4, courier: 6, logistics: 6, services: 8,
  agriculture: 2, mining: 1, other: 2,
};
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const HOTLINE_LIST: Hotline[] = ['12345', '12333', '12348'];
const APPLICATION_CHANNELS = keysOf(CHANNELS);

/**
 * Simulates Ganzhou's counties over a winter: background individual claims across industries, injected group
 * disputes of four shapes, and near-threshold situations that never break out — all from one seed, with the
 * ground truth of every injected incident and its incident day.
 */
export function generateWinter(options: ScenarioOptions): Scenario {
  const r = new Random(options.seed);
  const start = options.start ?? '2026-11-01';
  const end = options.end ?? '2027-02-05';
  const days = daysBetween(start, end) + 1;
  const events: ScenarioEvent[] = [];
  const incidents: Incident[] = [];
  const nearMisses: NearMiss[] = [];
  const counties = GANZHOU_COUNTIES.map((c) => c.code);
  let serial = 0;
  const names = new NameBook();

  const employer = (industry: Industry, divisionCode = r.pick(counties)): Employer => {
    const body = Array.from({ length: 9 }, () => r.pick([...CODE_ALPHABET])).join('');
    // As many draws as ever (trade name, prefix, form) and the serial counted as before, so a seed gives the winter
    // that was evaluated, with the same codes and record ids; the name carries no number.
    const name = names.company(divisionCode, industry, r.int(0, TRADE_NAMES.length - 1), r.int(0, TRADE_NAMES.length - 1), r.int(0, COMPANY_FORMS[industry].length - 1));
    serial++;
    return { creditCode: makeCreditCode(`91${divisionCode}${body}`), name, industry, divisionCode };
  };
  /** A construction project, registered with the monitoring platform (a normal transfer) on the first day. */
  const project = (divisionCode: string, sub: Employer, gc: Employer, governmentFunded: boolean): Project => {
    const name = names.site(divisionCode, r.int(0, townsOf(divisionCode).length - 1), r.int(0, PROJECT_KINDS.length - 1), r.int(0, 8));
    serial++;
    const p = {
      name,
      code: `PRJ${divisionCode}${String(++serial).padStart(6, '0')}`,
      divisionCode, employer: sub, generalContractor: { creditCode: gc.creditCode, name: gc.name }, governmentFunded,
    };
    monitoring(start, p, 'transfer_made');
    return p;
  };
  const worker = () => `wk_${r.hex(32)}`;
  const inRange = (day: string) => day >= start && day <= end;
  const dayAt = (offset: number) => addDays(start, offset);

  const claim = (day: string, e: Employer, p: Project | undefined, wk: string, workers = 1, amountFen = r.int(3000, 25000) * 100, channel?: Channel) => {
    if (!inRange(day)) return;
    events.push({
      day, type: 'application',
      payload: {
        applicationId: r.uuid(), agencyId: officeId('legal-aid', e.divisionCode), divisionCode: p?.divisionCode ?? e.divisionCode,
        channel: channel ?? r.pick(APPLICATION_CHANNELS), matter: 'wage_arrears', industry: e.industry, workerKey: wk,
        employerCreditCode: e.creditCode, employerName: e.name, ...(p ? { projectName: p.name } : {}), amountOwedFen: amountFen,
        workersAffected: workers, greenChannel: true, priority: true, acceptFirst: false, receivedAt: `${day}T09:${String(r.int(10, 59))}:00+08:00`,
      },
    });
  };
  const caseSignal = (day: string, kind: CaseSignalV1['kind'], source: ReceivingAgencyType, e: Employer, p: Project | undefined, wk: string, amountFen: number, workers = 1) => {
    if (!inRange(day)) return;
    events.push({
      day, type: 'case-signal', source,
      payload: {
        kind, caseId: r.uuid(), referralId: r.uuid(), officeId: officeId(source, e.divisionCode), divisionCode: p?.divisionCode ?? e.divisionCode,
        matter: 'wage_arrears', industry: e.industry, employerCreditCode: e.creditCode, employerName: e.name, ...(p ? { projectName: p.name } : {}),
        workerKey: wk, workersAffected: workers, amountOwedFen: amountFen, ...(kind === 'payment' ? { amountPaidFen: amountFen } : {}), occurredOn: day,
      },
    });
  };
  const hotline = (day: string, e: Employer, p: Project | undefined, complaints: number, line: Hotline = r.pick(HOTLINE_LIST), workersMentioned?: number) => {
    if (!inRange(day)) return;
    events.push({
      day, type: 'feed', feed: 'hotline',
      record: {
        recordId: `HL-${line}-${day}-${++serial}`, hotline: line, divisionCode: p?.divisionCode ?? e.divisionCode, employerCreditCode: e.creditCode,
        employerName: e.name, ...(p ? { projectName: p.name } : {}), complaints, ...(workersMentioned ? { workersMentioned } : {}), observedOn: day,
      },
    });
  };
  const monitoring = (day: string, p: Project, indicator: WageMonitoringRecordV1['indicator'], figures: Partial<WageMonitoringRecordV1> = {}) => {
    if (!inRange(day)) return;
    events.push({
      day, type: 'feed', feed: 'wage-monitoring',
      record: {
        recordId: `WM-${p.code}-${day}-${++serial}`, divisionCode: p.divisionCode,
        project: {
          code: p.code, name: p.name, governmentFunded: p.governmentFunded,
          generalContractorCreditCode: p.generalContractor.creditCode, generalContractorName: p.generalContractor.name,
        },
        employerCreditCode: p.employer.creditCode, employerName: p.employer.name, indicator, ...figures, observedOn: day,
      },
    });
  };
  const petition = (day: string, e: Employer, p: Project | undefined, kind: 'petition' | 'gathering', participants: number) => {
    if (!inRange(day)) return;
    events.push({
      day, type: 'feed', feed: 'petitions',
      record: {
        recordId: `PT-${day}-${++serial}`, kind, divisionCode: p?.divisionCode ?? e.divisionCode, employerCreditCode: e.creditCode,
        employerName: e.name, ...(p ? { projectName: p.name } : {}), participants, observedOn: day,
      },
    });
  };
  /** A worker's claim, then (sometimes) the inspection's acceptance, and (sometimes) the payment. */
  const claimWithFollowUp = (day: string, e: Employer, p: Project | undefined, payProbability: number) => {
    const wk = worker();
    const amount = r.int(3000, 25000) * 100;
    claim(day, e, p, wk, 1, amount);
    if (r.chance(0.4)) caseSignal(addDays(day, r.int(2, 6)), 'complaint_accepted', 'labor-inspection', e, p, wk, amount);
    if (r.chance(payProbability)) caseSignal(addDays(day, r.int(10, 40)), 'payment', 'labor-inspection', e, p, wk, amount);
  };

  // Background: many employers, individual claims, scattered hotline calls, late transfers that are made good.
  const pool = Array.from({ length: 1500 }, () => employer(r.weighted(INDUSTRY_MIX)));
  const contractors = Array.from({ length: 40 }, () => employer('construction'));
  const projects = pool.filter((e) => e.industry === 'construction').slice(0, 300)
    .map((e) => project(e.divisionCode, e, r.pick(contractors), r.chance(0.3)));
  for (let d = 0; d < days; d++) {
    const day = dayAt(d);
    for (let i = r.poisson(options.backgroundPerDay ?? 14); i > 0; i--) {
      const e = r.pick(pool);
      const p = e.industry === 'construction' && r.chance(0.5) ? projects.find((x) => x.employer === e) : undefined;
      claimWithFollowUp(day, e, p, 0.6);
    }
    for (let i = r.poisson(3); i > 0; i--) hotline(day, r.pick(pool), undefined, 1);
    if (r.chance(0.1)) {
      const p = r.pick(projects);
      monitoring(day, p, 'missed_transfer', { monthsMissed: 1 });
      monitoring(addDays(day, r.int(5, 25)), p, 'transfer_made');
    }
  }

  // Injected group disputes, their shapes in rotation; the incident day leaves room for a build-up.
  const shapes: IncidentShape[] = ['one_employer', 'contractor_chain', 'slow_build', 'hotline_burst'];
  for (let i = 0; i < (options.incidents ?? 12); i++) {
    const shape = shapes[i % shapes.length];
    const incidentDay = dayAt(r.int(Math.min(30, days - 1), days - 1));
    const id = `incident-${options.seed}-${i + 1}`;
    if (shape === 'one_employer') {
      const e = employer(r.pick(['manufacturing', 'catering', 'courier', 'sanitation', 'property_management', 'logistics'] as const));
      const weak = i % 8 === 0;
      const workers = weak ? r.int(10, 13) : r.int(12, 60);
      const buildUp = weak ? r.int(6, 12) : r.int(14, 35);
      const first = addDays(incidentDay, -buildUp);
      for (let w = 0; w < workers; w++) {
        if (!r.chance(0.65)) continue;
        const day = addDays(first, Math.floor(buildUp * Math.pow(r.next(), 0.7)));
        const wk = worker();
        const amount = r.int(5000, 30000) * 100;
        if (r.chance(0.2)) claim(day, e, undefined, wk, r.int(3, Math.max(3, Math.floor(workers / 2))), amount * 3);
        else claim(day, e, undefined, wk, 1, amount);
        if (r.chance(0.3)) caseSignal(addDays(day, r.int(1, 4)), 'complaint_accepted', 'labor-inspection', e, undefined, wk, amount);
      }
      for (let d = 0; d < buildUp; d++) if (r.chance(0.25)) hotline(addDays(first, d), e, undefined, r.int(1, 3), r.pick(['12345', '12333'] as const));
      if (r.chance(0.6)) caseSignal(addDays(incidentDay, -r.int(4, 10)), 'field_risk_report', 'union', e, undefined, worker(), 0, r.int(8, workers));
      petition(incidentDay, e, undefined, 'gathering', Math.ceil(workers * 0.6));
      incidents.push({ id, shape, divisionCode: e.divisionCode, label: e.name, subjectKeys: [employerKey(e.creditCode)], workers, incidentDay });
    } else if (shape === 'contractor_chain') {
      const gc = employer('construction');
      const home = r.pick(counties);
      const sites = Array.from({ length: r.int(3, 4) }, () => {
        const county = r.chance(0.6) ? home : r.pick(counties);
        return project(county, employer('construction', county), gc, r.chance(0.4));
      });
      let total = 0;
      for (const p of sites) {
        const onset = addDays(incidentDay, -r.int(30, 45));
        if (r.chance(0.7)) {
          monitoring(onset, p, 'missed_transfer', { monthsMissed: 1 });
          monitoring(addDays(onset, 30), p, 'missed_transfer', { monthsMissed: 2 });
        }
        const workers = r.int(4, 8);
        total += workers;
        for (let w = 0; w < workers; w++) claim(addDays(incidentDay, -r.int(1, 28)), p.employer, p, worker());
        if (r.chance(0.5)) hotline(addDays(incidentDay, -r.int(3, 15)), p.employer, p, r.int(1, 3), '12345');
      }
      const main = sites[0];
      petition(incidentDay, main.employer, main, 'gathering', Math.ceil(total * 0.5));
      incidents.push({
        id, shape, divisionCode: main.divisionCode, label: `${gc.name}（总包）`, workers: total, incidentDay,
        subjectKeys: [chainKey(gc.creditCode), ...sites.map((p) => siteKey(p.divisionCode, p.name))],
      });
    } else if (shape === 'slow_build') {
      const county = r.pick(counties);
      const p = project(county, employer('construction', county), r.pick(contractors), r.chance(0.5));
      monitoring(addDays(incidentDay, -r.int(60, 75)), p, 'missed_transfer', { monthsMissed: 1 });
      monitoring(addDays(incidentDay, -r.int(30, 45)), p, 'missed_transfer', { monthsMissed: 2 });
      const attendance = r.int(30, 120);
      monitoring(addDays(incidentDay, -r.int(20, 30)), p, 'headcount_gap', { attendanceHeadcount: attendance, paidHeadcount: attendance - r.int(5, 20) });
      monitoring(addDays(incidentDay, -r.int(5, 15)), p, 'missed_transfer', { monthsMissed: 3 });
      const workers = r.int(3, 6);
      for (let w = 0; w < workers; w++) claim(addDays(incidentDay, -r.int(1, 20)), p.employer, p, worker());
      petition(incidentDay, p.employer, p, r.chance(0.5) ? 'petition' : 'gathering', r.int(10, 40));
      incidents.push({
        id, shape, divisionCode: county, label: p.name, workers: attendance, incidentDay,
        subjectKeys: [siteKey(p.divisionCode, p.name), chainKey(p.generalContractor.creditCode)],
      });
    } else {
      const e = employer(r.pick(['property_management', 'catering', 'sanitation', 'services'] as const));
      const burst = addDays(incidentDay, -r.int(10, 16));
      for (let d = 0; d < 5; d++) hotline(addDays(burst, d), e, undefined, r.int(2, 5), r.chance(0.8) ? '12345' : '12333', r.int(5, 15));
      const workers = r.int(3, 8);
      for (let w = 0; w < workers; w++) claim(addDays(burst, r.int(0, 7)), e, undefined, worker());
      petition(incidentDay, e, undefined, 'gathering', r.int(10, 30));
      incidents.push({ id, shape: 'hotline_burst', divisionCode: e.divisionCode, label: e.name, subjectKeys: [employerKey(e.creditCode)], workers: workers + 10, incidentDay });
    }
  }

  // Near-threshold situations that are settled before they break out.
  const missShapes: NearMissShape[] = ['small_group', 'late_transfer', 'scattered_complaints'];
  for (let i = 0; i < (options.nearMisses ?? 12); i++) {
    const shape = missShapes[i % missShapes.length];
    const id = `near-miss-${options.seed}-${i + 1}`;
    const onset = dayAt(r.int(0, Math.max(0, days - 20)));
    if (shape === 'small_group') {
      const e = employer(r.weighted(INDUSTRY_MIX));
      const paidOn = addDays(onset, r.int(15, 30));
      for (let w = r.int(4, 8); w > 0; w--) {
        const wk = worker();
        const amount = r.int(3000, 15000) * 100;
        claim(addDays(onset, r.int(0, 12)), e, undefined, wk, 1, amount);
        caseSignal(paidOn, 'payment', 'labor-inspection', e, undefined, wk, amount);
      }
      nearMisses.push({ id, shape, subjectKeys: [employerKey(e.creditCode)] });
    } else if (shape === 'late_transfer') {
      const county = r.pick(counties);
      const p = project(county, employer('construction', county), r.pick(contractors), r.chance(0.4));
      monitoring(onset, p, 'missed_transfer', { monthsMissed: 1 });
      const attendance = r.int(30, 80);
      if (r.chance(0.5)) monitoring(addDays(onset, r.int(1, 5)), p, 'headcount_gap', { attendanceHeadcount: attendance, paidHeadcount: attendance - r.int(1, 4) });
      monitoring(addDays(onset, r.int(8, 20)), p, 'transfer_made');
      nearMisses.push({ id, shape, subjectKeys: [siteKey(p.divisionCode, p.name)] });
    } else {
      const e = employer(r.weighted(INDUSTRY_MIX));
      for (let k = r.int(2, 4); k > 0; k--) hotline(addDays(onset, r.int(0, 13)), e, undefined, 1, '12345');
      nearMisses.push({ id, shape, subjectKeys: [employerKey(e.creditCode)] });
    }
  }

  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { seed: options.seed, start, end, events, incidents, nearMisses };
}
