// Text as personal-data matching reads it. Whoever hides a number or a name in a published text or a log can write
// it in other digits, other forms of the same character or with invisible characters inside; matching the folded
// text finds it, and the way back to the original names the place and the span to replace.
import { Converter } from 'opencc-js/t2cn';

export interface NormalisedText {
  /**
   * The text folded for matching: Unicode compatibility forms (NFKD) with combining marks and invisible characters
   * (zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi marks…) dropped, every decimal digit of any
   * script as an ASCII digit, and traditional Chinese characters as simplified ones when asked for.
   */
  text: string;
  /** Where `text[from, to)` came from in the original (UTF-16 indices, `end` exclusive). */
  span(from: number, to: number): { index: number; end: number };
}

// Marks are dropped so that a precomposed and a decomposed accent fold alike (NFKD without marks), and so that a
// keycap or other mark between digits cannot keep them apart.
const DROPPED = /[\p{Default_Ignorable_Code_Point}\p{M}]/gu;
const DECIMAL = /^\p{Nd}$/u;
const NON_ASCII = /[^\x00-\x7f]/;

const isDecimal = (cp: number) => DECIMAL.test(String.fromCodePoint(cp));

// Unicode encodes every script's decimal digits as whole runs 0…9, so a digit's value is its place in its run.
function decimalValue(cp: number): number {
  let below = 0;
  while (isDecimal(cp - below - 1)) below++;
  return below % 10;
}

const folded = new Map<number, string>();
function fold(cp: number): string {
  let f = folded.get(cp);
  if (f === undefined) {
    f = '';
    for (const c of String.fromCodePoint(cp).normalize('NFKD').replace(DROPPED, '')) {
      const code = c.codePointAt(0)!;
      f += code > 0x7f && isDecimal(code) ? String(decimalValue(code)) : c;
    }
    folded.set(cp, f);
  }
  return f;
}

// Character by character (both the taiwanese and the Hong Kong variants), so that the text and a known name fold the
// same way whatever surrounds them and each character keeps its place.
let toSimplified: ((c: string) => string) | undefined;
const simplified = new Map<string, string>();
function simplify(c: string): string {
  let s = simplified.get(c);
  if (s === undefined) {
    if (!toSimplified) {
      const tw = Converter({ from: 'tw', to: 'cn' });
      const hk = Converter({ from: 'hk', to: 'cn' });
      toSimplified = (x) => hk(tw(x));
    }
    s = toSimplified(c);
    if ([...s].length !== 1) s = c;
    simplified.set(c, s);
  }
  return s;
}

const identity = (from: number, to: number) => ({ index: from, end: to });

/** The text folded for matching, with the way back to the original (see NormalisedText). */
export function normaliseText(original: string, options: { simplify?: boolean } = {}): NormalisedText {
  if (!NON_ASCII.test(original)) return { text: original, span: identity };
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    let out = cp <= 0x7f ? original[i] : fold(cp);
    if (options.simplify && cp >= 0x3400) out = [...out].map(simplify).join('');
    for (let k = 0; k < out.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    text += out;
    i += width;
  }
  return {
    text,
    span: (from, to) => {
      const index = from < starts.length ? starts[from] : original.length;
      return { index, end: to > from ? ends[to - 1] : index };
    },
  };
}
