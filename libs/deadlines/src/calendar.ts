import { isCalendarDate } from '@yuanlian/contracts';
import { addDays, LocalDate, weekday } from './dates';

export interface CalendarYear {
  status: 'official' | 'provisional';
  source?: string;
  /** Dates or 'from/to' ranges, inclusive. */
  holidays: string[];
  /** Make-up working days on weekends. */
  workdays: string[];
}

export interface CalendarData {
  years: Record<string, CalendarYear>;
}

function expand(entries: string[], year: string): LocalDate[] {
  return entries.flatMap((entry) => {
    const [from, to = from] = entry.split('/');
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) throw new Error(`calendar ${year}: bad date or range "${entry}"`);
    if (!from.startsWith(year) && !to.startsWith(year)) throw new Error(`calendar ${year}: "${entry}" is outside the year`);
    const out: LocalDate[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  });
}

/**
 * The holiday and make-up working-day calendar. A day is a working day when it is a make-up working day, or a
 * weekday that is not a holiday. Years missing or marked provisional make results provisional. A year is replaced
 * whole when its official notice arrives (`setYear`): the shipped provisional data is only the fallback.
 */
export class WorkCalendar {
  /** Each rest day and make-up working day, with the year whose notice sets it (a range may begin in the year before). */
  private readonly holidays = new Map<LocalDate, string>();
  private readonly workdays = new Map<LocalDate, string>();
  private readonly years = new Map<string, CalendarYear['status']>();

  constructor(data: CalendarData) {
    for (const [year, y] of Object.entries(data.years)) this.setYear(year, y);
  }

  /** Puts a year in place of what was known of it (checked first: a bad year leaves the calendar unchanged). */
  setYear(year: string, y: CalendarYear): void {
    if (!/^\d{4}$/.test(year)) throw new Error(`calendar: bad year "${year}"`);
    if (y.status !== 'official' && y.status !== 'provisional') throw new Error(`calendar ${year}: status must be official or provisional`);
    const holidays = new Set(expand(y.holidays, year));
    const workdays = expand(y.workdays, year);
    for (const d of workdays) if (holidays.has(d)) throw new Error(`calendar ${year}: ${d} is both a holiday and a working day`);
    for (const days of [this.holidays, this.workdays]) for (const [d, of] of days) if (of === year) days.delete(d);
    for (const d of holidays) this.holidays.set(d, year);
    for (const d of workdays) this.workdays.set(d, year);
    this.years.set(year, y.status);
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const w = weekday(date);
    return w !== 0 && w !== 6;
  }

  isHoliday(date: LocalDate): boolean {
    return this.holidays.has(date);
  }

  /** Whether the day's year is only provisionally known (or not loaded at all). */
  isProvisional(date: LocalDate): boolean {
    return this.yearStatus(date.slice(0, 4)) !== 'official';
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  yearStatus(year: string): CalendarYear['status'] | 'missing' {
    return this.years.get(year) ?? 'missing';
  }
}
