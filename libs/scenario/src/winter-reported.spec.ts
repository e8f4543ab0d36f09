import {
  ApplicationReceived, CaseSignal, CreditRecorded, HotlineComplaintsRecorded, PetitionReported, siteKey, employerKey, validatePayload, WageMonitoringRecorded,
} from '@yuanlian/contracts';
import { GANZHOU_COUNTIES } from '@yuanlian/identity';
import { subjectKeysOf } from './demo';
import { generateReportedWinter, REPORTED_INCIDENT_SHAPES, REPORTED_NEAR_MISS_SHAPES } from './winter-reported';
import type { ScenarioEvent } from './winter';

/** Which agencies' steps give each kind of case signal (the referral inbox's signalling steps). */
const SOURCES_OF_KIND: Record<string, string[]> = {
  complaint_accepted: ['labor-inspection', 'arbitration', 'court', 'union', 'work-injury', 'public-security'],
  order_to_pay: ['labor-inspection', 'arbitration', 'court'],
  payment: ['labor-inspection', 'arbitration', 'public-security'],
  field_risk_report: ['union'],
};

const aboutOf = (e: ScenarioEvent) => {
  const p: { divisionCode?: string; employerCreditCode: string; projectName?: string; project?: { name: string } } = e.type === 'feed' ? e.record : e.payload;
  const site = p.projectName ?? p.project?.name;
  return site ? siteKey(p.divisionCode!, site) : employerKey(p.employerCreditCode);
};

describe('reported winter scenario generator', () => {
  const a = generateReportedWinter({ seed: 11 });
  const counties = new Set(GANZHOU_COUNTIES.map((c) => c.code));

  it('is the same winter for the same seed, another for another seed', () => {
    const again = generateReportedWinter({ seed: 11 });
    expect(again.events).toEqual(a.events);
    expect(again.incidents).toEqual(a.incidents);
    expect(again.nearMisses).toEqual(a.nearMisses);
    const other = generateReportedWinter({ seed: 12 });
    expect(other.incidents).not.toEqual(a.incidents);
    expect(other.events).not.toEqual(a.events);
  });

  it('has the default season, counts and a few thousand events', () => {
    expect([a.start, a.end]).toEqual(['2026-11-01', '2027-02-05']);
    expect(a.incidents).toHaveLength(12);
    expect(a.nearMisses).toHaveLength(16);
    expect(a.events.length).toBeGreaterThan(2000);
    expect(a.events.length).toBeLessThan(6000);
  });

  it('gives every shape over a few seeds', () => {
    const winters = [1, 2, 3].map((seed) => generateReportedWinter({ seed }));
    expect(new Set(winters.flatMap((w) => w.incidents.map((i) => i.shape)))).toEqual(new Set(Object.keys(REPORTED_INCIDENT_SHAPES)));
    expect(new Set(winters.flatMap((w) => w.nearMisses.map((n) => n.shape)))).toEqual(new Set(Object.keys(REPORTED_NEAR_MISS_SHAPES)));
  });

  it('keeps every event inside the season, in day order, also for a season and sizes of its own', () => {
    const short = generateReportedWinter({ seed: 5, start: '2026-12-01', end: '2027-01-20', backgroundPerDay: 4, incidents: 7, nearMisses: 5 });
    for (const w of [a, short]) {
      const days = w.events.map((e) => e.day);
      expect([...days].sort()).toEqual(days);
      expect(days.every((d) => d >= w.start && d <= w.end)).toBe(true);
      for (const i of w.incidents) expect(i.incidentDay >= w.start && i.incidentDay <= w.end).toBe(true);
    }
    expect(short.incidents).toHaveLength(7);
    expect(short.nearMisses).toHaveLength(5);
    expect(short.events.filter((e) => e.type === 'application').length).toBeLessThan(a.events.filter((e) => e.type === 'application').length / 2);
  });

  it('produces payloads and feed records the contracts accept, from agencies that give such signals, in Ganzhou', () => {
    for (const w of [a, generateReportedWinter({ seed: 202 })]) {
      for (const e of w.events) {
        if (e.type === 'application') {
          validatePayload(ApplicationReceived, e.payload);
          expect(e.payload.agencyId).toMatch(/^legal-aid:/);
        } else if (e.type === 'case-signal') {
          validatePayload(CaseSignal, e.payload);
          expect(SOURCES_OF_KIND[e.payload.kind]).toContain(e.source);
          expect(e.payload.officeId.startsWith(`${e.source}:`)).toBe(true);
          expect(e.payload.occurredOn).toBe(e.day);
        } else if (e.feed === 'wage-monitoring') validatePayload(WageMonitoringRecorded, e.record);
        else if (e.feed === 'hotline') validatePayload(HotlineComplaintsRecorded, e.record);
        else if (e.feed === 'petitions') validatePayload(PetitionReported, e.record);
        else validatePayload(CreditRecorded, e.record);
        if (e.type !== 'feed' || e.feed !== 'credit') {
          const p = e.type === 'feed' ? e.record : e.payload;
          expect(counties.has(p.divisionCode)).toBe(true);
        }
      }
      const amounts = w.events.flatMap((e) => (e.type === 'feed' ? [] : [e.payload.amountOwedFen]));
      expect(amounts.every((f) => Number.isInteger(f) && f > 0)).toBe(true);
    }
  });

  it('keeps a worker to one key and one employer at every agency, and a payment after the claim it pays', () => {
    const employerOf = new Map<string, string>();
    const firstClaim = new Map<string, string>();
    for (const e of a.events) {
      if (e.type === 'feed') continue;
      const p = e.payload;
      expect(employerOf.get(p.workerKey) ?? p.employerCreditCode).toBe(p.employerCreditCode);
      employerOf.set(p.workerKey, p.employerCreditCode);
      if (e.type === 'application' && !firstClaim.has(p.workerKey)) firstClaim.set(p.workerKey, e.day);
      if (e.type === 'case-signal' && e.payload.kind === 'payment' && firstClaim.has(p.workerKey)) expect(e.day > firstClaim.get(p.workerKey)!).toBe(true);
    }
  });

  it("names subjects that receive events, a gathering on each incident's day, and keeps near misses apart from incidents", () => {
    for (const w of [a, generateReportedWinter({ seed: 101 }), generateReportedWinter({ seed: 202 })]) {
      const received = subjectKeysOf(w.events);
      const incidentKeys = new Set(w.incidents.flatMap((i) => i.subjectKeys));
      for (const i of w.incidents) {
        expect(i.subjectKeys.length).toBeGreaterThan(0);
        for (const k of i.subjectKeys) expect(received.has(k)).toBe(true);
        const gatherings = w.events.filter((e) => e.type === 'feed' && e.feed === 'petitions' && e.record.kind === 'gathering' && e.day === i.incidentDay && i.subjectKeys.includes(aboutOf(e)));
        expect(gatherings.length).toBeGreaterThan(0);
        // Nothing of the incident breaks out before its day: no gathering about its subjects earlier.
        const earlier = w.events.filter((e) => e.type === 'feed' && e.feed === 'petitions' && e.record.kind === 'gathering' && e.day < i.incidentDay && i.subjectKeys.includes(aboutOf(e)));
        expect(earlier).toEqual([]);
        expect(i.workers).toBeGreaterThan(0);
        expect(counties.has(i.divisionCode)).toBe(true);
        // Registered projects bring their contractor's chain.
        if (i.subjectKeys.some((k) => k.startsWith('site:'))) expect(i.subjectKeys.some((k) => k.startsWith('chain:')) || i.shape === 'weak_real').toBe(true);
      }
      for (const n of w.nearMisses) {
        expect(n.subjectKeys.length).toBeGreaterThan(0);
        for (const k of n.subjectKeys) {
          expect(received.has(k)).toBe(true);
          expect(incidentKeys.has(k)).toBe(false);
        }
      }
      // Near misses never break out: no petition or gathering about them.
      const nearKeys = new Set(w.nearMisses.flatMap((n) => n.subjectKeys));
      expect(w.events.filter((e) => e.type === 'feed' && e.feed === 'petitions' && nearKeys.has(aboutOf(e)))).toEqual([]);
      // Petitions and gatherings are the incidents' only.
      expect(w.events.filter((e) => e.type === 'feed' && e.feed === 'petitions' && !incidentKeys.has(aboutOf(e)))).toEqual([]);
    }
  });

  it('has claims rise towards the festival: the last five weeks about twice the November rate', () => {
    const claims = a.events.filter((e) => e.type === 'application');
    const november = claims.filter((e) => e.day < '2026-12-01').length / 30;
    const lastWeeks = claims.filter((e) => e.day >= '2027-01-02').length / 35;
    expect(lastWeeks / november).toBeGreaterThan(1.5);
    expect(lastWeeks / november).toBeLessThan(2.8);
  });

  it('pays most background claims, and registers a project with the platform before its chain hears of it', () => {
    // Claims early enough for their payment to fall inside the season.
    const claims = a.events.flatMap((e) => (e.type === 'application' && e.day < '2026-12-20' ? [e] : []));
    const paid = new Set(a.events.flatMap((e) => (e.type === 'case-signal' && e.payload.kind === 'payment' ? [e.payload.workerKey] : [])));
    const share = claims.filter((e) => paid.has(e.payload.workerKey)).length / claims.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);
    const registered = new Map<string, string>();
    for (const e of a.events) if (e.type === 'feed' && e.feed === 'wage-monitoring') {
      const k = siteKey(e.record.divisionCode, e.record.project.name);
      if (!registered.has(k)) registered.set(k, e.day);
    }
    for (const i of a.incidents) {
      for (const k of i.subjectKeys.filter((s) => s.startsWith('site:') && registered.has(s))) expect(registered.get(k)).toBe(a.start);
    }
  });
});
