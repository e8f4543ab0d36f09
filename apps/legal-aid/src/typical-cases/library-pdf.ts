import { AGENCY_TYPE_NAMES, MATTERS } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { chinaTime, chinesePdf } from '@yuanlian/runtime';
import type { libraryView } from './typical-cases.service';
import { TYPICAL_CASE_SECTIONS } from './typical-case.entity';

const NUMERALS = '一二三四五六七八九十';
const numeral = (n: number) => (n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11]}` : String(n));

/** The case library (or a search of it) as a booklet for publication (以案释法): one chapter per case. */
export function libraryPdf(cases: ReturnType<typeof libraryView>[], scope: string, generatedAt = new Date()): Promise<Buffer> {
  const { doc, heading, paragraph, title, finish, ensure } = chinesePdf('法援惠民生·助力农民工典型案例汇编');
  title('法援惠民生·助力农民工典型案例汇编', `${scope} · 共${cases.length}件 · 生成于 ${chinaTime(generatedAt)}`);
  if (!cases.length) paragraph('没有符合条件的已发布典型案例。');
  cases.forEach((c, i) => {
    if (i > 0) ensure(200);
    heading(`案例${numeral(i + 1)}　${c.title}`, 14);
    doc.fontSize(9).fillColor('#666').text(
      [c.divisionName, c.quarterLabel, MATTERS[c.matter], c.industryLabel, `涉及${c.workersRange}`,
        c.amountRecoveredRange ? `追回${c.amountRecoveredRange}` : null,
        c.agencies.length ? `协作：${c.agencies.map((a) => AGENCY_TYPE_NAMES[a as AgencyType] ?? a).join('、')}` : null].filter(Boolean).join(' · '),
    );
    doc.moveDown(0.4);
    for (const [key, label] of Object.entries(TYPICAL_CASE_SECTIONS)) {
      doc.fontSize(11.5).fillColor('#1d4f91').text(`【${label}】`);
      paragraph(c[key as keyof typeof TYPICAL_CASE_SECTIONS]);
    }
    if (c.keywords.length) doc.fontSize(9).fillColor('#666').text(`关键词：${c.keywords.join('、')}`);
    doc.moveDown(1);
  });
  return finish();
}
