import { ForbiddenException, Injectable } from '@nestjs/common';
import { areaRefusal, recordAdminChange } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE, HolidayCalendar } from '@yuanlian/contracts';
import type { HolidayCalendarYearV1 } from '@yuanlian/contracts';
import { checkHolidayNotice, defaultCalendarData, defaultClockRulesData, localDate, noticeSummary } from '@yuanlian/deadlines';
import { Outbox } from '@yuanlian/messaging';
import { invalidFields } from '@yuanlian/runtime';
import { DataSource } from 'typeorm';
import { HolidayNoticeInput } from './calendar.dto';
import { CalendarYearRecord } from './calendar-year.entity';

/** Who may enter a year's notice: the city's administrators (the calendar is the whole platform's). */
const refusal = (caller: Caller) =>
  areaRefusal(caller, GANZHOU_CITY_CODE, { none: '无权录入节假日安排', city: '节假日安排只能由市级管理员录入', county: '节假日安排只能由市级管理员录入' });

/**
 * The holiday calendar: the years shipped with the platform (libs/deadlines/data), over which the official years entered
 * here from the State Council's notices take precedence. An entered year goes to every service on the compacted calendar
 * topic through the outbox, where its running clocks are recounted.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async read() {
    const { years } = defaultCalendarData();
    const entered = await this.dataSource.getRepository(CalendarYearRecord).find({ order: { year: 'ASC' } });
    const byYear = new Map(Object.entries(years).map(([year, y]) => [year, { year, ...y } as Record<string, unknown>]));
    for (const r of entered) {
      const n = r.data;
      byYear.set(r.year, {
        year: r.year, status: 'official', source: `${n.title}（${n.noticeNo}）`,
        holidays: n.holidays.map((h) => (h.from === h.to ? h.from : `${h.from}/${h.to}`)), workdays: n.workdays,
        notice: n, enteredAt: r.updatedAt.toISOString(),
      });
    }
    const { rules } = defaultClockRulesData();
    return {
      years: [...byYear.values()].sort((a, b) => String(a.year).localeCompare(String(b.year))),
      rules: Object.entries(rules).map(([id, r]) => ({ id, ...r })),
    };
  }

  /** The notice checked (every problem named at its field), as the preview shows it; nothing stored. */
  check(year: string, input: HolidayNoticeInput) {
    const problems = checkHolidayNotice({ year, noticeDate: input.noticeDate, holidays: input.holidays, workdays: input.workdays });
    if (input.noticeDate > localDate(new Date())) (problems.noticeDate ??= []).push('通知日期不能晚于今天');
    if (Object.keys(problems).length) throw invalidFields(problems);
    return { year, summary: noticeSummary(input) };
  }

  /** Enters or replaces a year's notice: stored, audited and published in one transaction. */
  async put(caller: Caller, year: string, input: HolidayNoticeInput): Promise<HolidayCalendarYearV1 & { summary: ReturnType<typeof noticeSummary> }> {
    const denied = refusal(caller);
    if (denied) throw new ForbiddenException(denied);
    const { summary } = this.check(year, input);
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar-year|${year}`]);
      const before = await m.findOne(CalendarYearRecord, { where: { year } });
      const data: HolidayCalendarYearV1 = {
        year,
        version: (before?.version ?? 0) + 1,
        title: input.title ?? `国务院办公厅关于${year}年部分节假日安排的通知`,
        noticeNo: input.noticeNo,
        noticeDate: input.noticeDate,
        holidays: input.holidays.map((h) => ({ festivals: h.festivals, from: h.from, to: h.to })),
        workdays: [...input.workdays].sort(),
        updatedAt: new Date().toISOString(),
      };
      await m.save(CalendarYearRecord, { year, version: data.version, data, updatedBy: caller.sub, updatedAt: new Date(data.updatedAt) });
      await recordAdminChange(m, caller, { action: 'calendar.put', target: `calendar:${year}`, divisionCode: GANZHOU_CITY_CODE, before: before?.data ?? null, after: data, reason: input.reason });
      await this.outbox.publish(m, HolidayCalendar, data);
      return { ...data, summary };
    });
  }
}
