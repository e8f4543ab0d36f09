import { aggregate, daysToSpringFestival, evaluate, troubledSitesOnly } from './evaluate';
import type { ObservationFact, SubjectFacts } from './evaluate';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdOrderProblems } from './thresholds';

const t = { ...DEFAULT_THRESHOLDS, amplifySpringFestivalDays: 0 };
const employer: SubjectFacts = { kind: 'employer', governmentFunded: false, repeatOffender: false };
const asOf = '2026-10-20'; // outside the winter campaign, so no Spring Festival amplifier unless a test wants it

let n = 0;
const fact = (kind: ObservationFact['kind'], over: Partial<ObservationFact> = {}): ObservationFact => ({
  kind, day: asOf, workerKey: null, workers: 0, amountFen: 0, monthsMissed: 0, count: 1, channel: null, site: null, sourceAgencyType: 'legal-aid', ...over,
});
const claim = (over: Partial<ObservationFact> = {}) => fact('claim', { workerKey: `wk_${String(++n).padStart(32, '0')}`, workers: 1, amountFen: 100_000, channel: 'window', ...over });
const claims = (count: number, over: Partial<ObservationFact> = {}) => Array.from({ length: count }, () => claim(over));
/** Claims spread over the window so the complaint-cluster rule stays quiet while another rule is tested. */
const spread = (count: number, over: Partial<ObservationFact> = {}) =>
  Array.from({ length: count }, (_, i) => claim({ day: `2026-09-${String(1 + (i % 5)).padStart(2, '0')}`, ...over }));

const run = (facts: ObservationFact[], subject = employer, thresholds = t) => evaluate(aggregate(facts, asOf, thresholds), subject, thresholds);
const ruleLevel = (facts: ObservationFact[], rule: string, subject = employer, thresholds = t) =>
  run(facts, subject, thresholds).rules.find((r) => r.rule === rule)?.level ?? null;

describe('early-warning rules, each at its threshold', () => {
  it('workers: 9 unpaid workers is yellow, 10 is orange, 30 red', () => {
    expect(ruleLevel(spread(4, { amountFen: 0 }), 'workers')).toBe('blue');
    expect(ruleLevel(spread(2), 'workers')).toBeNull();
    expect(ruleLevel(spread(9, { amountFen: 0 }), 'workers')).toBe('yellow');
    expect(ruleLevel(spread(10, { amountFen: 0 }), 'workers')).toBe('orange');
    expect(ruleLevel(spread(29, { amountFen: 0 }), 'workers')).toBe('orange');
    expect(ruleLevel(spread(30, { amountFen: 0 }), 'workers')).toBe('red');
  });

  it('workers: one application on behalf of a group counts the group', () => {
    expect(ruleLevel([claim({ workers: 12, day: '2026-09-01' })], 'workers')).toBe('orange');
  });

  it('outstanding amount: fires only with enough workers, at ¥30,000 / ¥100,000 / ¥500,000', () => {
    expect(ruleLevel(spread(3, { amountFen: 999_999 }), 'outstanding')).toBeNull(); // ¥29,999.97
    expect(ruleLevel(spread(3, { amountFen: 1_000_000 }), 'outstanding')).toBe('yellow');
    expect(ruleLevel(spread(4, { amountFen: 2_500_000 }), 'outstanding')).toBe('yellow'); // ¥100,000 but only 4 workers
    expect(ruleLevel(spread(10, { amountFen: 1_000_000 }), 'outstanding')).toBe('orange');
    expect(ruleLevel(spread(10, { amountFen: 5_000_000 }), 'outstanding')).toBe('red');
    expect(ruleLevel(spread(2, { amountFen: 50_000_000 }), 'outstanding')).toBeNull(); // two workers: below amountMinWorkers
  });

  it('outstanding amount: its reason reads in 元 with separators, as every screen and form writes money', () => {
    const detail = run(spread(10, { amountFen: 1_000_000 })).rules.find((r) => r.rule === 'outstanding')!.detail;
    expect(detail).toBe('拖欠 100,000.00 元，涉及 10 人');
  });

  it('months in arrears: 1 yellow, 2 orange, 3 red when the workers or the payroll confirm it, a level lower on the transfers alone; cleared by a later transfer', () => {
    const missed = (months: number) => fact('missed_transfer', { monthsMissed: months, channel: 'wage_monitoring', sourceAgencyType: 'early-warning' });
    // A caller from the site confirms that wages are not paid.
    const caller = fact('hotline', { channel: 'hotline_12345', sourceAgencyType: 'early-warning' });
    expect(ruleLevel([missed(1), caller], 'months')).toBe('yellow');
    expect(ruleLevel([missed(2), caller], 'months')).toBe('orange');
    expect(ruleLevel([missed(3), caller], 'months')).toBe('red');
    expect(ruleLevel([missed(1)], 'months')).toBe('blue');
    expect(ruleLevel([missed(2)], 'months')).toBe('yellow');
    expect(ruleLevel([missed(3)], 'months')).toBe('orange');
    expect(run([missed(2)]).rules.find((r) => r.rule === 'months')!.detail).toContain('尚无劳动者投诉或工资发放记录印证，降一级');
    expect(ruleLevel([{ ...missed(3), day: '2026-10-01' }, caller, fact('transfer_made', { day: '2026-10-05' })], 'months')).toBeNull();
  });

  it('complaint cluster: counts within the window across agencies and hotlines; one institution stays at yellow', () => {
    const within = (count: number, channel: string) => Array.from({ length: count }, (_, i) => claim({ channel, day: `2026-10-${String(10 + (i % 10)).padStart(2, '0')}` }));
    const hotline = (count: number, line: string) => fact('hotline', { count, channel: line, sourceAgencyType: 'early-warning', day: '2026-10-15' });
    expect(ruleLevel(within(1, 'window'), 'complaints')).toBeNull();
    expect(ruleLevel(within(2, 'window'), 'complaints')).toBe('blue');
    expect(ruleLevel(within(3, 'window'), 'complaints')).toBe('yellow');
    expect(ruleLevel(within(6, 'window'), 'complaints')).toBe('yellow');
    // Severe needs two institutions and a group: eight workers, or more anonymous calls than identified complainants.
    expect(ruleLevel([...within(8, 'window'), hotline(1, 'hotline_12345')], 'complaints')).toBe('orange');
    expect(ruleLevel([...within(12, 'window'), hotline(4, 'hotline_12333')], 'complaints')).toBe('red');
    expect(ruleLevel([...within(2, 'window'), hotline(7, 'hotline_12345')], 'complaints')).toBe('orange');
    // The window, the website and the 12348 line are all the legal aid center: one institution.
    expect(ruleLevel([...within(3, 'window'), ...within(3, 'online'), ...within(3, 'hotline_12348')], 'complaints')).toBe('yellow');
    expect(ruleLevel([...within(7, 'window'), claim({ channel: null, sourceAgencyType: 'union', day: '2026-10-15' })], 'complaints')).toBe('orange');
    // Outside the 14-day window they no longer cluster.
    expect(ruleLevel(Array.from({ length: 8 }, () => claim({ day: '2026-09-20' })), 'complaints')).toBeNull();
  });

  it('monitoring: paid headcount below attendance is yellow; >10 % without wage records is orange', () => {
    expect(ruleLevel([fact('headcount_gap', { workers: 3, count: 40 })], 'headcount_gap')).toBe('yellow');
    expect(ruleLevel([fact('no_wage_record', { workers: 4, count: 40 })], 'no_wage_record')).toBe('orange'); // exactly 10 %
    expect(ruleLevel([fact('no_wage_record', { workers: 3, count: 40 })], 'no_wage_record')).toBeNull(); // 7 %
  });

  it('field reports, petitions and gatherings fire at their configured levels', () => {
    expect(ruleLevel([fact('field_report', { workers: 5 })], 'field_report')).toBe('orange');
    expect(ruleLevel([fact('petition', { workers: 5 })], 'petition')).toBe('orange');
    expect(ruleLevel([fact('gathering', { workers: 20 })], 'gathering')).toBe('red');
    expect(ruleLevel([fact('hotline', { count: 1, channel: 'hotline_12345' })], 'petition')).toBeNull();
  });

  it('the level is the highest rule; amplifiers raise a yellow or above by one step, never a blue', () => {
    const yellow = spread(8, { amountFen: 0 });
    expect(run(yellow).level).toBe('yellow');
    expect(run(yellow, { ...employer, repeatOffender: true }).level).toBe('orange');
    expect(run(yellow, { ...employer, repeatOffender: true }).amplifiers.map((a) => a.rule)).toEqual(['repeat_offender']);
    expect(run(spread(3, { amountFen: 0 }), { ...employer, repeatOffender: true }).level).toBe('blue');
    // A yellow about fewer workers than amplifyMinWorkers (8) is not amplified.
    expect(run(spread(7, { amountFen: 0 }), { ...employer, repeatOffender: true }).level).toBe('yellow');
    expect(run(yellow, { ...employer, governmentFunded: true }).level).toBe('yellow'); // government funding counts only with a missed transfer
    expect(run([...yellow, fact('missed_transfer', { monthsMissed: 1 })], { ...employer, governmentFunded: true }).level).toBe('orange');
  });

  it('days to the Spring Festival: inside the winter campaign only', () => {
    expect(daysToSpringFestival('2027-01-20')).toBe(16);
    expect(daysToSpringFestival('2026-11-01')).toBe(96);
    expect(daysToSpringFestival('2026-10-31')).toBeUndefined();
    const near = { ...DEFAULT_THRESHOLDS };
    const facts = spread(8, { amountFen: 0, day: '2027-01-10' });
    expect(evaluate(aggregate(facts, '2027-01-20', near), employer, near).level).toBe('orange');
    expect(evaluate(aggregate(facts, '2027-01-20', near), employer, near).amplifiers[0].rule).toBe('spring_festival');
  });

  it('a chain with complaints from several sites is amplified', () => {
    const sites = [...spread(4, { site: '甲工地', amountFen: 0 }), ...spread(4, { site: '乙工地', amountFen: 0 })];
    expect(run(sites, { kind: 'chain', governmentFunded: false, repeatOffender: false }).level).toBe('orange');
    expect(run(sites, { kind: 'site', governmentFunded: false, repeatOffender: false }).level).toBe('yellow');
  });

  it('a chain counts only its troubled sites: scattered single claims do not add up to a group', () => {
    const scattered = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑'].flatMap((s) => spread(1, { site: `${s}工地`, amountFen: 0 }));
    expect(aggregate(scattered, asOf, t).workers).toBe(12);
    expect(troubledSitesOnly(scattered, asOf, t)).toEqual([]);
    const withGroup = [...scattered, ...spread(3, { site: '甲工地', amountFen: 0 }), fact('missed_transfer', { site: '乙工地', monthsMissed: 1 })];
    const kept = troubledSitesOnly(withGroup, asOf, t);
    expect(new Set(kept.map((f) => f.site))).toEqual(new Set(['甲工地', '乙工地']));
    expect(aggregate(kept, asOf, t).workers).toBe(5);
  });

  it("a transfer made on one site does not clear another site's missed transfer", () => {
    const facts = [fact('missed_transfer', { site: '甲工地', monthsMissed: 2, day: '2026-10-01' }), fact('missed_transfer', { site: '乙工地', monthsMissed: 1, day: '2026-10-02' }),
      fact('transfer_made', { site: '乙工地', day: '2026-10-05' })];
    expect(aggregate(facts, asOf, t).monthsInArrears).toBe(2);
    expect(aggregate([...facts, fact('transfer_made', { site: '甲工地', day: '2026-10-06' })], asOf, t).settled).toBe(true);
  });

  it('the same worker complaining to legal aid and to the inspection is one complaint from two channels', () => {
    const wk = 'wk_' + 'a'.repeat(32);
    const a = aggregate([claim({ workerKey: wk, channel: 'window' }), claim({ workerKey: wk, channel: 'labor-inspection', sourceAgencyType: 'labor-inspection' })], asOf, t);
    expect(a.complaints).toBe(1);
    expect(a.channels).toEqual(['labor-inspection', 'legal-aid']);
  });

  it('paying every worker settles the subject; a partial payment only lowers the figures', () => {
    const owed = spread(10);
    const pay = (f: ObservationFact) => fact('payment', { workerKey: f.workerKey, day: '2026-10-10' });
    const partly = aggregate([...owed, ...owed.slice(0, 6).map(pay)], asOf, t);
    expect(partly.settled).toBe(false);
    expect(partly.workers).toBe(4);
    expect(partly.workersPaid).toBe(6);
    const all = aggregate([...owed, ...owed.map(pay)], asOf, t);
    expect(all.settled).toBe(true);
    expect(evaluate(all, employer, t).level).toBeNull();
  });

  it('a worker who withdrew leaves the cluster and the estimate, but is not a payment', () => {
    const owed = spread(10);
    const withdrew = (f: ObservationFact) => fact('withdrawal', { workerKey: f.workerKey, day: '2026-10-10', sourceAgencyType: 'labor-inspection' });
    const a = aggregate([...owed, ...owed.slice(0, 6).map(withdrew)], asOf, t);
    expect(a.workers).toBe(4);
    expect(a.recentPayments).toBe(0);
    // Everyone withdrew: nothing left to warn of, but the arrears were not shown paid (the alert stands down for want of signals).
    const all = aggregate([...owed, ...owed.map(withdrew)], asOf, t);
    expect(all.workers).toBe(0);
    expect(all.settled).toBe(false);
    expect(evaluate(all, employer, t).level).toBeNull();
    // The same worker filing again later is back in.
    expect(aggregate([...owed, ...owed.map(withdrew), claim({ workerKey: owed[0].workerKey, day: '2026-10-15' })], asOf, t).workers).toBe(1);
  });

  it('what happened after the as-of day is not used', () => {
    const later = spread(10).map((f) => ({ ...f, day: '2026-10-25' }));
    expect(run(later).level).toBeNull();
  });
});

describe('the five ways the rules failed an independent evaluation, as small histories through the real rules', () => {
  const on = (daysBefore: number) => {
    const d = new Date(`${asOf}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - daysBefore);
    return d.toISOString().slice(0, 10);
  };
  const anonymous = (day: string, line = 'hotline_12345', count = 1, workers = 0) => fact('hotline', { day, channel: line, sourceAgencyType: 'early-warning', count, workers });
  const paid = (f: ObservationFact, day: string) => fact('payment', { workerKey: f.workerKey, day, sourceAgencyType: 'labor-inspection' });
  const severe = (level: string | null) => level === 'orange' || level === 'red';

  it('a crew of six heard by legal aid and the inspection, plus an anonymous call, stays below orange, and leaves once paid', () => {
    const crew = Array.from({ length: 6 }, (_, i) => claim({ day: on(12 - i) }));
    const atInspection = crew.slice(0, 4).map((c) => claim({ workerKey: c.workerKey, day: on(8), channel: 'labor-inspection', sourceAgencyType: 'labor-inspection' }));
    const history = [...crew, ...atInspection, anonymous(on(5))];
    const a = aggregate(history, asOf, t);
    expect(a.identifiedComplaints).toBe(6); // a worker heard by two institutions is one complainant
    expect(a.complaints).toBe(6); // the anonymous call may be one of them: not added
    expect(severe(run(history).level)).toBe(false);
    expect(run(history).level).toBe('yellow');
    // Paid after the inspection's order: nothing left.
    const settled = [...history, ...crew.map((c) => paid(c, on(1)))];
    expect(run(settled).level).toBeNull();
  });

  it('a large employer paying a steady trickle of claims within days is not a group dispute', () => {
    const history: ObservationFact[] = [];
    for (let d = 58; d >= 0; d -= 3) {
      const c = claim({ day: on(d), channel: d % 2 ? 'window' : 'labor-inspection', sourceAgencyType: d % 2 ? 'legal-aid' : 'labor-inspection' });
      history.push(c);
      if (d - 6 >= 0) history.push(paid(c, on(d - 6)));
    }
    const a = aggregate(history, asOf, t);
    expect(a.usualOpenClaims).toBeGreaterThanOrEqual(1);
    expect(severe(run(history).level)).toBe(false);
    // The same employer stopping payment: claims pile up beyond its usual few and the rules see a group.
    const stopped = [...history.filter((f) => f.kind !== 'payment' || f.day < on(30))];
    expect(severe(run(stopped).level)).toBe(true);
  });

  it('the number of workers is estimated from hotline mentions, petitions and the monitoring attendance, with the source', () => {
    const history = [...claims(3, { day: on(10) }), anonymous(on(9), 'hotline_12345', 4, 120), fact('petition', { day: on(3), workers: 15, channel: 'petition', sourceAgencyType: 'early-warning' })];
    const a = aggregate(history, asOf, t);
    expect(a.workers).toBe(120);
    expect(a.workersBasis.map((b) => b.source)).toEqual(['hotline', 'petition', 'claims']);
    const workersRule = evaluate(a, employer, t).rules.find((r) => r.rule === 'workers')!;
    expect(workersRule.level).toBe('red');
    expect(workersRule.detail).toContain('依据热线反映人数 120 人');
    // A site whose labor-cost transfers have stopped (two months) and whose payroll shows workers without wages: its
    // attendance is the workers waiting on them. On the transfer records alone it is not (builders often pay from
    // other funds and make the transfer good), nor after one late month, nor with a payroll gap of a few who left.
    const stopped = fact('missed_transfer', { monthsMissed: 2, workers: 85, site: 'A', channel: 'wage_monitoring', sourceAgencyType: 'early-warning' });
    const payroll = (without: number) => fact('no_wage_record', { workers: without, count: 85, site: 'A', channel: 'wage_monitoring', sourceAgencyType: 'early-warning' });
    expect(aggregate([stopped, payroll(40)], asOf, t).workersBasis).toEqual([{ source: 'attendance', workers: 85 }, { source: 'no_wage_record', workers: 40 }]);
    expect(aggregate([stopped], asOf, t).workers).toBe(0);
    expect(aggregate([stopped, payroll(3)], asOf, t).workersBasis).toEqual([{ source: 'no_wage_record', workers: 3 }]);
    expect(aggregate([{ ...stopped, monthsMissed: 1 }, payroll(40)], asOf, t).workersBasis).toEqual([{ source: 'no_wage_record', workers: 40 }]);
  });

  it("one caller's mention of how many are owed is the estimate only when a second record says there is a group", () => {
    const festive = { ...DEFAULT_THRESHOLDS };
    const onDay = '2027-01-20'; // 16 days before 除夕: the Spring Festival amplifier is on
    const call = (day: string, line = 'hotline_12345') => fact('hotline', { day, channel: line, sourceAgencyType: 'early-warning', count: 1, workers: 8 });
    const alone = aggregate([call(onDay), claim({ day: onDay })], onDay, festive);
    expect(alone.workers).toBe(1);
    expect(evaluate(alone, employer, festive).amplifiers).toEqual([]);
    // A second call on another day, or two workers' own claims, corroborate it: eight, and amplified before the festival.
    for (const second of [[call('2027-01-12', 'hotline_12333')], [claim({ day: '2027-01-15' }), claim({ day: '2027-01-16' })]]) {
      const a = aggregate([call(onDay), ...second], onDay, festive);
      expect(a.workersBasis[0]).toEqual({ source: 'hotline', workers: 8 });
      expect(evaluate(a, employer, festive).amplifiers.map((x) => x.rule)).toEqual(['spring_festival']);
    }
  });

  it("an employer paying its claims on different days has a backlog; new claims beyond it are the group", () => {
    // Six claims from five and six weeks ago still open, two paid since on different days, the last a week ago.
    const older = Array.from({ length: 6 }, (_, i) => claim({ day: on(40 - i) }));
    const settledOnes = [claim({ day: on(45) }), claim({ day: on(44) })];
    const paying = [...older, ...settledOnes, paid(settledOnes[0], on(20)), paid(settledOnes[1], on(7))];
    const a = aggregate([...paying, ...claims(2, { day: on(3) })], asOf, t);
    expect(a.usualOpenClaims).toBe(6);
    expect(a.workersBasis).toEqual([{ source: 'claims', workers: 2 }]);
    // Paid both in one go, or the last payment a month ago: no habit, every open claim counts.
    expect(aggregate([...older, ...settledOnes, paid(settledOnes[0], on(20)), paid(settledOnes[1], on(20)), ...claims(2, { day: on(3) })], asOf, t).workers).toBe(8);
    expect(aggregate([...older, ...settledOnes, paid(settledOnes[0], on(25)), paid(settledOnes[1], on(20)), ...claims(2, { day: on(3) })], asOf, t).workers).toBe(8);
  });

  it('a government-funded project whose transfers stop is amplified though no worker count came with it', () => {
    const missed = (monthsMissed: number) => fact('missed_transfer', { monthsMissed, site: 'A', channel: 'wage_monitoring', sourceAgencyType: 'early-warning' });
    const publicSite = { kind: 'site' as const, governmentFunded: true, repeatOffender: false };
    // Stopped for two months, and the payroll shows most of the site without wages (no count came with the transfers).
    const payroll = fact('no_wage_record', { workers: 30, count: 0, site: 'A', channel: 'wage_monitoring', sourceAgencyType: 'early-warning' });
    const stopped = run([missed(1), { ...missed(2), day: asOf }, payroll], publicSite);
    expect(stopped.amplifiers.map((x) => x.rule)).toEqual(['government_funded']);
    expect(stopped.level).toBe('red');
    const caller = fact('hotline', { site: 'A', channel: 'hotline_12345', sourceAgencyType: 'early-warning' });
    expect(run([missed(2), caller], { ...publicSite, governmentFunded: false }).level).toBe('orange');
    expect(run([missed(2), caller], publicSite).level).toBe('red');
    // The transfers alone: a level lower, and not amplified (a builder may be paying from other funds).
    expect(run([missed(1), { ...missed(2), day: asOf }], publicSite).level).toBe('yellow');
    // One late month, no workers seen: blue, not amplified (late transfers are usually made good within weeks).
    expect(run([missed(1)], publicSite).level).toBe('blue');
    // One late month with its site's attendance on the record: the workers are seen, and it is amplified.
    expect(run([missed(1), fact('headcount_gap', { workers: 9, count: 40, site: 'A', channel: 'wage_monitoring' })], publicSite).level).toBe('orange');
  });

  it('four of twenty workers filing one by one over weeks, none paid, are raised by persistence', () => {
    const weak = [claim({ day: on(30) }), claim({ day: on(21) }), claim({ day: on(12) }), claim({ day: on(3) })];
    // Three are not yet: three unpaid claims in six weeks happen at employers that pay in the end.
    expect(run(weak.slice(1)).rules.some((r) => r.rule === 'persistence')).toBe(false);
    const result = run(weak);
    expect(result.rules.find((r) => r.rule === 'persistence')?.level).toBe('orange');
    expect(result.level).toBe('orange');
    // Three in one week is a cluster, not persistence; and an employer that pays them is working them off.
    expect(run(weak.slice(1).map((f) => ({ ...f, day: on(2) }))).rules.some((r) => r.rule === 'persistence')).toBe(false);
    expect(severe(run([...weak, paid(weak[0], on(1))]).level)).toBe(false);
  });

  it('the same anonymous call recorded by two hotlines counts once', () => {
    const a = aggregate([anonymous(on(2), 'hotline_12345', 3, 10), anonymous(on(2), 'hotline_12333', 3, 10), anonymous(on(1), 'hotline_12345', 2)], asOf, t);
    expect(a.anonymousComplaints).toBe(5);
  });
});

describe('thresholds as configuration', () => {
  it("a county's override replaces only what it names", () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { workers: { orange: 8 }, clusterDays: 7 });
    expect(merged.workers).toEqual({ blue: 3, yellow: 5, orange: 8, red: 30 });
    expect(merged.clusterDays).toBe(7);
    expect(merged.monthsInArrears).toEqual(DEFAULT_THRESHOLDS.monthsInArrears);
    expect(ruleLevel(spread(8, { amountFen: 0 }), 'workers', employer, { ...merged, amplifySpringFestivalDays: 0 })).toBe('orange');
  });

  it('levels out of order are refused', () => {
    expect(thresholdOrderProblems(mergeThresholds(DEFAULT_THRESHOLDS, { workers: { orange: 40 } }))).toEqual({ workers: ['各等级阈值应由蓝到红递增'] });
    expect(thresholdOrderProblems(DEFAULT_THRESHOLDS)).toEqual({});
  });
});
