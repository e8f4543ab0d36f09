import { CaseSignal, validatePayload } from '@yuanlian/contracts';
import { demoWinterEvents, subjectKeysOf } from './demo';
import { generateWinter } from './winter';
import type { ScenarioEvent } from './winter';

describe("the demo's winter", () => {
  const winter = generateWinter({ seed: 2026, start: '2026-10-24', end: '2026-12-26', backgroundPerDay: 6, incidents: 8, nearMisses: 6 });
  const demo = demoWinterEvents(winter.events);

  it('publishes no application for legal aid: each claim is a claim accepted by arbitration, valid as a case signal', () => {
    expect(winter.events.filter((e) => e.type === 'application').length).toBeGreaterThan(300);
    expect(demo.filter((e) => e.type === 'application')).toEqual([]);
    expect(demo).toHaveLength(winter.events.length);
    for (const e of demo) if (e.type === 'case-signal') validatePayload(CaseSignal, e.payload);
    expect(demoWinterEvents(winter.events)).toEqual(demo);
  });

  it('gives early warning the same facts, from as many institutions, about the same subjects on the same days', () => {
    // What an observation keeps of a signal (the kind of fact, day, worker, amount, workers) and the institution that heard it.
    const fact = (e: ScenarioEvent) => {
      if (e.type === 'feed') return { day: e.day, what: JSON.stringify(e.record), from: e.feed === 'hotline' ? `hotline_${e.record.hotline}` : e.feed };
      const p = e.payload;
      const kind = e.type === 'application' || e.payload.kind === 'complaint_accepted' ? 'claim' : e.payload.kind;
      const amount = e.type === 'case-signal' && e.payload.kind === 'payment' ? e.payload.amountPaidFen : p.amountOwedFen;
      return { day: e.day, what: [kind, p.employerCreditCode, p.projectName, p.workerKey, p.workersAffected, amount].join('|'), from: e.type === 'application' ? 'legal-aid' : e.source };
    };
    const before = winter.events.map(fact);
    const after = demo.map(fact);
    expect(after.map(({ day, what }) => ({ day, what }))).toEqual(before.map(({ day, what }) => ({ day, what })));
    // Legal aid's place is taken by arbitration, which heard nothing in the generated winter: each subject's count of institutions stays.
    expect(before.some((f) => f.from === 'arbitration')).toBe(false);
    expect(after.map((f) => (f.from === 'arbitration' ? 'legal-aid' : f.from))).toEqual(before.map((f) => f.from));
    expect(subjectKeysOf(demo)).toEqual(subjectKeysOf(winter.events));
  });
});
