import {
  ApplicationReceived, CaseSignal, HotlineComplaintsRecorded, PetitionReported, validatePayload, WageMonitoringRecorded,
} from '@yuanlian/contracts';
import { generateWinter, INCIDENT_SHAPES } from './winter';

describe('winter scenario generator', () => {
  const a = generateWinter({ seed: 7 });

  it('is the same winter for the same seed, another for another seed', () => {
    const again = generateWinter({ seed: 7 });
    expect(again.events).toEqual(a.events);
    expect(again.incidents).toEqual(a.incidents);
    expect(generateWinter({ seed: 8 }).incidents).not.toEqual(a.incidents);
  });

  it('injects every shape with its ground truth inside the season, after a build-up', () => {
    expect(new Set(a.incidents.map((i) => i.shape))).toEqual(new Set(Object.keys(INCIDENT_SHAPES)));
    for (const i of a.incidents) {
      expect(i.incidentDay >= '2026-12-01' && i.incidentDay <= a.end).toBe(true);
      expect(i.subjectKeys.length).toBeGreaterThan(0);
    }
    expect(a.nearMisses).toHaveLength(12);
  });

  it('produces events the contracts accept, in day order', () => {
    expect(a.events.length).toBeGreaterThan(1000);
    const days = a.events.map((e) => e.day);
    expect([...days].sort()).toEqual(days);
    for (const e of a.events) {
      if (e.type === 'application') validatePayload(ApplicationReceived, e.payload);
      else if (e.type === 'case-signal') validatePayload(CaseSignal, e.payload);
      else if (e.feed === 'wage-monitoring') validatePayload(WageMonitoringRecorded, e.record);
      else if (e.feed === 'hotline') validatePayload(HotlineComplaintsRecorded, e.record);
      else if (e.feed === 'petitions') validatePayload(PetitionReported, e.record);
    }
  });

  it('names employers and sites as a person would, without generator numbers, each site once in its county', () => {
    const employers = new Map<string, string>();
    const sites = new Set<string>();
    for (const e of a.events) {
      const p: any = e.type === 'feed' ? e.record : e.payload;
      employers.set(p.employerCreditCode, p.employerName);
      const site = p.projectName ?? p.project?.name;
      if (site) sites.add(`${p.divisionCode}|${site}`);
    }
    for (const name of [...employers.values(), ...[...sites].map((s) => s.split('|')[1]), ...a.incidents.map((i) => i.label)]) {
      expect(name).not.toMatch(/[0-9A-Za-z]/);
    }
    expect([...employers.values()].every((n) => /^(赣州|.{2,3}[县市区]).+(有限公司)$/.test(n))).toBe(true);
    // Different employers, different names.
    expect(new Set(employers.values()).size).toBe(employers.size);
    expect([...sites].every((s) => /期$/.test(s))).toBe(true);
  });
});
