// A published typical case must teach without pointing at a group: in a small county, the month, the exact headcount
// and amount and a narrow industry can name a known case (issue 17, item 11). What the library publishes is
// generalised: ranges instead of figures, the quarter instead of the day or month, a broader industry.
import type { Industry } from '@yuanlian/contracts';

/** Broader industries for publication (the statistics keep the fine ones). */
const INDUSTRY_GROUPS: Record<Industry, string> = {
  construction: '建筑业', manufacturing: '制造业', mining: '采矿业', agriculture: '农业', logistics: '交通运输业',
  catering: '服务业', property_management: '服务业', sanitation: '服务业', courier: '服务业', services: '服务业', other: '其他行业',
};
export const industryGroup = (i: Industry) => INDUSTRY_GROUPS[i] ?? '其他行业';

/** 1 → 1人; 2–9 → 2至9人; 10–29 → 10至29人; 30–99 → 30至99人; 100 and more → 100人以上. */
export function headcountRange(n: number): string {
  if (n <= 1) return '1人';
  if (n < 10) return '2至9人';
  if (n < 30) return '10至29人';
  if (n < 100) return '30至99人';
  return '100人以上';
}

const AMOUNT_BANDS: [number, string][] = [[10_000, '不足1万元'], [50_000, '1万至5万元'], [100_000, '5万至10万元'], [500_000, '10万至50万元'], [1_000_000, '50万至100万元']];
/** An amount in fen as its band: 不足1万元, 1万至5万元 … 100万元以上 (none when nothing). */
export function amountRange(fen: number): string | null {
  if (!fen) return null;
  const yuan = fen / 100;
  return AMOUNT_BANDS.find(([limit]) => yuan < limit)?.[1] ?? '100万元以上';
}

/** 38,640 → 3万余元; 5,600 → 数千元; 1,250,000 → 125万余元. */
function roughYuan(yuan: number): string {
  if (yuan < 1_000) return '数百元';
  if (yuan < 10_000) return '数千元';
  return `${Math.floor(yuan / 10_000)}万余元`;
}

/** 12 → 十余; 35 → 30余; 3 → 数. */
function roughCount(n: number): string {
  if (n < 2) return String(n);
  if (n < 10) return '数';
  if (n < 20) return '十余';
  return `${Math.floor(n / 10) * 10}余`;
}

const quarterOf = (month: number) => ['一', '二', '三', '四'][Math.floor((month - 1) / 3)];

/**
 * The text as published: amounts (38,640元, 3.86万元) rough (3万余元), headcounts (12名) rough (十余名), dates (2026年11月5日,
 * 2026年11月) as their quarter (2026年第四季度), and a day without a year (11月20日) as 其后.
 */
export function generalizeText(text: string): string {
  return text
    .replace(/(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万)?元/g, (_, whole: string, frac: string | undefined, wan: string | undefined) => {
      const value = Number(`${whole.replace(/,/g, '')}${frac ? `.${frac}` : ''}`) * (wan ? 10_000 : 1);
      return roughYuan(value);
    })
    .replace(/(\d+)\s*(名|人)/g, (_, n: string, unit: string) => `${roughCount(Number(n))}${unit}`)
    .replace(/(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/g, (_, y: string, m: string) => `${y}年第${quarterOf(Number(m))}季度`)
    .replace(/(\d{1,2})月(\d{1,2})日/g, '其后');
}
