// ID numbers and phone numbers however they are written: digits of any script or Chinese numerals, split by any
// run of spaces, punctuation or symbols. Works on text folded by normaliseText; used by the typical-case check and
// the scan of every service log, so it is one pass over the text and looks closer only at long runs of digits.
import { normaliseText } from './normalise';
import { isValidFirstGenerationResidentId, isValidResidentId } from './resident-id';

// Chinese numerals as digits (幺 is 1 when reading a phone number out), capitals in both forms.
const CHINESE_DIGITS: Record<string, string> = {
  '〇': '0', '○': '0', '零': '0',
  '一': '1', '幺': '1', '壹': '1',
  '二': '2', '贰': '2', '貳': '2',
  '三': '3', '叁': '3', '参': '3', '參': '3',
  '四': '4', '肆': '4',
  '五': '5', '伍': '5',
  '六': '6', '陆': '6', '陸': '6',
  '七': '7', '柒': '7',
  '八': '8', '捌': '8',
  '九': '9', '玖': '9',
};

const enum Kind { Digit, Letter, Separator, Break }
// A digit group touching a Latin letter is part of a code (UUID, hash, credit code), not a number. Currency, percent
// and JSON's quotes, brackets and `=` end a number: they are what keeps amounts and log fields apart.
const SEPARATOR = /^[\s\p{P}\p{S}\p{C}]$/u;
const BREAK = /^[\p{Sc}%‰‱"{}[\]=\\]$/u;
const classify = (c: string): Kind =>
  (c >= '0' && c <= '9') || c in CHINESE_DIGITS ? Kind.Digit
    : /^[A-Za-z]$/.test(c) ? Kind.Letter
    : BREAK.test(c) ? Kind.Break
    : SEPARATOR.test(c) ? Kind.Separator
    : Kind.Break;
// Every line of every log passes here: ASCII by table, the rest remembered.
const ASCII_KINDS = Array.from({ length: 128 }, (_, code) => classify(String.fromCharCode(code)));
const kinds = new Map<string, Kind>();
function kindOf(c: string): Kind {
  const code = c.charCodeAt(0);
  if (code < 128) return ASCII_KINDS[code];
  let k = kinds.get(c);
  if (k === undefined) kinds.set(c, (k = classify(c)));
  return k;
}
const JSON_ESCAPES = new Set(['t', 'n', 'r', 'b', 'f', '/']);
// A mask (138****5678) hides digits: what it separates are two numbers, not one.
const MASK_CHARS = /[*×●•]{2}/;

/** Digits written together in one script, and the separators before them. */
interface Group {
  start: number;
  digits: string;
  chinese: boolean;
  separator: string;
}

const alphanumeric = (c: string | undefined) => c !== undefined && (kindOf(c) === Kind.Letter || kindOf(c) === Kind.Digit);

/** Digit groups that read as one number: their digits, and where each digit stands in the folded text. */
export interface DigitRun {
  digits: string;
  /** Index in the folded text of each of `digits` (an ID number's X included). */
  at: number[];
  groups: Group[];
}

/** Runs of digits in folded text (see normaliseText), with at least `minDigits` digits. */
export function digitRuns(text: string, minDigits = 1): DigitRun[] {
  const runs: DigitRun[] = [];
  let groups: Group[] = [];
  let group: Group | null = null;
  let gap = '';
  let tainted = false;
  let count = 0;
  // Groups joined by single hyphens to letters are one identifier (a UUID, a trace id), even where a part is all digits.
  let chainStart = 0;
  let afterWord = false;
  const endRun = () => {
    if (count >= minDigits && groups.length) runs.push(runOf(groups));
    groups = [];
    count = 0;
    gap = '';
    chainStart = 0;
  };
  const endGroup = (next: Kind | null) => {
    if (!group) return;
    if (tainted || next === Kind.Letter) {
      if (group.separator === '-') groups.splice(chainStart);
      endRun();
      afterWord = true;
    } else {
      groups.push(group);
      count += group.digits.length;
      afterWord = false;
    }
    group = null;
    tainted = false;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const c = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : text[i];
    const kind = code < 128 ? ASCII_KINDS[code] : kindOf(c);
    if (kind === Kind.Digit) {
      const chinese = code > 0x39;
      if (group && group.chinese !== chinese) endGroup(Kind.Digit);
      if (!group) {
        if (gap && MASK_CHARS.test(gap)) endRun();
        tainted = (i > 0 && kindOf(text[i - 1]) === Kind.Letter && text[i - 2] !== '\\') || (gap === '-' && afterWord);
        if (gap !== '-') chainStart = groups.length;
        group = { start: i, digits: '', chinese, separator: gap };
        gap = '';
      }
      group.digits += chinese ? CHINESE_DIGITS[c] : c;
    } else if ((c === 'X' || c === 'x') && (group || count >= 17) && !alphanumeric(text[i + 1])) {
      // An ID number's check character ends the number.
      if (group) {
        group.digits += 'X';
        endGroup(null);
      } else {
        groups.push({ start: i, digits: 'X', chinese: false, separator: gap });
        count++;
      }
      endRun();
    } else if (c === '\\' && JSON_ESCAPES.has(text[i + 1])) {
      // A tab or line break inside a logged JSON string is written \t, \n…: still only a separator.
      endGroup(Kind.Separator);
      gap += text.slice(i, i + 2);
      i += 2;
      continue;
    } else {
      endGroup(kind);
      if (kind === Kind.Separator) gap += c;
      else {
        if (kind === Kind.Letter && groups.length && gap === '-') groups.splice(chainStart);
        endRun();
        afterWord = kind === Kind.Letter;
      }
    }
    i += c.length;
  }
  endGroup(null);
  endRun();
  return runs;
}

function runOf(groups: Group[]): DigitRun {
  let digits = '';
  const at: number[] = [];
  for (const g of groups) {
    digits += g.digits;
    for (let k = 0; k < g.digits.length; k++) at.push(g.start + k);
  }
  return { digits, at, groups };
}

export type NumberKind = 'id_number' | 'mobile' | 'landline' | 'long_number';
/** A number found in a run: its kind and its digits `[from, to)` in the run. */
export interface NumberInRun {
  kind: NumberKind;
  from: number;
  to: number;
}

const TRUNK_PREFIXES = new Set(['0', '86', '086', '0086']);

/**
 * Where in a run a number may begin and end: at the edges of its groups, never inside an amount (13,520.50 and
 * 1,640 in a list of amounts are two numbers, not a phone number across them).
 */
function edges(run: DigitRun): { starts: Set<number>; ends: Set<number> } {
  const starts = new Set<number>();
  const ends = new Set<number>();
  let offset = 0;
  run.groups.forEach((g, k) => {
    const prev = run.groups[k - 1]?.digits.length ?? 4;
    const thousands = g.separator === ',' && g.digits.length === 3 && prev <= 3;
    const decimals = g.separator === '.' && g.digits.length <= 2 && prev <= 3;
    if (!thousands && !decimals) {
      // After a bare point come a number's decimals (a duration of 36377.13000001531 ms), never a new number.
      if (g.separator !== '.' || k === 0) starts.add(offset);
      if (k > 0) ends.add(offset);
    }
    offset += g.digits.length;
  });
  ends.add(offset);
  return { starts, ends };
}

const YEAR = /^(?:19|20)\d\d$/;
const LIST_SEPARATOR = /[,;、]/;

/**
 * Whether `length` digits from digit `p` of group `k` on read as one number. Split by list punctuation (the
 * partitions [1,3,4,10,11,12,13] of a log, 第1、3、4、10…号楼) they do only when split digit by digit or in groups of
 * three or more (138，1234，5678) — and groups all of one width only when they are the whole list: a few of the bytes
 * of a key, [115, 116, 121, 118, 111, 116, 119, 102], are not a number. In text a program wrote (`decimals`) a list
 * is a list: its numbers are read across its commas only when they are the whole of it (offsets [13812, 138123,
 * 45678, 5678] hold no phone number).
 */
function writtenAsOne(groups: Group[], k: number, p: number, length: number, decimals: boolean): boolean {
  const first = k;
  const sizes = [groups[k].digits.length - p];
  const separators: string[] = [];
  for (let total = sizes[0]; total < length; total += groups[k].digits.length) {
    const g = groups[++k];
    // Digits written together in two scripts (幺三八1234) are one group.
    if (g.separator) {
      sizes.push(g.digits.length);
      separators.push(g.separator);
    } else sizes[sizes.length - 1] += g.digits.length;
  }
  if (decimals && separators.length === 1 && separators[0] === '.') return false;
  if (!separators.some((x) => LIST_SEPARATOR.test(x)) || sizes.every((n) => n === 1)) return true;
  if (!sizes.every((n) => n >= 3)) return false;
  const wholeList = first === 0 && p === 0 && k === groups.length - 1;
  if (decimals) {
    const listBefore = p === 0 && first > 0 && LIST_SEPARATOR.test(groups[first].separator);
    const listAfter = k + 1 < groups.length && LIST_SEPARATOR.test(groups[k + 1].separator);
    if (listBefore || listAfter) return false;
  }
  return wholeList || sizes.some((n) => n !== sizes[0]);
}

/**
 * Where in a run a number of `length` digits may stand: from the start of a group (or after a trunk prefix in it)
 * to the end of a group, or, when `inGroup`, anywhere inside one group.
 */
function placesFor(run: DigitRun, length: number, options: { inGroup?: boolean; prefixes?: Set<string>; decimals: boolean }): number[] {
  const { starts, ends } = edges(run);
  const places: number[] = [];
  let groupStart = 0;
  run.groups.forEach((g, k) => {
    for (let p = 0; p < g.digits.length && groupStart + p + length <= run.digits.length; p++) {
      const s = groupStart + p;
      const inside = p + length <= g.digits.length;
      if (inside && options.inGroup) places.push(s);
      else {
        const begins = starts.has(groupStart) && (p === 0 || options.prefixes?.has(g.digits.slice(0, p)));
        if (begins && ends.has(s + length) && (inside || writtenAsOne(run.groups, k, p, length, options.decimals))) places.push(s);
      }
    }
    groupStart += g.digits.length;
  });
  return places;
}

/**
 * Digits of dates and times written with separators (2026-11-13 13:05, 2026/1/5, 13:45:20): no ID or phone number
 * begins, ends or passes through them.
 */
function dateAndTimeDigits(groups: Group[]): boolean[] {
  const marks: boolean[] = [];
  const values = groups.map((g) => Number(g.digits));
  const is = (k: number, test: (g: Group, v: number) => boolean) => k < groups.length && test(groups[k], values[k]);
  let k = 0;
  while (k < groups.length) {
    let n = 0;
    const sep = groups[k + 1]?.separator;
    const month = (g: Group, v: number) => g.digits.length <= 2 && v >= 1 && v <= 12;
    const day = (g: Group, v: number) => g.separator === sep && g.digits.length <= 2 && v >= 1 && v <= 31;
    if (YEAR.test(groups[k].digits) && ['-', '/', '.'].includes(sep) && is(k + 1, month) && is(k + 2, day)) n = 3;
    const time = (at: number) => is(at, (g, v) => g.digits.length <= 2 && v <= 23) && is(at + 1, (g, v) => g.separator === ':' && g.digits.length === 2 && v <= 59);
    if (time(k + n)) {
      n += 2;
      if (is(k + n, (g, v) => g.separator === ':' && g.digits.length === 2 && v <= 59)) n++;
    }
    for (const g of groups.slice(k, k + Math.max(n, 1))) marks.push(...Array<boolean>(g.digits.length).fill(n > 0));
    k += Math.max(n, 1);
  }
  return marks;
}

const LIGHT_SEPARATOR = /^[\s\p{Pd}_./]*$/u;

/**
 * ID numbers (valid check character; a first-generation one of 15 digits by its area and birth date), mobile and
 * landline numbers and other long numbers in a run. In text a program wrote (`decimals`), one point between two groups
 * is a decimal point (a duration of 13002.280883 ms); a person may write 138.12345678.
 */
export function numbersIn(run: DigitRun, options: { decimals?: boolean } = {}): NumberInRun[] {
  const decimals = options.decimals ?? false;
  const d = run.digits;
  const out: NumberInRun[] = [];
  const taken = (from: number, to: number) => out.some((n) => from < n.to && n.from < to);
  const dates = dateAndTimeDigits(run.groups);
  const clear = (from: number, to: number) => !taken(from, to) && !dates.slice(from, to).includes(true);
  for (const s of placesFor(run, 18, { inGroup: true, decimals })) {
    if (clear(s, s + 18) && isValidResidentId(d.slice(s, s + 18))) out.push({ kind: 'id_number', from: s, to: s + 18 });
  }
  for (const s of placesFor(run, 11, { prefixes: TRUNK_PREFIXES, decimals })) {
    if (/^1[3-9]\d{9}$/.test(d.slice(s, s + 11)) && clear(s, s + 11)) out.push({ kind: 'mobile', from: s, to: s + 11 });
  }
  // A first-generation ID number stands alone (never a part of a longer group); after the mobiles, so that a phone
  // followed by four digits stays a phone.
  for (const s of placesFor(run, 15, { decimals })) {
    if (clear(s, s + 15) && isValidFirstGenerationResidentId(d.slice(s, s + 15))) out.push({ kind: 'id_number', from: s, to: s + 15 });
  }
  if (!out.length && /^0\d{9,11}$/.test(d) && run.groups[0].digits.length >= 3) out.push({ kind: 'landline', from: 0, to: d.length });
  // Card and other long numbers: digits split only by spaces, dashes, dots or slashes, and no date or time.
  const heavy = new Set<number>();
  let offset = 0;
  for (const g of run.groups) {
    if (offset && !LIGHT_SEPARATOR.test(g.separator)) heavy.add(offset);
    offset += g.digits.length;
  }
  for (let from = 0, to = 0; to <= d.length; to++) {
    if (to === d.length || dates[to] || heavy.has(to)) {
      if (to - from >= 15 && clear(from, to)) out.push({ kind: 'long_number', from, to });
      from = dates[to] ? to + 1 : to;
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Raw ID numbers (valid GB 11643 check character; first-generation 15-digit ones by area and birth date) and mobile
 * numbers in a text, however written (other digits, Chinese numerals, any separators, invisible characters) — for
 * scanning logs. Dates, amounts, UUIDs, hashes, timestamps and decimal numbers are not taken for either.
 */
export function findPersonalNumbers(text: string): { idNumbers: string[]; phones: string[] } {
  const idNumbers: string[] = [];
  const phones: string[] = [];
  for (const run of digitRuns(normaliseText(text).text, 11)) {
    for (const n of numbersIn(run, { decimals: true })) {
      if (n.kind === 'id_number') idNumbers.push(run.digits.slice(n.from, n.to));
      else if (n.kind === 'mobile') phones.push(run.digits.slice(n.from, n.to));
    }
  }
  return { idNumbers, phones };
}
