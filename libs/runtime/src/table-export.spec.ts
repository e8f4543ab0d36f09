import { NotFoundException } from '@nestjs/common';
import { csvCell, cstMinute, exportFormat, tableCsv } from './table-export';

describe('exported lists', () => {
  it('writes CSV in UTF-8 with a BOM, quoted cells and CRLF lines', () => {
    const csv = tableCsv([{ title: '劳动者', value: (r: { n: string }) => r.n }], [{ n: '钟水生' }, { n: 'say "hi"' }]);
    expect(csv).toBe('\ufeff"劳动者"\r\n"钟水生"\r\n"say ""hi"""\r\n');
  });

  it('neutralises a leading formula character so a spreadsheet shows the cell as text', () => {
    for (const v of ['=1+1', '+86', '-3', '@SUM(A1)']) expect(csvCell(v)).toBe(`"'${v}"`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
  });

  it('answers only CSV and XLSX (404 for anything else)', () => {
    expect(exportFormat('csv')).toBe('csv');
    expect(exportFormat('xlsx')).toBe('xlsx');
    expect(() => exportFormat('pdf')).toThrow(NotFoundException);
  });

  it('writes times to the minute in China Standard Time, whatever the server zone', () => {
    expect(cstMinute(new Date('2026-12-01T13:04:59Z'))).toBe('2026-12-01 21:04');
    expect(cstMinute(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
    expect(cstMinute(null)).toBe('');
  });
});
