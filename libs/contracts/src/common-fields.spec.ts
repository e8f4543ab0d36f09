import 'reflect-metadata';
import fc from 'fast-check';
import { IsISO8601, validateSync } from 'class-validator';
import { asyncApiDocument } from './index';
import { dayField, isCalendarDate } from './common-fields';

class Dated {
  @dayField() dueOn: unknown;
}
class Asked {
  @dayField({ format: '日期格式应为 2026-10-11', day: '日期无效' }) asOf: unknown;
}
/** The rule every timestamp of the contracts and DTOs uses (`requestedAt`, `occurredAt`, a transfer's consent `at`). */
class Stamped {
  @IsISO8601({ strict: true }) at: unknown;
}
const messages = (o: object) => validateSync(o).flatMap((e) => Object.values(e.constraints ?? {}));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('calendar dates', () => {
  it('takes only days that exist, leap years by the Gregorian rule, 1900 to 2100', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-02-28', '2026-12-31', '1900-01-01', '2100-12-31', '2026-04-30']) expect([day, isCalendarDate(day)]).toEqual([day, true]);
    for (const day of [
      '2026-02-30', '2026-13-45', '2025-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-00-10', '2026-01-00', '0000-00-00',
      '1899-12-31', '2101-01-01', '9999-12-31', '２０２６-０１-０１', '٢٠٢٦-٠١-٠١', '2026-1-1', '20260101', '2026/01/01', ' 2026-01-01', '2026-01-01\n',
      '2026-01-01T00:00:00Z', '+02026-01-01', '',
    ]) {
      expect([day, isCalendarDate(day)]).toEqual([day, false]);
    }
    for (const value of [20260101, null, undefined, new Date('2026-01-01'), ['2026-01-01'], { toString: () => '2026-01-01' }]) expect(isCalendarDate(value)).toBe(false);
  });

  it('agrees with the calendar on every year, month and day number, generated', () => {
    fc.assert(fc.property(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const date = new Date(Date.UTC(y, m - 1, d));
      const exists = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      expect(isCalendarDate(text)).toBe(exists && y >= 1900 && y <= 2100);
    }), { numRuns: 5_000 });
  });

  it('refuses at the field, saying whether the day is badly written or does not exist', () => {
    expect(messages(Object.assign(new Dated(), { dueOn: '2024-02-29' }))).toEqual([]);
    expect(messages(Object.assign(new Dated(), { dueOn: '2026-02-30' }))).toEqual(['dueOn 不是有效的日期']);
    expect(messages(Object.assign(new Dated(), { dueOn: '2026-13-45' }))).toEqual(['dueOn 不是有效的日期']);
    expect(messages(Object.assign(new Dated(), { dueOn: '２０２６-０１-０１' }))).toEqual(['dueOn 应为 YYYY-MM-DD 格式的日期']);
    expect(messages(Object.assign(new Dated(), { dueOn: 20260101 }))).toEqual(['dueOn 应为 YYYY-MM-DD 格式的日期']);
    expect(messages(Object.assign(new Asked(), { asOf: '2025-02-29' }))).toEqual(['日期无效']);
    expect(messages(Object.assign(new Asked(), { asOf: '2026-2-3' }))).toEqual(['日期格式应为 2026-10-11']);
  });

  it('is described in the event schemas as a date', () => {
    const schemas = (asyncApiDocument().components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
    expect(schemas.ClockOverdueV1.properties.dueOn).toMatchObject({ type: 'string', format: 'date' });
    expect(schemas.ClockSnapshot.properties.dueOn).toMatchObject({ type: 'string', format: 'date' });
  });

  it('timestamps in strict ISO 8601 already refuse days that do not exist', () => {
    for (const at of ['2024-02-29T10:00:00Z', '2026-02-28T23:59:59.999+08:00']) expect(messages(Object.assign(new Stamped(), { at }))).toEqual([]);
    for (const at of ['2026-02-30T10:00:00Z', '2025-02-29T00:00:00+08:00', '2026-04-31T00:00:00Z', '2026-13-45T00:00:00Z', '2026-02-28T25:00:00Z', '0000-00-00T00:00:00Z']) {
      expect([at, messages(Object.assign(new Stamped(), { at })).length]).toEqual([at, 1]);
    }
  });
});
