// Documents the services hand out: downloads (CSV, XLSX, PDF) and A4 PDFs set in a Chinese font.
import { existsSync } from 'node:fs';
import { ServiceUnavailableException, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type PDFDocumentType from 'pdfkit';

/** Sends a body as a download named `filename` (ASCII; the Chinese title is inside the document). */
export function attachment(res: Response, type: string, filename: string, body: Buffer | string): StreamableFile | string {
  res.type(type);
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  return typeof body === 'string' ? body : new StreamableFile(body);
}

/** The Chinese font PDFs are set in (Debian's fonts-wqy-microhei by default; `REPORT_FONT` and `REPORT_FONT_NAME`). */
function font(): { path: string; name?: string } {
  const path = process.env.REPORT_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (!existsSync(path)) throw new ServiceUnavailableException('服务器未安装所需的中文字体，暂不能生成 PDF（请安装 fonts-wqy-microhei 或设置 REPORT_FONT）');
  return { path, name: process.env.REPORT_FONT_NAME ?? (path.endsWith('.ttc') ? 'WenQuanYiMicroHei' : undefined) };
}

export const PDF_MARGIN = 48;

/** An A4 PDF in the Chinese font, with the helpers the platform's documents share. */
export function chinesePdf(title: string) {
  const f = font();
  // Loaded on the first document, not at every service's start (pdfkit and its fonts take ~100 ms to load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as typeof PDFDocumentType;
  const doc = new PDFDocument({ size: 'A4', margin: PDF_MARGIN, info: { Title: title, Author: '援联' } });
  doc.registerFont('cjk', f.path, f.name);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * PDF_MARGIN;
  /** A new page unless `h` points still fit on this one. */
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - 60) doc.addPage();
  };
  const heading = (text: string, size = 13) => {
    ensure(40);
    doc.x = PDF_MARGIN;
    doc.moveDown(0.4).fontSize(size).fillColor('#1d4f91').text(text, PDF_MARGIN).moveDown(0.3);
  };
  const paragraph = (text: string, size = 10.5) => {
    doc.x = PDF_MARGIN;
    doc.fontSize(size).fillColor('#222').text(text, PDF_MARGIN, undefined, { width, lineGap: 3, paragraphGap: 4 });
  };
  const table = (header: string[], rows: (string | number)[][], widths: number[]) => {
    const line = (cells: (string | number)[], bold: boolean) => {
      ensure(18);
      const y = doc.y;
      let x = PDF_MARGIN;
      cells.forEach((c, i) => {
        doc.fontSize(bold ? 9.5 : 9).fillColor(bold ? '#000' : '#222').text(String(c), x + 2, y, { width: widths[i] - 4, lineBreak: false, ellipsis: true });
        x += widths[i];
      });
      doc.moveTo(PDF_MARGIN, y + 14).lineTo(PDF_MARGIN + widths.reduce((a, b) => a + b, 0), y + 14).strokeColor('#ddd').lineWidth(0.5).stroke();
      doc.y = y + 17;
    };
    line(header, true);
    rows.forEach((row) => line(row, false));
    doc.moveDown(0.6);
  };
  /** Title and subtitle, centred. */
  const title_ = (main: string, sub: string) => {
    doc.fontSize(18).fillColor('#000').text(main, { align: 'center' });
    doc.fontSize(11).fillColor('#555').text(sub, { align: 'center' });
    doc.moveDown(1);
  };
  /** Ends the document; resolves to its bytes. */
  const finish = () => {
    doc.end();
    return done;
  };
  return { doc, width, ensure, heading, paragraph, table, title: title_, finish };
}

/** A moment as people in China read it: 2026/11/29 17:05:00. */
export const chinaTime = (at: Date) => at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
