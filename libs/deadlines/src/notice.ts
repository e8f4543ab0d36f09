import { FESTIVAL_CODES, FESTIVALS, isCalendarDate } from '@yuanlian/contracts';
import type { Festival, HolidayCalendarYearV1 } from '@yuanlian/contracts';
import type { CalendarYear } from './calendar';
import { addDays, dayInChinese, daysBetween, LocalDate, weekday } from './dates';

/** A year's notice as an administrator enters it. */
export type HolidayNotice = Pick<HolidayCalendarYearV1, 'year' | 'noticeDate' | 'holidays' | 'workdays'>;

/** The first year the festivals' days are those of the Holidays Measures as revised in 2024 (春节 4 days, 劳动节 2). */
export const FIRST_NOTICE_YEAR = 2025;
/** The longest run of days off a notice has set (国庆 and 中秋 together: 8 days); more is a typing error. */
const LONGEST_RUN = 12;
const WEEKDAYS = '日一二三四五六';

const festivalNames = (festivals: readonly Festival[]) => festivals.map((f) => FESTIVALS[f]?.label ?? f).join('、');

/**
 * What is wrong with a year's notice, by field (`holidays.2.to`, `workdays.0`), in Chinese; empty when it is sound: every
 * day inside the year, each statutory festival of the Holidays Measures in exactly one run of days off at least as long
 * as its statutory days, runs not overlapping, make-up working days on a Saturday or Sunday and not inside a run.
 */
export function checkHolidayNotice(n: HolidayNotice): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const year = n.year;
  if (!/^\d{4}$/.test(year) || Number(year) < FIRST_NOTICE_YEAR || Number(year) > 2100) {
    add('year', `年度应为${FIRST_NOTICE_YEAR}年（修订后的《全国年节及纪念日放假办法》施行之年）至2100年之间`);
    return errors;
  }
  const inYear = (d: string) => d.startsWith(`${year}-`);
  if (isCalendarDate(n.noticeDate) && (n.noticeDate < `${Number(year) - 1}-01-01` || n.noticeDate > `${year}-12-31`)) {
    add('noticeDate', `通知日期应在${Number(year) - 1}年或${year}年内（国务院办公厅通常在上一年年底公布）`);
  }

  const restDays = new Map<LocalDate, number>();
  const festivalRun = new Map<Festival, number>();
  n.holidays.forEach((h, i) => {
    if (!isCalendarDate(h.from) || !isCalendarDate(h.to)) return;
    const field = `holidays.${i}`;
    if (!inYear(h.from)) add(`${field}.from`, `放假起始日${dayInChinese(h.from)}不在${year}年内`);
    if (!inYear(h.to)) add(`${field}.to`, `放假结束日${dayInChinese(h.to)}不在${year}年内`);
    for (const f of new Set(h.festivals)) {
      if (!FESTIVALS[f]) continue;
      const earlier = festivalRun.get(f);
      if (earlier !== undefined) add(`${field}.festivals`, `${FESTIVALS[f].label}已在第${earlier + 1}段假期中`);
      else festivalRun.set(f, i);
    }
    if (h.to < h.from) {
      add(`${field}.to`, `放假结束日${dayInChinese(h.to)}早于起始日${dayInChinese(h.from)}`);
      return;
    }
    const days = daysBetween(h.from, h.to) + 1;
    if (days > LONGEST_RUN) add(`${field}.to`, `${festivalNames(h.festivals)}放假${days}天，超过${LONGEST_RUN}天，请核对`);
    if (new Set(h.festivals).size !== h.festivals.length) add(`${field}.festivals`, '同一段假期中节日重复');
    const statutory = [...new Set(h.festivals)].reduce((sum, f) => sum + (FESTIVALS[f]?.days ?? 0), 0);
    if (days < statutory) add(field, `${festivalNames(h.festivals)}依法放假${statutory}天，本段只有${days}天`);
    let overlapping: number | undefined;
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) {
      overlapping ??= restDays.get(d);
      if (!restDays.has(d)) restDays.set(d, i);
    }
    if (overlapping !== undefined) add(`${field}.from`, `与第${overlapping + 1}段假期（${festivalNames(n.holidays[overlapping].festivals)}）重叠`);
  });
  const missing = FESTIVAL_CODES.filter((f) => !festivalRun.has(f));
  if (missing.length) add('holidays', `缺少${missing.map((f) => `${FESTIVALS[f].label}（依法放假${FESTIVALS[f].days}天）`).join('、')}的放假安排`);

  const workdays = new Set<LocalDate>();
  n.workdays.forEach((d, i) => {
    if (!isCalendarDate(d)) return;
    const field = `workdays.${i}`;
    if (!inYear(d)) add(field, `调休上班日${dayInChinese(d)}不在${year}年内`);
    const w = weekday(d);
    if (w !== 0 && w !== 6) add(field, `${dayInChinese(d)}是星期${WEEKDAYS[w]}，调休上班日应为星期六或星期日`);
    const run = restDays.get(d);
    if (run !== undefined) add(field, `${dayInChinese(d)}在第${run + 1}段假期（${festivalNames(n.holidays[run].festivals)}）中，不能同时是调休上班日`);
    if (workdays.has(d)) add(field, `${dayInChinese(d)}重复`);
    workdays.add(d);
  });
  return errors;
}

/** The first problem of a notice, for a consumer refusing a record (undefined when it is sound). */
export function noticeProblem(n: HolidayNotice): string | undefined {
  const [field, messages] = Object.entries(checkHolidayNotice(n))[0] ?? [];
  return field ? `${field}: ${messages[0]}` : undefined;
}

/** The notice as a year of the work calendar: official. */
export function noticeYear(n: Pick<HolidayCalendarYearV1, 'title' | 'noticeNo' | 'holidays' | 'workdays'>): CalendarYear {
  return {
    status: 'official',
    source: `${n.title}（${n.noticeNo}）`,
    holidays: n.holidays.map((h) => (h.from === h.to ? h.from : `${h.from}/${h.to}`)),
    workdays: [...n.workdays],
  };
}

/** What the notice comes to, for the administrator's preview: each run of days off and its length, the make-up days' weekdays. */
export function noticeSummary(n: Pick<HolidayCalendarYearV1, 'holidays' | 'workdays'>) {
  const runs = n.holidays.map((h) => ({ festivals: festivalNames(h.festivals), from: h.from, to: h.to, days: h.to >= h.from ? daysBetween(h.from, h.to) + 1 : 0 }));
  return {
    runs,
    restDays: runs.reduce((sum, r) => sum + r.days, 0),
    workdays: n.workdays.map((d) => ({ date: d, weekday: isCalendarDate(d) ? `星期${WEEKDAYS[weekday(d)]}` : '' })),
  };
}
