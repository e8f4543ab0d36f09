// Personal data in free text meant for publication (typical cases, 以案释法): finding it and taking it out.
// Pure functions (no Node APIs); the legal aid service drafts and checks every save with them, and the portal's
// editor shows what they find.
import { GANZHOU_COUNTIES, GANZHOU_ZONES } from './divisions';
import { normaliseText } from './normalise';
import { digitRuns, numbersIn } from './personal-numbers';

/** What a case itself knows is personal: its worker, lawyer, employer, project. */
export interface KnownPersonalData {
  /** People: the worker, the lawyer, anyone else named in the file. */
  names?: string[];
  idNumbers?: string[];
  phones?: string[];
  /** Employers and other organisations that would identify the worker. */
  organisations?: string[];
  creditCodes?: string[];
  /** Exact addresses (a site's address). */
  addresses?: string[];
  /** Project or site names. */
  places?: string[];
}

/** What a number, code or e-mail address becomes in a published text. */
export const MASK = '×××';

export const FINDING_KINDS = {
  id_number: '身份证号码',
  phone: '电话号码',
  long_number: '长数字串（证件号或银行卡号）',
  credit_code: '统一社会信用代码',
  email: '电子邮箱',
  name: '姓名',
  organisation: '单位名称',
  address: '详细地址',
  place: '项目名称',
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  kind: FindingKind;
  /** Where in the text (UTF-16 index) and what. */
  index: number;
  text: string;
  /**
   * Known values and number shapes are certain (a save is refused); addresses and names found by their shape
   * (路…号, 包工头李某某) may be ordinary words and are shown to the editor as warnings.
   */
  certain: boolean;
}

const CONTACT_WORD = /(电话|手机|联系|微信|QQ|qq|号码|热线|座机)[^0-9]{0,6}$/;
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const NUM = '[0-9一二三四五六七八九十百零〇]+';
const NOT_FUNCTION_WORD = '(?![在于到至向从的了和与及是为位将把被对由])';
const HAN = `(?:${NOT_FUNCTION_WORD}[\\u4e00-\\u9fa5])`;
const ADDRESS = new RegExp(
  [
    // 红旗大道88号3栋2单元501室
    `${HAN}{1,8}(?:路|街|大道|大街|巷|弄|胡同)${NUM}号(?:(?:之|附)?${NUM}(?:栋|幢|号楼|单元|楼|层|室|号))*`,
    // 3栋2单元501室, 5号楼
    `${NUM}(?:栋|幢|号楼)(?:${NUM}(?:单元|楼|层|室|号))*`,
    // 沙河村三组
    `${HAN}{1,6}村${NUM}组`,
  ].join('|'),
  'g',
);

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '钟离'];
// Common surnames, less those that mostly begin ordinary words after a role (付款, 任何, 于是, 金额, 余额…).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺顾郝龚邵覃戴莫孔汤赖凌练古幸';
// Someone named in the file by their role: 包工头李某某, 项目经理张某.
const ROLE_NAME = new RegExp(
  `(?:包工头|老板|经理|负责人|班组长|工头|法定代表人|法人|项目经理|证人|工友|同事|妻子|丈夫|儿子|女儿|父亲|母亲|姓名[:：]?)((?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])[\\u4e00-\\u9fa5]{1,2})`,
  'g',
);

// Known values and shapes are matched in the folded text (see normaliseText): other digits, full-width and
// traditional forms and invisible characters read as what they show.
const folded = (text: string) => normaliseText(text, { simplify: true });

/** People a text names by their role (包工头李国强, 包工頭李國強 → 李国强): once named so, a case's file names them anywhere. */
export function namesByRole(text: string): string[] {
  return [...new Set([...folded(text).text.matchAll(ROLE_NAME)].map((m) => m[1]).filter((n) => !n.includes('某')))];
}

/** Surname of a Chinese name (compound surnames included). */
export function surnameOf(name: string): string {
  return COMPOUND_SURNAMES.find((s) => name.startsWith(s)) ?? name.slice(0, 1);
}

const REGION_PREFIX = new RegExp(
  `^(?:江西省|江西|赣州市|赣州|${[...GANZHOU_COUNTIES, ...GANZHOU_ZONES].flatMap((a) => [a.name, a.name.slice(0, -1)]).filter((n) => n.length >= 2).join('|')})+`,
);
const ORG_SUFFIX =
  /(?:有限责任公司|股份有限公司|有限公司|分公司|集团|公司|项目部|厂|店|合作社|建筑|建设|工程|劳务|实业|房地产开发|房地产|置业|科技|服装|电子|制衣|鞋业|物流|贸易|投资|发展|餐饮|物业|服务|管理|（[^）]*）|\([^)]*\))$/;

/** The distinctive part of an organisation's name (赣州宏达建筑工程有限公司 → 宏达), or null when too short to use. */
export function organisationCore(name: string): string | null {
  let core = name.trim().replace(REGION_PREFIX, '');
  for (let prev = ''; prev !== core; ) {
    prev = core;
    core = core.replace(ORG_SUFFIX, '');
  }
  return core.length >= 2 ? core : null;
}

interface Needle {
  kind: FindingKind;
  /** Folded, without white space. */
  value: string;
  replacement: string;
}

/** Words that follow a surname without being a given name (温律师, 李师傅): never searched for on their own. */
const TITLES = new Set(['律师', '师傅', '老板', '经理', '主任', '同志', '先生', '女士', '老师', '会计', '工人', '老板娘', '工头', '班长']);

/** Each known value, and the shorter forms it is written in (a given name alone, a company's brand). */
function needles(known: KnownPersonalData): Needle[] {
  const out: Needle[] = [];
  const add = (kind: FindingKind, value: string | null | undefined, replacement: string) => {
    const v = value ? folded(value).text.replace(/\s+/g, '') : '';
    if (v.length >= 2) out.push({ kind, value: v, replacement });
  };
  for (const raw of known.names ?? []) {
    const name = folded(raw).text.replace(/\s+/g, '');
    const surname = surnameOf(name);
    add('name', name, `${surname}某`);
    const given = name.slice(surname.length);
    if (given.length >= 2 && !TITLES.has(given)) add('name', given, `${surname}某`);
  }
  for (const raw of known.organisations ?? []) {
    const org = folded(raw).text.trim();
    add('organisation', org, /公司$/.test(org) ? '某公司' : '某单位');
    add('organisation', organisationCore(org), '某');
  }
  for (const a of known.addresses ?? []) add('address', a, '某地');
  for (const p of known.places ?? []) add('place', p, '某项目');
  for (const id of known.idNumbers ?? []) add('id_number', id, MASK);
  for (const p of known.phones ?? []) add('phone', p, MASK);
  for (const c of known.creditCodes ?? []) add('credit_code', c, MASK);
  // Longest first: the full name before the brand inside it.
  return out.sort((a, b) => b.value.length - a.value.length);
}

interface Span extends Finding {
  end: number;
  replacement: string;
}

const NUMBER_KINDS = { id_number: 'id_number', mobile: 'phone', landline: 'phone', long_number: 'long_number' } as const;
const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function spans(text: string, known: KnownPersonalData): Span[] {
  const n = folded(text);
  const s = n.text;
  const found: Span[] = [];
  const push = (kind: FindingKind, from: number, to: number, replacement: string, certain = true) => {
    const { index, end } = n.span(from, to);
    found.push({ kind, index, end, text: text.slice(index, end), replacement, certain });
  };

  const all = needles(known);
  // Known values with any white space inside (张 伟); known numbers also in any run of digits that holds their digits.
  for (const needle of all) {
    const pattern = new RegExp([...needle.value].map(escapeRegExp).join('\\s*'), 'giu');
    for (const m of s.matchAll(pattern)) push(needle.kind, m.index!, m.index! + m[0].length, needle.replacement);
  }
  const knownNumbers = all
    .filter((x) => x.kind === 'id_number' || x.kind === 'phone')
    .map((x) => ({ ...x, digits: x.value.toUpperCase().replace(/[^0-9X]/g, '') }))
    .filter((x) => x.digits.length >= 7);
  for (const run of digitRuns(s, 7)) {
    const d = run.digits;
    const at = (from: number, to: number) => [run.at[from], run.at[to - 1] + 1] as const;
    for (const k of knownNumbers) for (let i = d.indexOf(k.digits); i >= 0; i = d.indexOf(k.digits, i + 1)) push(k.kind, ...at(i, i + k.digits.length), k.replacement);
    const numbers = numbersIn(run);
    for (const x of numbers) push(NUMBER_KINDS[x.kind], ...at(x.from, x.to), MASK);
    const start = run.at[0];
    if (!numbers.length && CONTACT_WORD.test(s.slice(Math.max(0, start - 12), start))) push('phone', ...at(0, d.length), MASK);
  }
  for (const m of s.matchAll(CREDIT_CODE)) if (/[A-Za-z]/.test(m[0])) push('credit_code', m.index!, m.index! + m[0].length, MASK);
  for (const m of s.matchAll(EMAIL)) push('email', m.index!, m.index! + m[0].length, MASK);
  for (const m of s.matchAll(ADDRESS)) push('address', m.index!, m.index! + m[0].length, '某地', false);
  for (const m of s.matchAll(ROLE_NAME)) {
    const start = m.index! + m[0].length - m[1].length;
    if (!m[1].includes('某')) push('name', start, start + m[1].length, `${surnameOf(m[1])}某`, false);
  }
  // Overlapping spans become one, replaced as its certain part says (a known address inside a shape-found one).
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: Span[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (!last || f.index >= last.end) {
      kept.push(f);
      continue;
    }
    const head = !last.certain && f.certain ? f : last;
    kept[kept.length - 1] = { ...head, index: last.index, end: Math.max(last.end, f.end), certain: last.certain || f.certain, text: text.slice(last.index, Math.max(last.end, f.end)) };
  }
  return kept;
}

/** Personal data left in a text: known values of the case and anything shaped like an ID, phone, address… */
export function scanPersonalData(text: string, known: KnownPersonalData = {}): Finding[] {
  return spans(text, known).map(({ kind, index, text: t, certain }) => ({ kind, index, text: t, certain }));
}

/** A finding as the editor reads it: 第12字处有身份证号码“3607…”. */
export function describeFinding(f: Finding): string {
  const shown = f.kind === 'name' || f.kind === 'organisation' || f.kind === 'place' || f.kind === 'address' ? f.text : `${f.text.slice(0, 3)}…`;
  return `第${f.index + 1}字处${f.certain ? '有' : '疑似'}${FINDING_KINDS[f.kind]}“${shown}”`;
}

/** The text with every finding replaced (王大明 → 王某, an ID or phone number → ×××, an address → 某地). */
export function anonymise(text: string, known: KnownPersonalData = {}): string {
  let out = text;
  // Up to a few passes: a replacement can make a neighbour's pattern complete differently; stop when clean.
  for (let pass = 0; pass < 3; pass++) {
    const found = spans(out, known);
    if (!found.length) break;
    let next = '';
    let at = 0;
    for (const f of found) {
      next += out.slice(at, f.index) + f.replacement;
      at = f.end;
    }
    out = next + out.slice(at);
  }
  return out;
}
