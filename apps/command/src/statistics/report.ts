import { csvCell } from '@yuanlian/runtime';
import ExcelJS from 'exceljs';
import { AGENCY_TYPE_NAMES, CHANNELS, MATTERS, RECEIVING_AGENCY_TYPES } from '@yuanlian/contracts';
import { chinaTime, chinesePdf } from '@yuanlian/runtime';
import { addColumnCharts } from './xlsx-chart';
import { CLOCK_LABELS } from './statistics.service';
import type { Figures, Procedures, TypicalCaseRow } from './statistics.service';

/** What a group of intake offices took in (the demonstration windows, or every other office). */
export interface Intake {
  offices: number; applications: number; greenChannel: number; acceptedFirst: number; granted: number; amountClaimedFen: number; workersServed: number;
}

/** What `StatisticsService.figures` returns (the part the reports use). */
export interface Report {
  periodLabel: string;
  scope: string;
  counties: (Figures & { divisionCode: string; divisionName: string; demonstrationSite: boolean })[];
  total: Figures;
  demonstration: { sites: Figures; rest: Figures; windows: Intake; otherOffices: Intake };
  /** The typical cases sent for the quarters the period covers. */
  typicalCases: TypicalCaseRow[];
}

const AGENCIES = RECEIVING_AGENCY_TYPES;
const LEVELS = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' } as const;
const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (r: number | null | undefined, none = '—') => (r === null || r === undefined ? none : `${(r * 100).toFixed(1)}%`);


/** The procedures beyond referrals, as columns: refusals and objections at legal aid, determinations, crime transfers, construction remedies. */
export const PROCEDURE_COLUMNS: [string, keyof Procedures][] = [
  ['不予法律援助', 'refused'], ['终止法律援助', 'terminated'], ['异议', 'objections'], ['异议责令改正', 'objectionsCorrected'],
  ['工伤认定决定', 'injuryDeterminations'], ['认定工伤', 'injuriesRecognized'], ['移送公安机关', 'crimeTransfers'], ['移送涉案金额（元）', 'crimeTransferFen'],
  ['责令总包先行清偿', 'contractorOrders'], ['建设单位垫付', 'builderAdvances'], ['动用工资保证金', 'depositDraws'], ['垫付及保证金支付（元）', 'constructionPaidFen'],
];

/** The county table and its total as CSV (UTF-8 with BOM so that Excel reads the Chinese). */
export function countiesCsv(r: Pick<Report, 'counties' | 'total'>): string {
  const rows = [...r.counties, { ...r.total, divisionName: '合计', demonstrationSite: false }];
  const header = [
    '县（市、区）', '示范点', '申请件数', ...Object.values(CHANNELS), '欠薪', '工伤', '绿色通道', '先行受理', '决定援助', '服务劳动者人数', '主张金额（元）', '追回金额（元）',
    ...AGENCIES.flatMap((a) => [`${AGENCY_TYPE_NAMES[a]}接收`, `${AGENCY_TYPE_NAMES[a]}受理`, `${AGENCY_TYPE_NAMES[a]}受理率`]),
    ...PROCEDURE_COLUMNS.map(([label]) => label),
    '预警', '红色预警', '橙色预警', '签收中位用时（分钟）', '典型案例报送', '按时报送', '入库发布',
  ];
  const lines = rows.map((c) => [
    c.divisionName, c.demonstrationSite ? '是' : '否', c.applications, ...Object.keys(CHANNELS).map((k) => c.byChannel[k] ?? 0), c.byMatter.wage_arrears ?? 0,
    c.byMatter.work_injury ?? 0, c.greenChannel, c.acceptedFirst, c.granted, c.workersServed, yuan(c.amountClaimedFen).toFixed(2), yuan(c.amountRecoveredFen).toFixed(2),
    ...AGENCIES.flatMap((a) => [c.referrals[a]?.received ?? 0, c.referrals[a]?.accepted ?? 0, pct(c.referrals[a]?.acceptanceRate, '')]),
    ...PROCEDURE_COLUMNS.map(([, key]) => (key.endsWith('Fen') ? yuan(c.procedures[key]).toFixed(2) : c.procedures[key])),
    c.alerts.raised, c.alerts.byLevel.red ?? 0, c.alerts.byLevel.orange ?? 0,
    // Minutes to one decimal, as the report's other figures (not 0.019833333333333335).
    c.alerts.medianMinutesToAcknowledge === null ? '' : Math.round(c.alerts.medianMinutesToAcknowledge * 10) / 10,
    c.typicalCases.sent, c.typicalCases.onTime, c.typicalCases.published,
  ]);
  return '\ufeff' + [header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** The report as a workbook: summary, charts (native, drawn from the county and alert sheets), counties, referrals, alerts, typical cases. */
export async function reportXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '援联';
  wb.created = new Date();
  const title = `${r.scope}${r.periodLabel}农民工法律援助统计报告`;
  const sheet = (name: string, header: string[], rows: (string | number)[][], widths: number[] = []) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow(header).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    header.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? (i === 0 ? 22 : 12)));
    return ws;
  };
  const t = r.total;
  // Intake figures also for the demonstration windows against every other office ('' where a figure is the county's).
  const d = r.demonstration;
  const w = (k: keyof Intake, f: (n: number) => number = (n) => n) => [f(d.windows[k]), f(d.otherOffices[k])];
  sheet('汇总', ['指标', r.scope, '示范点', '其他县区', '示范窗口受理', '其他受理点'], [
    ['申请件数', t.applications, d.sites.applications, d.rest.applications, ...w('applications')],
    ['服务劳动者（人）', t.workersServed, d.sites.workersServed, d.rest.workersServed, ...w('workersServed')],
    ['绿色通道', t.greenChannel, d.sites.greenChannel, d.rest.greenChannel, ...w('greenChannel')],
    ['先行受理', t.acceptedFirst, d.sites.acceptedFirst, d.rest.acceptedFirst, ...w('acceptedFirst')],
    ['决定给予法律援助', t.granted, d.sites.granted, d.rest.granted, ...w('granted')],
    ['主张金额（元）', yuan(t.amountClaimedFen), yuan(d.sites.amountClaimedFen), yuan(d.rest.amountClaimedFen), ...w('amountClaimedFen', yuan)],
    ['追回金额（元）', yuan(t.amountRecoveredFen), yuan(d.sites.amountRecoveredFen), yuan(d.rest.amountRecoveredFen), '', ''],
    ['异地协作移入', t.transfersIn, d.sites.transfersIn, d.rest.transfersIn, '', ''],
    ['异地协作移出', t.transfersOut, d.sites.transfersOut, d.rest.transfersOut, '', ''],
    ['预警（条）', t.alerts.raised, d.sites.alerts.raised, d.rest.alerts.raised, '', ''],
    ['典型案例报送（件）', t.typicalCases.sent, d.sites.typicalCases.sent, d.rest.typicalCases.sent, '', ''],
    ['其中按时报送', t.typicalCases.onTime, d.sites.typicalCases.onTime, d.rest.typicalCases.onTime, '', ''],
    ['典型案例入库发布', t.typicalCases.published, d.sites.typicalCases.published, d.rest.typicalCases.published, '', ''],
  ], [26, 14, 14, 14, 14, 14]);
  const charts = wb.addWorksheet('图表');
  charts.addRow([title]).font = { bold: true, size: 13 };
  charts.addRow(['以下图表取自“县区”“预警”工作表，修改数据后图表随之更新。']).font = { color: { argb: 'FF666666' } };
  const countyHeader = ['县（市、区）', '示范点', '申请件数', ...Object.values(CHANNELS), ...Object.values(MATTERS), '绿色通道', '先行受理', '服务劳动者', '主张金额（元）', '追回金额（元）'];
  sheet('县区', countyHeader,
    r.counties.map((c) => [c.divisionName, c.demonstrationSite ? '是' : '否', c.applications, ...Object.keys(CHANNELS).map((k) => c.byChannel[k] ?? 0),
      ...Object.keys(MATTERS).map((k) => c.byMatter[k] ?? 0), c.greenChannel, c.acceptedFirst, c.workersServed, yuan(c.amountClaimedFen), yuan(c.amountRecoveredFen)]));
  sheet('转介办理', ['县（市、区）', '接收机构', '接收', '受理', '不予受理', '受理率', '办结', '按期（各期限）'],
    r.counties.flatMap((c) => AGENCIES.filter((a) => c.referrals[a]).map((a) => {
      const x = c.referrals[a];
      return [c.divisionName, AGENCY_TYPE_NAMES[a], x.received, x.accepted, x.declined, pct(x.acceptanceRate), x.resolved,
        Object.entries(x.clocks).map(([rule, k]) => `${CLOCK_LABELS[rule] ?? rule}：${k.onTime}/${k.stopped}`).join('；')];
    })), [16, 18, 8, 8, 10, 10, 8, 48]);
  sheet('预警', ['县（市、区）', '预警（条）', ...Object.values(LEVELS), '已签收', '签收中位用时（分钟）'],
    r.counties.map((c) => [c.divisionName, c.alerts.raised, ...Object.keys(LEVELS).map((l) => c.alerts.byLevel[l] ?? 0), c.alerts.acknowledged,
      c.alerts.medianMinutesToAcknowledge === null ? '—' : Math.round(c.alerts.medianMinutesToAcknowledge)]));
  sheet('典型案例', ['县（市、区）', '季度', '标题', '报送日期', '截止日期', '按时', '入库发布'],
    r.typicalCases.map((c) => [c.divisionName, c.quarterLabel, c.title, c.sentOn, c.dueOn, c.onTime ? '是' : '否（逾期）', c.publishedOn ?? '审核中']),
    [16, 16, 48, 12, 12, 10, 12]);
  const names = r.counties.map((c) => c.divisionName);
  const county = (header: string) => ({ sheet: '县区', categoryColumn: 'A', valueColumn: column(countyHeader.indexOf(header)), headerRow: 2 });
  return addColumnCharts(Buffer.from(await wb.xlsx.writeBuffer()), [
    { title: '各县（市、区）申请件数', seriesName: '申请件数', onSheet: '图表', anchor: [0, 3, 12, 23], data: county('申请件数'), categories: names, values: r.counties.map((c) => c.applications) },
    { title: '各县（市、区）追回金额（元）', seriesName: '追回金额（元）', onSheet: '图表', anchor: [0, 24, 12, 44], data: county('追回金额（元）'), categories: names, values: r.counties.map((c) => yuan(c.amountRecoveredFen)) },
    { title: '各县（市、区）欠薪预警（条）', seriesName: '预警（条）', onSheet: '图表', anchor: [0, 45, 12, 65], data: { sheet: '预警', categoryColumn: 'A', valueColumn: 'B', headerRow: 2 }, categories: names, values: r.counties.map((c) => c.alerts.raised) },
  ]);
}

/** The report as a PDF (A4): key figures, a chart of applications per county, referrals, demonstration sites, alerts, typical cases. */
export function reportPdf(r: Report, generatedAt = new Date()): Promise<Buffer> {
  const { doc, width, ensure, heading, paragraph, table, title, finish } = chinesePdf(`${r.scope}${r.periodLabel}统计报告`);
  title(`${r.scope}农民工法律援助统计报告`, `${r.periodLabel} · 法援惠民生·助力农民工 · 生成于 ${chinaTime(generatedAt)}`);

  const t = r.total;
  heading('一、主要数据');
  table(['指标', '数值', '指标', '数值'], [
    ['申请件数', t.applications, '服务劳动者（人）', t.workersServed],
    ['绿色通道', t.greenChannel, '先行受理', t.acceptedFirst],
    ['决定给予法律援助', t.granted, '异地协作（移入/移出）', `${t.transfersIn} / ${t.transfersOut}`],
    ['主张金额（元）', yuan(t.amountClaimedFen).toFixed(2), '追回金额（元）', yuan(t.amountRecoveredFen).toFixed(2)],
  ], [130, 100, 150, 119]);

  heading('二、各县（市、区）申请件数');
  const chartH = 150;
  ensure(chartH + 60);
  const max = Math.max(1, ...r.counties.map((c) => c.applications));
  const top = doc.y + 6;
  const barW = Math.min(width / Math.max(r.counties.length, 1), 60);
  r.counties.forEach((c, i) => {
    const h = (c.applications / max) * chartH;
    const x = 48 + i * barW;
    doc.rect(x + barW * 0.15, top + chartH - h, barW * 0.7, h).fill(c.demonstrationSite ? '#d48806' : '#1d4f91');
    doc.fontSize(7).fillColor('#333').text(String(c.applications), x, top + chartH - h - 10, { width: barW, align: 'center' });
    doc.fontSize(6.5).fillColor('#333').text(c.divisionName.replace(/(赣州经济技术开发区)/, '经开区'), x, top + chartH + 3, { width: barW, align: 'center' });
  });
  doc.moveTo(48, top + chartH).lineTo(48 + width, top + chartH).strokeColor('#999').lineWidth(0.7).stroke();
  doc.y = top + chartH + 24;
  doc.fontSize(8).fillColor('#666').text('金色为示范点（赣县区、信丰县、龙南市、赣州经开区）', 48);

  heading('三、转介办理');
  table(['县（市、区）', '接收机构', '接收', '受理', '不予受理', '受理率', '办结'],
    r.counties.flatMap((c) => AGENCIES.filter((a) => c.referrals[a]).map((a) => {
      const x = c.referrals[a];
      return [c.divisionName, AGENCY_TYPE_NAMES[a], x.received, x.accepted, x.declined, pct(x.acceptanceRate), x.resolved];
    })), [90, 120, 50, 50, 60, 70, 59]);

  heading('四、示范点、示范窗口与其他');
  const d = r.demonstration;
  table(['', '申请件数', '服务劳动者', '绿色通道', '追回金额（元）', '预警'], [
    ['示范点', d.sites.applications, d.sites.workersServed, d.sites.greenChannel, yuan(d.sites.amountRecoveredFen).toFixed(2), d.sites.alerts.raised],
    ['其他县区', d.rest.applications, d.rest.workersServed, d.rest.greenChannel, yuan(d.rest.amountRecoveredFen).toFixed(2), d.rest.alerts.raised],
    [`示范窗口（${d.windows.offices}个）受理`, d.windows.applications, d.windows.workersServed, d.windows.greenChannel, '—', '—'],
    ['其他受理点受理', d.otherOffices.applications, d.otherOffices.workersServed, d.otherOffices.greenChannel, '—', '—'],
  ], [110, 65, 75, 65, 105, 79]);

  heading('五、欠薪预警');
  table(['县（市、区）', '预警', ...Object.values(LEVELS), '签收中位用时（分钟）'],
    r.counties.filter((c) => c.alerts.raised).map((c) => [c.divisionName, c.alerts.raised, ...Object.keys(LEVELS).map((l) => c.alerts.byLevel[l] ?? 0),
      c.alerts.medianMinutesToAcknowledge === null ? '—' : Math.round(c.alerts.medianMinutesToAcknowledge)]), [100, 50, 50, 50, 50, 50, 149]);

  heading('六、典型案例报送');
  paragraph(`各县（市、区）每季度报送1至2件典型案例，季度结束后10日内报送。本期报送${t.typicalCases.sent}件，` +
    `按时${t.typicalCases.onTime}件，已入库发布${t.typicalCases.published}件。`);
  if (r.typicalCases.length) {
    table(['县（市、区）', '季度', '标题', '报送日期', '按时', '入库'],
      r.typicalCases.map((c) => [c.divisionName, c.quarterLabel, c.title, c.sentOn, c.onTime ? '是' : '逾期', c.publishedOn ? '已发布' : '审核中']),
      [70, 80, 175, 64, 40, 70]);
  }
  return finish();
}
