import { addDays, LocalDate } from './dates';

/** A reporting period: a quarter (`2026-Q4`), a month (`2026-11`) or a year (`2026`), as local days. */
export interface Period {
  label: string;
  from: LocalDate;
  /** Exclusive. */
  to: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-Q4`, `2026-11` or `2026` → the period's days; null when the text is none of those. */
export function periodOf(text: string): Period | null {
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const q = Number(m[2]);
    const from = `${m[1]}-${pad(q * 3 - 2)}-01`;
    const to = q === 4 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${pad(q * 3 + 1)}-01`;
    return { label: `${m[1]}年第${'一二三四'[q - 1]}季度`, from, to };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    const to = month === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${pad(month + 1)}-01`;
    return { label: `${m[1]}年${month}月`, from: `${m[1]}-${m[2]}-01`, to };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return { label: `${m[1]}年`, from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  return null;
}

/** The quarter a day falls in, e.g. `2026-Q4`. */
export function quarterOf(day: LocalDate): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before (or, with a positive step, after) the given one. */
export function shiftQuarter(quarter: string, step = -1): string {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const i = y * 4 + (q - 1) + step;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}

/** The last day of a quarter. */
export function quarterEnd(quarter: string): LocalDate {
  return addDays(periodOf(quarter)!.to, -1);
}
