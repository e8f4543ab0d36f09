import { defaultCalendar, defaultClockRules, endOfLocalDay } from '@yuanlian/deadlines';
import { dutyDue, dutyStatus, openQuarter, reminderKind } from './duty';

const rules = defaultClockRules();
const calendar = defaultCalendar();

describe('the quarterly typical-case duty', () => {
  it('is due 10 days after the quarter, moved off rest days', () => {
    // 2026-04-10 is a Friday; 2026-10-10 a Saturday but a make-up working day; 2027-01-10 a Sunday.
    expect(dutyDue('2026-Q1', '360702', rules, calendar)).toEqual({ dueOn: '2026-04-10', provisional: false });
    expect(dutyDue('2026-Q3', '360702', rules, calendar)).toEqual({ dueOn: '2026-10-10', provisional: false });
    expect(dutyDue('2026-Q4', '360702', rules, calendar)).toEqual({ dueOn: '2027-01-11', provisional: true });
  });

  it('is met by a case sent by the end of the due day, late after it, overdue when nothing was sent', () => {
    const lastMinute = new Date(endOfLocalDay('2026-10-10').getTime());
    const nextMorning = new Date(lastMinute.getTime() + 1);
    expect(dutyStatus([lastMinute], '2026-10-10', '2026-11-29')).toEqual({ status: 'met', onTime: 1, daysLeft: -50 });
    expect(dutyStatus([nextMorning], '2026-10-10', '2026-11-29')).toMatchObject({ status: 'late', onTime: 0 });
    expect(dutyStatus([], '2026-10-10', '2026-10-10')).toMatchObject({ status: 'pending', daysLeft: 0 });
    expect(dutyStatus([], '2026-10-10', '2026-10-11')).toMatchObject({ status: 'overdue', daysLeft: -1 });
  });

  it('works on the last quarter until its due day, then on the current one', () => {
    expect(openQuarter('2026-10-10', '360702', rules, calendar)).toBe('2026-Q3');
    expect(openQuarter('2026-10-11', '360702', rules, calendar)).toBe('2026-Q4');
    expect(openQuarter('2027-01-11', '360702', rules, calendar)).toBe('2026-Q4');
  });

  it('reminds five days before, on the day, and once overdue', () => {
    expect([6, 5, 1, 0, -1, -30].map(reminderKind)).toEqual([null, 'due_soon', 'due_soon', 'due_today', 'overdue', 'overdue']);
  });
});
