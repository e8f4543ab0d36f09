// A list on screen, downloaded: the same rows as CSV (UTF-8 with BOM, so that Excel reads the Chinese) or as a workbook.
import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import type ExcelJSType from 'exceljs';
import { attachment } from './documents';

/** A cell's time: "2026-12-01 21:04", China Standard Time; empty when there is none. */
export const cstMinute = (d: Date | null | undefined) => (d ? d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : '');

/** One column of an exported list: its Chinese heading and how a row gives its cell. */
export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
  /** Character width in the workbook. */
  width?: number;
}

/** A CSV cell: quoted, and a leading formula character neutralised, so that a spreadsheet shows it as text. */
export const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function tableCsv<T>(columns: ExportColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => c.title), ...rows.map((r) => columns.map((c) => c.value(r)))];
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A one-sheet workbook: the title on top, the headings frozen, text cells kept as text (no formula is ever read). */
export async function tableXlsx<T>(title: string, columns: ExportColumn<T>[], rows: T[]): Promise<Buffer> {
  // Loaded when a workbook is asked for: every service has this module, few hand out workbooks.
  const ExcelJS: typeof ExcelJSType = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  book.creator = '援联';
  const sheet = book.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const head = sheet.addRow(columns.map((c) => c.title));
  head.font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r) ?? ''));
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width ?? Math.max(10, c.title.length * 2 + 2)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list formats an `export.:format` endpoint gives; anything else is a 404 before any row is read. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export function exportFormat(format: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new NotFoundException('只能导出 CSV 或 XLSX');
  return format as ExportFormat;
}

/** The answer of an `export.:format` endpoint: `<name>.csv` or `<name>.xlsx` as an attachment, the sheet titled `title`. */
export async function exportTable<T>(res: Response, format: ExportFormat, name: string, title: string, columns: ExportColumn<T>[], rows: T[]) {
  return format === 'csv'
    ? attachment(res, CSV_TYPE, `${name}.csv`, tableCsv(columns, rows))
    : attachment(res, XLSX_TYPE, `${name}.xlsx`, await tableXlsx(title, columns, rows));
}
