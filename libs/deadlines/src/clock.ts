import { WorkCalendar } from './calendar';
import { addDays, addMonths, daysBetween, LocalDate } from './dates';
import { ClockRule } from './rules';

export interface Pause {
  /** The day the clock was paused (it still counts). */
  from: LocalDate;
  /** The day it resumed (not counted, like a start day); open while awaiting. */
  to?: LocalDate;
}

export interface ClockInput {
  rule: Pick<ClockRule, 'days' | 'unit' | 'extensionDays'>;
  /** Start day: not counted. */
  start: LocalDate;
  pauses?: Pause[];
  /** Days added by approved extensions. */
  extendedDays?: number;
}

export interface DueDate {
  /** Last day of the period; null while paused. */
  due: LocalDate | null;
  /** The due date depends on a year whose calendar is not official yet. */
  provisional: boolean;
}

/**
 * The last day of a statutory period. The start day is not counted; days inside a pause are not counted; for
 * calendar-day and month periods a last day on a rest day moves to the next working day (Civil Procedure Law art. 85;
 * Civil Code art. 203); working-day periods count only working days, make-up working days included. A month period
 * ends on the corresponding day of its last month, or that month's last day (Civil Code art. 202); the days of a
 * pause (审限扣除) and of an extension are added after it.
 */
export function dueDate(input: ClockInput, calendar: WorkCalendar): DueDate {
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  if (pauses.some((p) => p.to === undefined)) return { due: null, provisional: false };
  const excluded = (d: LocalDate) => pauses.some((p) => d > p.from && d <= p.to!);
  if (input.rule.unit === 'month') {
    const pausedDays = pauses.reduce((n, p) => n + Math.max(0, daysBetween(p.from > input.start ? p.from : input.start, p.to!)), 0);
    const d = addDays(addMonths(input.start, input.rule.days), pausedDays + (input.extendedDays ?? 0));
    const last = calendar.nextWorkingDay(d);
    let provisional = false;
    for (let x = d; x <= last; x = addDays(x, 1)) provisional ||= calendar.isProvisional(x);
    return { due: last, provisional };
  }
  const total = input.rule.days + (input.extendedDays ?? 0);
  let provisional = false;
  let d = input.start;
  for (let counted = 0; counted < total; ) {
    d = addDays(d, 1);
    if (excluded(d)) continue;
    if (input.rule.unit === 'working') {
      provisional ||= calendar.isProvisional(d);
      if (!calendar.isWorkingDay(d)) continue;
    }
    counted++;
  }
  if (input.rule.unit === 'calendar') {
    provisional ||= calendar.isProvisional(d);
    const last = calendar.nextWorkingDay(d);
    for (let x = d; x <= last; x = addDays(x, 1)) provisional ||= calendar.isProvisional(x);
    d = last;
  }
  return { due: d, provisional };
}

/** Days from `today` to the due date: 0 on the due day, negative once overdue. */
export function daysLeft(due: LocalDate, today: LocalDate): number {
  return daysBetween(today, due);
}
