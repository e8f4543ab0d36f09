// Generators for the property tests of personal-data detection: ID and phone numbers written every way a person
// could hide them, names with spaces inside and in traditional characters. Test-side tables, independent of the
// detector, also read what survives anonymisation.
import fc from 'fast-check';
import { makeResidentId } from './resident-id';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
export const residentId = fc
  .tuple(fc.constantFrom('360702', '360722', '360783', '110105', '440305', '650102'), fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 999 }))
  .map(([area, day, seq]) => makeResidentId(area, new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''), seq));
export const mobile = fc.tuple(fc.constantFrom('13', '14', '15', '16', '17', '18', '19'), digits(9)).map(([p, r]) => p + r);

// Ways to write one digit: zeros of other scripts (full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai,
// mathematical bold), Chinese numerals, capitals, 幺 for 1.
const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce];
const CHINESE = ['〇一二三四五六七八九', '零壹贰叁肆伍陆柒捌玖', '〇幺二三四五六七八九', '零壹貳參肆伍陸柒捌玖'];
// What may stand between two digits: white space of every kind, invisible characters, punctuation, a keycap mark.
const INVISIBLE = ['', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u202a', '\u2066', '\u180e', '\ufe0f', '\u20e3'];
const SEPARATORS = [...INVISIBLE, ' ', '   ', '\u00a0', '\u3000', '\t', '/', '_', '-', '—', '.', '·', '*', ' / '];
// List punctuation separates list items (第1、3、4号楼, [1,3,4]): a number split by it is found when split digit by digit
// or in groups (138，1234，5678).
const LISTS = [',', '，', '、', '；', ', '];

const digitForms = fc.constantFrom(...ZEROS.map((z) => (d: number) => String.fromCodePoint(z + d)), ...CHINESE.map((t) => (d: number) => t[d]));
const usualGroups = (value: string) => (value.length === 11 ? [3, 7] : [6, 14]);
/** A number written digit by digit in random forms with random separators; X written as x, X or Ｘ. */
export const obfuscated = (value: string) =>
  fc
    .record({
      forms: fc.array(digitForms, { minLength: value.length, maxLength: value.length }),
      separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: value.length, maxLength: value.length }),
      invisible: fc.array(fc.constantFrom(...INVISIBLE), { minLength: value.length, maxLength: value.length }),
      list: fc.constantFrom(...LISTS),
      lists: fc.constantFrom('none', 'each', 'groups'),
      x: fc.constantFrom('X', 'x', 'Ｘ'),
    })
    .map(({ forms, separators, invisible, list, lists, x }) =>
      [...value]
        .map((c, i) => {
          const separator =
            lists === 'each' ? list + separators[i]
            : lists === 'groups' ? (usualGroups(value).includes(i) ? list + separators[i] : invisible[i])
            : separators[i];
          return (i ? separator : '') + (c === 'X' ? x : forms[i](Number(c)));
        })
        .join(''),
    );

/** Test-side reading of every digit form above, to check what survives without trusting the detector. */
export function allDigits(text: string): string {
  let out = '';
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    const zero = ZEROS.find((z) => cp >= z && cp <= z + 9);
    if (zero !== undefined) out += String(cp - zero);
    else if (CHINESE.some((t) => t.includes(c))) out += String(CHINESE.find((t) => t.includes(c))!.indexOf(c));
    else if (/[Xx\uff38]/.test(c)) out += 'X';
  }
  return out;
}


// Simplified and traditional forms of characters common in names.
const SURNAMES = [['张', '張'], ['陈', '陳'], ['刘', '劉'], ['杨', '楊'], ['黄', '黃'], ['赵', '趙'], ['吴', '吳'], ['郑', '鄭'], ['谢', '謝'], ['罗', '羅'], ['邓', '鄧'], ['冯', '馮'], ['钟', '鍾'], ['叶', '葉'], ['苏', '蘇'], ['卢', '盧'], ['蒋', '蔣'], ['韩', '韓'], ['欧阳', '歐陽'], ['王', '王'], ['李', '李']];
const GIVEN = [['伟', '偉'], ['国', '國'], ['强', '強'], ['红', '紅'], ['丽', '麗'], ['军', '軍'], ['龙', '龍'], ['凤', '鳳'], ['兰', '蘭'], ['云', '雲'], ['华', '華'], ['东', '東'], ['飞', '飛'], ['杰', '傑'], ['涛', '濤'], ['晓', '曉'], ['鹏', '鵬'], ['辉', '輝'], ['刚', '剛'], ['宝', '寶'], ['明', '明'], ['芳', '芳']];
const TRADITIONAL = new Map([...SURNAMES, ...GIVEN].flatMap(([s, t]) => [...t].map((c, i) => [c, s[i]] as const)));
const SPACES = [' ', '  ', '\u00a0', '\u3000', '\t', '\u2009', '\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad'];

/** A name as [simplified, traditional] (surname and one or two given-name characters). */
export const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([surname, given]) => [surname[0] + given.map((g) => g[0]).join(''), surname[1] + given.map((g) => g[1]).join('')] as const);

/** A name written with each character simplified or traditional and white space or invisible characters between them. */
export const writtenName = ([simplified, traditional]: readonly [string, string]) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: simplified.length, maxLength: simplified.length }),
      fc.array(fc.option(fc.constantFrom(...SPACES), { freq: 2 }), { minLength: simplified.length, maxLength: simplified.length }),
    )
    .map(([useTraditional, spaces]) => [...simplified].map((c, i) => (i ? spaces[i] ?? '' : '') + (useTraditional[i] ? traditional[i] : c)).join(''));

/** Test-side reading of a text as simplified characters without white space or invisible characters. */
export const plainHan = (text: string) => [...text.replace(/[\s\u200b-\u200f\u2060\ufeff\u00ad]/g, '')].map((c) => TRADITIONAL.get(c) ?? c).join('');
