import type { HolidayCalendarYearV1 } from '@yuanlian/contracts';
import { checkHolidayNotice, defaultCalendar, dueDate, noticeProblem, noticeYear, WorkCalendar } from './index';

type Notice = Pick<HolidayCalendarYearV1, 'year' | 'noticeDate' | 'holidays' | 'workdays'>;

/** The State Council's 2026 notice (国务院办公厅关于2026年部分节假日安排的通知), as the shipped calendar has it. */
const notice2026 = (): Notice => ({
  year: '2026',
  noticeDate: '2025-11-04',
  holidays: [
    { festivals: ['new-year'], from: '2026-01-01', to: '2026-01-03' },
    { festivals: ['spring-festival'], from: '2026-02-15', to: '2026-02-23' },
    { festivals: ['qingming'], from: '2026-04-04', to: '2026-04-06' },
    { festivals: ['labour-day'], from: '2026-05-01', to: '2026-05-05' },
    { festivals: ['dragon-boat'], from: '2026-06-19', to: '2026-06-21' },
    { festivals: ['mid-autumn'], from: '2026-09-25', to: '2026-09-27' },
    { festivals: ['national-day'], from: '2026-10-01', to: '2026-10-07' },
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
});

describe('a year of the holiday calendar as an administrator enters it (Holidays Measures, revised 2024)', () => {
  it('takes the 2026 notice, and 2025 with 国庆 and 中秋 in one run of eight days', () => {
    expect(checkHolidayNotice(notice2026())).toEqual({});
    expect(checkHolidayNotice({
      year: '2025', noticeDate: '2024-11-12',
      holidays: [
        { festivals: ['new-year'], from: '2025-01-01', to: '2025-01-01' },
        { festivals: ['spring-festival'], from: '2025-01-28', to: '2025-02-04' },
        { festivals: ['qingming'], from: '2025-04-04', to: '2025-04-06' },
        { festivals: ['labour-day'], from: '2025-05-01', to: '2025-05-05' },
        { festivals: ['dragon-boat'], from: '2025-05-31', to: '2025-06-02' },
        { festivals: ['national-day', 'mid-autumn'], from: '2025-10-01', to: '2025-10-08' },
      ],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    })).toEqual({});
  });

  it('names a day outside the year at its field', () => {
    const n = notice2026();
    n.holidays[0] = { festivals: ['new-year'], from: '2025-12-31', to: '2026-01-02' };
    n.workdays[5] = '2027-01-09';
    expect(checkHolidayNotice(n)).toEqual({
      'holidays.0.from': ['放假起始日2025年12月31日不在2026年内'],
      'workdays.5': ['调休上班日2027年1月9日不在2026年内'],
    });
  });

  it('wants a make-up working day on a Saturday or Sunday, and not inside a run of days off', () => {
    const n = notice2026();
    n.workdays = ['2026-01-05', '2026-02-21', '2026-02-14'];
    expect(checkHolidayNotice(n)).toEqual({
      'workdays.0': ['2026年1月5日是星期一，调休上班日应为星期六或星期日'],
      'workdays.1': ['2026年2月21日在第2段假期（春节）中，不能同时是调休上班日'],
    });
  });

  it('wants every statutory festival once, each run at least its statutory days (春节 4, 劳动节 2, 国庆 3)', () => {
    const n = notice2026();
    n.holidays = n.holidays.filter((h) => !h.festivals.includes('dragon-boat'));
    n.holidays[1] = { festivals: ['spring-festival'], from: '2026-02-16', to: '2026-02-18' };
    n.holidays.push({ festivals: ['qingming'], from: '2026-11-02', to: '2026-11-02' });
    expect(checkHolidayNotice(n)).toEqual({
      'holidays.1': ['春节依法放假4天，本段只有3天'],
      'holidays.6.festivals': ['清明节已在第3段假期中'],
      holidays: ['缺少端午节（依法放假1天）的放假安排'],
    });
  });

  it('refuses runs that overlap, end before they begin, or run on too long', () => {
    const n = notice2026();
    n.holidays[5] = { festivals: ['mid-autumn'], from: '2026-09-27', to: '2026-10-01' };
    n.holidays[2] = { festivals: ['qingming'], from: '2026-04-06', to: '2026-04-04' };
    n.holidays[1] = { festivals: ['spring-festival'], from: '2026-02-10', to: '2026-02-28' };
    n.workdays = n.workdays.filter((d) => d !== '2026-02-14' && d !== '2026-02-28');
    expect(checkHolidayNotice(n)).toEqual({
      'holidays.1.to': ['春节放假19天，超过12天，请核对'],
      'holidays.2.to': ['放假结束日2026年4月4日早于起始日2026年4月6日'],
      'holidays.6.from': ['与第6段假期（中秋节）重叠'],
    });
  });

  it('refuses a year before the revised Measures and a notice dated outside the year or the one before', () => {
    expect(checkHolidayNotice({ ...notice2026(), year: '2024' })).toEqual({ year: ['年度应为2025年（修订后的《全国年节及纪念日放假办法》施行之年）至2100年之间'] });
    expect(checkHolidayNotice({ ...notice2026(), noticeDate: '2024-12-01' })).toEqual({ noticeDate: ['通知日期应在2025年或2026年内（国务院办公厅通常在上一年年底公布）'] });
    expect(noticeProblem({ ...notice2026(), workdays: ['2026-01-07'] })).toBe('workdays.0: 2026年1月7日是星期三，调休上班日应为星期六或星期日');
  });

  it('replaces the shipped provisional year: a clock reaching into it moves and is no longer provisional', () => {
    // Plausible dates for 2027, not the State Council's notice (not published when this was written).
    const official: Notice = {
      year: '2027', noticeDate: '2026-11-20',
      holidays: [
        { festivals: ['new-year'], from: '2027-01-01', to: '2027-01-03' },
        { festivals: ['spring-festival'], from: '2027-02-05', to: '2027-02-13' },
        { festivals: ['qingming'], from: '2027-04-03', to: '2027-04-05' },
        { festivals: ['labour-day'], from: '2027-05-01', to: '2027-05-05' },
        { festivals: ['dragon-boat'], from: '2027-06-09', to: '2027-06-09' },
        { festivals: ['mid-autumn'], from: '2027-09-15', to: '2027-09-15' },
        { festivals: ['national-day'], from: '2027-10-01', to: '2027-10-07' },
      ],
      workdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
    };
    expect(checkHolidayNotice(official)).toEqual({});
    const calendar: WorkCalendar = defaultCalendar();
    const limitation = { rule: { days: 12, unit: 'month' as const }, start: '2026-10-01' };
    expect(dueDate(limitation, calendar)).toEqual({ due: '2027-10-04', provisional: true });
    calendar.setYear('2027', noticeYear({ ...official, title: '国务院办公厅关于2027年部分节假日安排的通知', noticeNo: '国办发明电〔2026〕X号' }));
    expect(calendar.yearStatus('2027')).toBe('official');
    expect(dueDate(limitation, calendar)).toEqual({ due: '2027-10-08', provisional: false });
    // Working days: 2027-02-09 to 02-12 are days off now, 01-31 a working day.
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-31')).toBe(true);
    expect(dueDate({ rule: { days: 5, unit: 'working' }, start: '2027-02-04' }, calendar)).toEqual({ due: '2027-02-19', provisional: false });
    // A bad year leaves the calendar as it was.
    expect(() => calendar.setYear('2027', { status: 'official', holidays: ['2027-05-01'], workdays: ['2027-05-01'] })).toThrow('both');
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false);
  });
});
