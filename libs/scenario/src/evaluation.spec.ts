import { CAP_SEVERITY, LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertLevel, AlertStatus, AlertV1, FiredRule } from '@yuanlian/contracts';
import { scoreAlerts } from './evaluation';
import type { ReceivedAlert } from './pipeline';
import type { Incident, IncidentShape, Scenario } from './winter';

// Hand-made histories: the ground truth of a few incidents and the alert messages a run would have read back.

const incident = (id: string, shape: IncidentShape, incidentDay: string, ...subjectKeys: string[]): Incident => ({
  id, shape, divisionCode: '360702', label: id, subjectKeys, workers: 20, incidentDay,
});

const scenario = (...incidents: Incident[]): Scenario => ({ seed: 1, start: '2026-11-01', end: '2027-02-05', events: [], incidents, nearMisses: [] });

const rule = (name: string, level: AlertLevel): FiredRule => ({ rule: name, label: name, level, value: 1, threshold: 1, detail: name });

interface Step {
  on: string;
  level: AlertLevel;
  status?: AlertStatus;
  rules?: FiredRule[];
}

/** The messages of one alert, one per step, kept the way the service keeps them (peak, levelSince, severeSince set once). */
function history(alertId: string, key: string, steps: Step[]): ReceivedAlert[] {
  const rank = (l: AlertLevel) => LEVEL_ORDER.indexOf(l);
  let peak: AlertLevel = steps[0].level;
  let levelSince = steps[0].on;
  let severeSince: string | undefined;
  return steps.map((s, n) => {
    if (n && s.level !== steps[n - 1].level) levelSince = s.on;
    if (rank(s.level) > rank(peak)) peak = s.level;
    if (!severeSince && rank(s.level) >= rank('orange')) severeSince = s.on;
    const alert: AlertV1 = {
      deskType: 'command', alertId, sequence: n + 1, msgType: s.status && s.status !== 'live' ? 'Cancel' : n ? 'Update' : 'Alert',
      status: s.status ?? 'live', level: s.level, severity: CAP_SEVERITY[s.level], peakLevel: peak, change: `step ${n + 1}`,
      subject: { kind: key.split(':')[0] as AlertV1['subject']['kind'], key, label: key, divisionCode: '360702', industry: 'construction', governmentFunded: false, repeatOffender: false },
      desks: [], acknowledgements: [], escalations: 0,
      explanation: {
        rules: s.rules ?? [rule('workers', s.level)], amplifiers: [],
        figures: { workers: 10, workersPaid: 0, outstandingFen: 0, monthsInArrears: 0, complaints: 0, channels: [], sites: 0, signals: 1 },
        signals: [],
      },
      references: [], raisedOn: steps[0].on, levelSince, ...(severeSince ? { severeSince } : {}), asOf: s.on,
      sentAt: `${s.on}T04:00:0${n % 10}.000Z`,
    };
    return { alert, producedAt: Date.parse(alert.sentAt) };
  });
}

describe('scoreAlerts counts warning, not reaction', () => {
  it('a miss: no alert on the subject reached orange; a yellow one is the level before the day', () => {
    const q = scoreAlerts(scenario(incident('i1', 'one_employer', '2026-12-20', 'employer:a')), history('a1', 'employer:a', [{ on: '2026-12-10', level: 'yellow' }]));
    expect(q).toMatchObject({ incidents: 1, detected: 0, recall: 0, severeAlerts: 0, truePositives: 0, precision: 1, leadDays: [] });
    expect(q.missed.map((i) => i.id)).toEqual(['i1']);
    expect(q.scores[0]).toEqual({ incident: expect.objectContaining({ id: 'i1' }), outcome: 'missed', levelBefore: 'yellow' });
    expect(q.byShape).toEqual({ one_employer: { incidents: 1, detected: 0, sameDay: 0, late: 0, missed: 1 } });
  });

  it('a miss with no alert at all has no level before the day', () => {
    const q = scoreAlerts(scenario(incident('i1', 'one_employer', '2026-12-20', 'employer:a')), []);
    expect(q).toMatchObject({ detected: 0, recall: 0, precision: 1, severeAlerts: 0 });
    expect(q.scores[0]).toEqual({ incident: expect.objectContaining({ id: 'i1' }), outcome: 'missed' });
  });

  it('a same-day reaction — orange or red first on the incident day, by its gathering — is not detected and is reported apart', () => {
    const received = history('b1', 'employer:b', [
      { on: '2026-12-15', level: 'yellow', rules: [rule('workers', 'yellow')] },
      { on: '2026-12-22', level: 'red', rules: [rule('workers', 'yellow'), rule('gathering', 'red')] },
    ]);
    const q = scoreAlerts(scenario(incident('i2', 'hotline_burst', '2026-12-22', 'employer:b')), received);
    // The old rule (severeSince <= incidentDay) counted this detected with a lead of 0 and the alert a true positive.
    expect(q).toMatchObject({ incidents: 1, detected: 0, recall: 0, severeAlerts: 1, truePositives: 0, precision: 1, leadDays: [] });
    expect(q.sameDay).toEqual([{
      incident: expect.objectContaining({ id: 'i2' }), outcome: 'same_day', firstSevere: '2026-12-22', firstSubject: 'employer:b', leadDays: 0, levelBefore: 'yellow',
      severeBy: ['workers(yellow)', 'gathering(red)'],
    }]);
    expect(q.sameDayAlerts.map((a) => a.alertId)).toEqual(['b1']);
    expect(q).toMatchObject({ late: [], missed: [], lateAlerts: [], falseAlarms: [] });
    expect(q.byShape).toEqual({ hotline_burst: { incidents: 1, detected: 0, sameDay: 1, late: 0, missed: 0 } });
  });

  it('a late alert — orange or red only after the incident day — is neither a detection nor a false alarm', () => {
    const received = history('d1', 'site:360702:d', [{ on: '2027-01-08', level: 'yellow' }, { on: '2027-01-12', level: 'orange' }]);
    const q = scoreAlerts(scenario(incident('i3', 'slow_build', '2027-01-10', 'site:360702:d', 'chain:d')), received);
    expect(q).toMatchObject({ detected: 0, recall: 0, severeAlerts: 1, truePositives: 0, precision: 1, leadDays: [], sameDay: [], missed: [], falseAlarms: [] });
    expect(q.late).toEqual([{ incident: expect.objectContaining({ id: 'i3' }), outcome: 'late', firstSevere: '2027-01-12', firstSubject: 'site:360702:d', leadDays: -2, levelBefore: 'yellow' }]);
    expect(q.lateAlerts.map((a) => a.alertId)).toEqual(['d1']);
  });

  it('a false alarm: orange on a subject of no incident; a yellow one elsewhere is not counted at all', () => {
    const received = [
      ...history('x1', 'employer:x', [{ on: '2027-01-03', level: 'orange' }, { on: '2027-01-09', level: 'orange', status: 'resolved' }]),
      ...history('y1', 'employer:y', [{ on: '2027-01-03', level: 'yellow' }]),
    ];
    const q = scoreAlerts(scenario(), received);
    expect(q).toMatchObject({ incidents: 0, detected: 0, recall: 1, severeAlerts: 1, truePositives: 0, precision: 0 });
    expect(q.falseAlarms.map((a) => a.alertId)).toEqual(['x1']);
  });

  it('a genuine warning: orange days before the incident, the lead counted in calendar days across the new year', () => {
    const received = history('a1', 'employer:a', [
      { on: '2026-12-20', level: 'yellow' }, { on: '2026-12-27', level: 'orange' }, { on: '2027-01-03', level: 'red', rules: [rule('gathering', 'red')] },
    ]);
    const q = scoreAlerts(scenario(incident('i1', 'one_employer', '2027-01-03', 'employer:a')), received);
    expect(q).toMatchObject({ incidents: 1, detected: 1, recall: 1, severeAlerts: 1, truePositives: 1, precision: 1, leadDays: [7], sameDay: [], late: [], missed: [] });
    expect(q.scores).toEqual([{ incident: expect.objectContaining({ id: 'i1' }), outcome: 'warned', firstSevere: '2026-12-27', firstSubject: 'employer:a', leadDays: 7, inForce: true, levelBefore: 'orange' }]);
    // The day before counts: one day of warning.
    const dayBefore = scoreAlerts(scenario(incident('i1', 'one_employer', '2027-01-01', 'employer:a')), history('a2', 'employer:a', [{ on: '2026-12-31', level: 'orange' }]));
    expect(dayBefore).toMatchObject({ detected: 1, leadDays: [1], truePositives: 1 });
  });

  it('two alerts on one incident (a site and its chain): the earliest decides the lead, both are warnings', () => {
    const received = [
      ...history('c-site', 'site:360702:c', [{ on: '2026-12-20', level: 'yellow' }, { on: '2026-12-28', level: 'orange' }]),
      ...history('c-chain', 'chain:c', [{ on: '2026-12-20', level: 'orange' }, { on: '2027-01-05', level: 'red' }]),
    ];
    const q = scoreAlerts(scenario(incident('i4', 'contractor_chain', '2027-01-05', 'chain:c', 'site:360702:c')), received);
    expect(q).toMatchObject({ detected: 1, recall: 1, leadDays: [16], severeAlerts: 2, truePositives: 2, precision: 1 });
    expect(q.scores[0]).toMatchObject({ outcome: 'warned', firstSevere: '2026-12-20', firstSubject: 'chain:c', leadDays: 16, inForce: true });
  });

  it('an alert on an incident that is severe only on the day is not made a warning by an earlier yellow on another subject', () => {
    const received = [
      ...history('c-site', 'site:360702:c', [{ on: '2026-12-20', level: 'yellow' }]),
      ...history('c-chain', 'chain:c', [{ on: '2027-01-05', level: 'orange', rules: [rule('petition', 'orange')] }]),
    ];
    const q = scoreAlerts(scenario(incident('i4', 'contractor_chain', '2027-01-05', 'chain:c', 'site:360702:c')), received);
    expect(q).toMatchObject({ detected: 0, truePositives: 0, precision: 1 });
    expect(q.sameDay).toEqual([{
      incident: expect.objectContaining({ id: 'i4' }), outcome: 'same_day', firstSevere: '2027-01-05', firstSubject: 'chain:c', leadDays: 0, levelBefore: 'yellow', severeBy: ['petition(orange)'],
    }]);
  });

  it('an alert severe then dropped (to yellow, then resolved) before the incident still warned of it', () => {
    const received = history('f1', 'employer:f', [
      { on: '2027-01-02', level: 'orange' }, { on: '2027-01-05', level: 'yellow' }, { on: '2027-01-08', level: 'yellow', status: 'resolved' },
    ]);
    const [latest] = received.slice(-1);
    expect(latest.alert).toMatchObject({ level: 'yellow', peakLevel: 'orange', severeSince: '2027-01-02', status: 'resolved' });
    const q = scoreAlerts(scenario(incident('i5', 'one_employer', '2027-01-20', 'employer:f')), received);
    expect(q).toMatchObject({ detected: 1, leadDays: [18], severeAlerts: 1, truePositives: 1, precision: 1 });
    expect(q.scores[0]).toMatchObject({ outcome: 'warned', firstSevere: '2027-01-02', levelBefore: 'orange', inForce: false });
    // Dropped to yellow but still live on the eve: a warning, no longer in force at orange.
    const dropped = scoreAlerts(scenario(incident('i5', 'one_employer', '2027-01-06', 'employer:f')), received);
    expect(dropped.scores[0]).toMatchObject({ outcome: 'warned', leadDays: 4, inForce: false });
    const standing = scoreAlerts(scenario(incident('i5', 'one_employer', '2027-01-04', 'employer:f')), received);
    expect(standing.scores[0]).toMatchObject({ outcome: 'warned', leadDays: 2, inForce: true });
  });

  it('the earliest severeSince any message reported counts, whatever order the messages came in', () => {
    const [first, second] = history('a1', 'employer:a', [{ on: '2026-12-10', level: 'orange' }, { on: '2026-12-20', level: 'red' }]);
    const q = scoreAlerts(scenario(incident('i1', 'one_employer', '2026-12-20', 'employer:a')), [second, first]);
    expect(q).toMatchObject({ detected: 1, leadDays: [10], truePositives: 1 });
  });

  it('a subject of two incidents: an alert after the first and before the second warned of the second', () => {
    const received = history('g1', 'chain:g', [{ on: '2027-01-10', level: 'orange' }]);
    const q = scoreAlerts(scenario(incident('i6', 'slow_build', '2026-12-15', 'chain:g'), incident('i7', 'slow_build', '2027-01-20', 'chain:g')), received);
    expect(q.scores.map((s) => [s.incident.id, s.outcome, s.leadDays])).toEqual([['i6', 'late', -26], ['i7', 'warned', 10]]);
    expect(q).toMatchObject({ detected: 1, recall: 0.5, truePositives: 1, precision: 1, lateAlerts: [] });
  });

  it('a whole history: every outcome counted once, with exact recall, precision and leads', () => {
    const received = [
      ...history('a1', 'employer:a', [{ on: '2026-12-05', level: 'yellow' }, { on: '2026-12-10', level: 'orange' }, { on: '2026-12-20', level: 'red' }]),
      ...history('b1', 'employer:b', [{ on: '2026-12-15', level: 'yellow' }, { on: '2026-12-22', level: 'red', rules: [rule('gathering', 'red')] }]),
      ...history('c-site', 'site:360702:c', [{ on: '2026-12-28', level: 'orange' }]),
      ...history('c-chain', 'chain:c', [{ on: '2026-12-20', level: 'orange' }]),
      ...history('d1', 'employer:d', [{ on: '2027-01-12', level: 'orange' }]),
      ...history('e1', 'employer:e', [{ on: '2027-01-01', level: 'yellow' }]),
      ...history('f1', 'employer:f', [{ on: '2027-01-02', level: 'orange' }, { on: '2027-01-05', level: 'yellow' }, { on: '2027-01-08', level: 'yellow', status: 'resolved' }]),
      ...history('x1', 'employer:x', [{ on: '2027-01-03', level: 'orange' }]),
      ...history('y1', 'employer:y', [{ on: '2027-01-03', level: 'yellow' }]),
    ];
    const q = scoreAlerts(scenario(
      incident('A', 'one_employer', '2026-12-20', 'employer:a'),
      incident('B', 'hotline_burst', '2026-12-22', 'employer:b'),
      incident('C', 'contractor_chain', '2027-01-05', 'chain:c', 'site:360702:c'),
      incident('D', 'slow_build', '2027-01-10', 'employer:d'),
      incident('E', 'one_employer', '2027-01-15', 'employer:e'),
      incident('F', 'one_employer', '2027-01-20', 'employer:f'),
    ), received);
    expect(q.scores.map((s) => [s.incident.id, s.outcome, s.leadDays, s.inForce])).toEqual([
      ['A', 'warned', 10, true], ['B', 'same_day', 0, undefined], ['C', 'warned', 16, true], ['D', 'late', -2, undefined], ['E', 'missed', undefined, undefined],
      ['F', 'warned', 18, false],
    ]);
    expect(q).toMatchObject({ incidents: 6, detected: 3, recall: 0.5, severeAlerts: 7, truePositives: 4, precision: 0.8, leadDays: [10, 16, 18] });
    expect(q.sameDay.map((s) => s.incident.id)).toEqual(['B']);
    expect(q.late.map((s) => s.incident.id)).toEqual(['D']);
    expect(q.missed.map((i) => i.id)).toEqual(['E']);
    expect(q.sameDayAlerts.map((a) => a.alertId)).toEqual(['b1']);
    expect(q.lateAlerts.map((a) => a.alertId)).toEqual(['d1']);
    expect(q.falseAlarms.map((a) => a.alertId)).toEqual(['x1']);
    expect(q.byShape).toEqual({
      one_employer: { incidents: 3, detected: 2, sameDay: 0, late: 0, missed: 1 },
      hotline_burst: { incidents: 1, detected: 0, sameDay: 1, late: 0, missed: 0 },
      contractor_chain: { incidents: 1, detected: 1, sameDay: 0, late: 0, missed: 0 },
      slow_build: { incidents: 1, detected: 0, sameDay: 0, late: 1, missed: 0 },
    });
  });
});

describe('precision per subject and per incident, and the false-alarm rate', () => {
  it('a subject alerted four times counts once per subject; a site and its chain are one false situation', () => {
    const base = scenario(incident('i1', 'one_employer', '2027-01-20', 'employer:a'));
    const monitoringRecord = {
      day: '2026-11-01', type: 'feed' as const, feed: 'wage-monitoring' as const,
      record: {
        recordId: 'WM-1', divisionCode: '360702', employerCreditCode: 'E1', employerName: 'e', indicator: 'transfer_made' as const, observedOn: '2026-11-01',
        project: { code: 'P1', name: '水西 安置房', governmentFunded: false, generalContractorCreditCode: 'G1', generalContractorName: 'g' },
      },
    };
    const withLinks: Scenario = { ...base, start: '2026-11-01', end: '2026-12-30', events: [monitoringRecord] };
    const received = [
      ...history('a1', 'employer:a', [{ on: '2027-01-10', level: 'orange' }]),
      ...['b1', 'b2', 'b3', 'b4'].flatMap((id, i) => history(id, 'employer:b', [{ on: `2026-12-0${i + 1}`, level: 'orange' }, { on: `2026-12-0${i + 2}`, level: 'orange', status: 'resolved' }])),
      ...history('s1', 'site:360702:水西安置房', [{ on: '2026-12-05', level: 'orange' }]),
      ...history('c1', 'chain:G1', [{ on: '2026-12-06', level: 'orange' }]),
    ];
    const q = scoreAlerts(withLinks, received);
    expect(q.precision).toBeCloseTo(1 / 7); // per alert: one warning, six false alarms
    expect(q.falseSubjects.sort()).toEqual(['chain:G1', 'employer:b', 'site:360702:水西安置房']);
    expect(q.precisionPerSubject).toBeCloseTo(1 / 4);
    expect(q.falseSituations).toBe(2); // employer b; the site with its chain
    expect(q.precisionPerIncident).toBeCloseTo(1 / 3);
    // Employers named by the inputs: the project's employer and its general contractor; 60 days.
    expect(q).toMatchObject({ employers: 2, days: 60 });
    expect(q.falsePerThousandEmployerMonths).toBeCloseTo(6 / (2 / 1000) / 2);
  });
});
