// Each county's quarterly duty: one or two typical cases sent to the city within 10 days after the quarter ends.
import { daysBetween, dueDate, localDate, quarterEnd, quarterOf, shiftQuarter } from '@yuanlian/deadlines';
import type { ClockRules, LocalDate, WorkCalendar } from '@yuanlian/deadlines';
import type { ReminderKind } from './typical-case.entity';

export const DUTY_RULE = 'program.typical-case';
/** Most typical cases a county sends for one quarter. */
export const DUTY_MAX_PER_QUARTER = 2;

export const DUTY_STATUSES = {
  met: '按时报送',
  late: '逾期报送',
  overdue: '逾期未报送',
  pending: '待报送',
} as const;
export type DutyStatus = keyof typeof DUTY_STATUSES;

/** The day a county's cases for a quarter are due (10 days after its last day; a rest day moves it to the next working day). */
export function dutyDue(quarter: string, area: string, rules: ClockRules, calendar: WorkCalendar): { dueOn: LocalDate; provisional: boolean } {
  const d = dueDate({ rule: rules.get(DUTY_RULE, area), start: quarterEnd(quarter) }, calendar);
  return { dueOn: d.due!, provisional: d.provisional };
}

/** Met when a case was sent by the end of the due day; late when only after; overdue when none and the day has passed. */
export function dutyStatus(sentAt: Date[], dueOn: LocalDate, today: LocalDate): { status: DutyStatus; onTime: number; daysLeft: number } {
  const onTime = sentAt.filter((at) => localDate(at) <= dueOn).length;
  const daysLeft = daysBetween(today, dueOn);
  const status: DutyStatus = onTime ? 'met' : sentAt.length ? 'late' : daysLeft < 0 ? 'overdue' : 'pending';
  return { status, onTime, daysLeft };
}

/** The quarter counties are working on today: the last one until its cases are due, then the current one. */
export function openQuarter(today: LocalDate, area: string, rules: ClockRules, calendar: WorkCalendar): string {
  const last = shiftQuarter(quarterOf(today));
  return today <= dutyDue(last, area, rules, calendar).dueOn ? last : quarterOf(today);
}

/** Which reminder a county that has sent nothing gets, `daysLeft` before the due day (none before five days). */
export function reminderKind(daysLeft: number): ReminderKind | null {
  return daysLeft < 0 ? 'overdue' : daysLeft === 0 ? 'due_today' : daysLeft <= 5 ? 'due_soon' : null;
}
