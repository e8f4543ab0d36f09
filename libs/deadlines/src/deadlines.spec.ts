import { addMonths, ClockRules, daysLeft, defaultCalendar, defaultClockRules, dueDate, endOfLocalDay, localDate, WorkCalendar } from './index';

const calendar = defaultCalendar();
const cal7 = { days: 7, unit: 'calendar' as const };
const work5 = { days: 5, unit: 'working' as const };

describe('work calendar 2025–2026', () => {
  it('knows holidays, weekends and make-up working days', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day before Spring Festival
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday, make-up day
    expect(calendar.isWorkingDay('2025-02-04')).toBe(false);
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-04')).toBe(true);
    expect(calendar.yearStatus('2028')).toBe('missing');
  });

  it('refuses malformed calendar data', () => {
    expect(() => new WorkCalendar({ years: { '2026': { status: 'official', holidays: ['2026-02-30'], workdays: [] } } })).toThrow('bad date');
    expect(() => new WorkCalendar({ years: { '2026': { status: 'official', holidays: ['2026-05-01'], workdays: ['2026-05-01'] } } })).toThrow('both');
  });
});

describe('due dates', () => {
  it('does not count the start day', () => {
    expect(dueDate({ rule: cal7, start: '2026-03-02' }, calendar).due).toBe('2026-03-09');
  });

  it('moves a calendar-day deadline off a holiday to the next working day', () => {
    expect(dueDate({ rule: cal7, start: '2026-09-24' }, calendar).due).toBe('2026-10-08'); // lands on 10-01
    expect(dueDate({ rule: cal7, start: '2025-01-22' }, calendar).due).toBe('2025-02-05'); // lands in Spring Festival
  });

  it('moves a calendar-day deadline off a weekend but not off a make-up working Saturday', () => {
    expect(dueDate({ rule: cal7, start: '2026-03-07' }, calendar).due).toBe('2026-03-16');
    expect(dueDate({ rule: cal7, start: '2026-02-07' }, calendar).due).toBe('2026-02-14');
  });

  it('counts working days across holidays and make-up days', () => {
    expect(dueDate({ rule: work5, start: '2026-02-11' }, calendar).due).toBe('2026-02-25'); // 12,13,14(Sat),24,25
    expect(dueDate({ rule: work5, start: '2026-09-18' }, calendar).due).toBe('2026-09-24'); // 20(Sun),21,22,23,24
    expect(dueDate({ rule: work5, start: '2025-09-26' }, calendar).due).toBe('2025-10-10'); // 28(Sun),29,30,9,10
  });

  it('leaves paused days out and has no due date while paused', () => {
    expect(dueDate({ rule: cal7, start: '2026-03-02', pauses: [{ from: '2026-03-04' }] }, calendar).due).toBeNull();
    expect(dueDate({ rule: cal7, start: '2026-03-02', pauses: [{ from: '2026-03-04', to: '2026-03-09' }] }, calendar).due).toBe('2026-03-16');
    expect(
      dueDate({ rule: work5, start: '2026-03-02', pauses: [{ from: '2026-03-03', to: '2026-03-04' }, { from: '2026-03-05', to: '2026-03-06' }] }, calendar).due,
    ).toBe('2026-03-11'); // 3, [4 out], 5, [6 out], 9, 10, 11
  });

  it('adds approved extension days', () => {
    const award = defaultClockRules().get('arbitration.award');
    expect(dueDate({ rule: award, start: '2026-03-02' }, calendar).due).toBe('2026-04-16');
    expect(dueDate({ rule: award, start: '2026-03-02', extendedDays: 15 }, calendar).due).toBe('2026-05-06'); // 05-01 is a holiday
  });

  it('marks a due date provisional when it depends on the 2027 calendar', () => {
    const investigation = defaultClockRules().get('labor-inspection.investigation');
    expect(dueDate({ rule: investigation, start: '2026-06-01' }, calendar).provisional).toBe(false);
    const late = dueDate({ rule: investigation, start: '2026-11-02' }, calendar);
    expect(late.due! > '2027-01-01').toBe(true);
    expect(late.provisional).toBe(true);
    expect(dueDate({ rule: cal7, start: '2026-12-20' }, calendar)).toEqual({ due: '2026-12-28', provisional: false });
    expect(dueDate({ rule: cal7, start: '2026-12-28' }, calendar).provisional).toBe(true);
  });

  it('counts days left, negative when overdue', () => {
    expect(daysLeft('2026-03-09', '2026-03-09')).toBe(0);
    expect(daysLeft('2026-03-09', '2026-03-11')).toBe(-2);
  });
});

describe('local dates in China Standard Time', () => {
  it('converts instants to CST dates and back', () => {
    expect(localDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(endOfLocalDay('2026-03-09').toISOString()).toBe('2026-03-09T15:59:59.999Z');
  });
});

describe('clock rules', () => {
  it('holds every statutory clock with unit and legal basis', () => {
    const rules = defaultClockRules();
    expect(rules.get('legal-aid.decision')).toMatchObject({ days: 7, unit: 'calendar', basis: expect.stringContaining('第四十三条') });
    expect(rules.get('labor-inspection.acceptance')).toMatchObject({ days: 5, unit: 'working' });
    expect(rules.get('labor-inspection.investigation')).toMatchObject({ days: 60, unit: 'working', extensionDays: 30 });
    expect(rules.get('arbitration.award')).toMatchObject({ days: 45, unit: 'calendar', extensionDays: 15 });
    expect(rules.get('court.filing')).toMatchObject({ days: 7, unit: 'calendar' });
  });

  it('applies a local override for one county only', () => {
    const data = { rules: { 'legal-aid.decision': { label: 'x', days: 7, unit: 'calendar' as const, basis: 'art. 43' } }, overrides: { '360702': { 'legal-aid.decision': { unit: 'working' as const } } } };
    const rules = new ClockRules(data);
    expect(rules.get('legal-aid.decision', '360702').unit).toBe('working');
    expect(rules.get('legal-aid.decision', '360703').unit).toBe('calendar');
    expect(() => new ClockRules({ ...data, overrides: { '360702': { 'no.such': { days: 1 } } } })).toThrow('unknown clock');
    expect(() => new ClockRules({ rules: { a: { label: 'a', days: 0, unit: 'calendar', basis: 'b' } }, overrides: {} })).toThrow('positive');
  });
});

describe('periods in months (a court\'s trial period)', () => {
  const calendar = defaultCalendar();
  const threeMonths = { days: 3, unit: 'month' as const };

  it('Civil Code art. 202: the corresponding day of the last month, or its last day when there is none', () => {
    expect(addMonths('2026-12-05', 3)).toBe('2027-03-05');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(dueDate({ rule: threeMonths, start: '2026-03-31' }, calendar)).toEqual({ due: '2026-06-30', provisional: false });
  });

  it('Civil Code art. 203 / Civil Procedure Law art. 85: a last day in the National Day holiday moves to the next working day', () => {
    // 2026-07-03 + 3 months = 2026-10-03, inside 10月1日至7日; 10月8日 is a working day.
    expect(dueDate({ rule: threeMonths, start: '2026-07-03' }, calendar)).toEqual({ due: '2026-10-08', provisional: false });
  });

  it('Civil Procedure Law art. 164 (simplified procedure, three months from filing): days deducted (审限扣除) are added after', () => {
    expect(dueDate({ rule: threeMonths, start: '2026-12-05', pauses: [{ from: '2027-01-10', to: '2027-01-20' }] }, calendar))
      .toEqual({ due: '2027-03-15', provisional: true });
    expect(defaultClockRules().get('court.trial')).toMatchObject({ days: 3, unit: 'month', basis: expect.stringContaining('第一百六十四条') });
  });
});

describe("the worker's own periods", () => {
  it('LDMAL arts. 27 and 50: the year to apply for arbitration and the 15 days to sue are the worker\'s, not the office\'s', () => {
    const rules = defaultClockRules();
    expect(rules.get('worker.arbitration-limitation')).toMatchObject({ days: 12, unit: 'month', party: 'worker', basis: expect.stringContaining('第二十七条') });
    expect(rules.get('worker.sue-after-award')).toMatchObject({ days: 15, unit: 'calendar', party: 'worker', basis: expect.stringContaining('第五十条') });
    expect(rules.get('legal-aid.decision').party).toBeUndefined();
    expect(() => new ClockRules({ rules: { a: { label: 'a', days: 1, unit: 'calendar', basis: 'b', party: 'court' as never } }, overrides: {} })).toThrow('party');
  });
});

describe('work injury and the wage-refusal crime', () => {
  const rules = defaultClockRules();
  const calendar = defaultCalendar();

  it('工伤认定办法 art. 8: the application is accepted or refused within 15 days; a last day on a weekend moves on', () => {
    const rule = rules.get('work-injury.acceptance');
    expect(rule).toMatchObject({ days: 15, unit: 'calendar', basis: expect.stringContaining('第八条') });
    // 2026-09-16 + 15 = 2026-10-01, National Day: the next working day is 10月8日 (Civil Procedure Law art. 85).
    expect(dueDate({ rule, start: '2026-09-16' }, calendar).due).toBe('2026-10-08');
  });

  it('WIIR art. 20: the determination within 60 days of acceptance; art. 25: the assessment within 60 days, +30', () => {
    expect(rules.get('work-injury.determination')).toMatchObject({ days: 60, unit: 'calendar', basis: expect.stringContaining('第二十条') });
    expect(dueDate({ rule: rules.get('work-injury.determination'), start: '2026-03-02' }, calendar).due).toBe('2026-05-06'); // 5月1日 falls in 劳动节 (5月1日至5日)
    expect(rules.get('work-injury.assessment')).toMatchObject({ days: 60, extensionDays: 30, basis: expect.stringContaining('第二十五条') });
  });

  it("WIIR art. 17: the worker's year to apply for the determination runs from the accident, and is the worker's", () => {
    const rule = rules.get('worker.injury-application');
    expect(rule).toMatchObject({ days: 12, unit: 'month', party: 'worker', basis: expect.stringContaining('第十七条') });
    expect(dueDate({ rule, start: '2025-12-05' }, calendar)).toEqual({ due: '2026-12-07', provisional: false }); // 2026-12-05 is a Saturday
  });

  it('行政执法机关移送涉嫌犯罪案件的规定 art. 8: the police decide on filing within 3 days; LDMAL art. 49: 30 days on a final award', () => {
    expect(rules.get('public-security.filing-review')).toMatchObject({ days: 3, unit: 'calendar', basis: expect.stringContaining('第八条') });
    expect(rules.get('worker.final-award-challenge')).toMatchObject({ days: 30, party: 'worker', basis: expect.stringContaining('第四十九条') });
  });
});
