import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { dayField } from './common-fields';
import { defineEvent } from './define';
import { Topics } from './topics';
import { keysOf } from './vocab';

/**
 * The festivals with statutory days off under the Holidays Measures (《全国年节及纪念日放假办法》, as revised by the State
 * Council on 2024-11-10, in force 2025-01-01), and how many days each gives: 13 in all.
 */
export const FESTIVALS = {
  'new-year': { label: '元旦', days: 1 },
  'spring-festival': { label: '春节', days: 4 },
  qingming: { label: '清明节', days: 1 },
  'labour-day': { label: '劳动节', days: 2 },
  'dragon-boat': { label: '端午节', days: 1 },
  'mid-autumn': { label: '中秋节', days: 1 },
  'national-day': { label: '国庆节', days: 3 },
} as const;
export type Festival = keyof typeof FESTIVALS;
export const FESTIVAL_CODES = keysOf(FESTIVALS) as Festival[];

/** One run of days off of the notice: `2026-10-01` to `2026-10-07` for 国庆节 (two festivals when they meet, as 中秋 and 国庆 often do). */
export class HolidayRangeV1 {
  @IsArray({ message: '节日应为列表' }) @ArrayMinSize(1, { message: '请选择节日' }) @ArrayMaxSize(2, { message: '一段假期最多合并两个节日' })
  @IsIn(FESTIVAL_CODES, { each: true, message: '节日无效（应为元旦、春节、清明节、劳动节、端午节、中秋节或国庆节）' })
  festivals: Festival[];
  @dayField({ format: '放假起始日应为 YYYY-MM-DD 格式的日期', day: '放假起始日不是有效的日期' }) from: string;
  @dayField({ format: '放假结束日应为 YYYY-MM-DD 格式的日期', day: '放假结束日不是有效的日期' }) to: string;
}

/** A year's holidays and make-up working days as the State Council's notice sets them, entered by the city's administrators. */
export class HolidayCalendarYearV1 {
  @Matches(/^20\d{2}$/) year: string;
  /** Each entry or correction of the year's notice is a new version; services recompute their clocks once per version. */
  @IsInt() @Min(1) @Max(1_000_000) version: number;
  /** 国务院办公厅关于2027年部分节假日安排的通知. */
  @IsString() @MaxLength(100) title: string;
  /** The notice's document number, e.g. 国办发明电〔2026〕7号. */
  @IsString() @MaxLength(50) noticeNo: string;
  @dayField() noticeDate: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => HolidayRangeV1) holidays: HolidayRangeV1[];
  /** Make-up working days (调休上班), each a Saturday or Sunday. */
  @IsArray() @ArrayMaxSize(20) @dayField({ format: '调休上班日应为 YYYY-MM-DD 格式的日期', day: '调休上班日不是有效的日期' }, { each: true }) workdays: string[];
  @IsISO8601({ strict: true }) updatedAt: string;
}

export const HolidayCalendar = defineEvent({
  type: 'calendar.year',
  version: 1,
  payload: HolidayCalendarYearV1,
  sources: ['command'],
  topic: () => Topics.calendar,
  topics: [Topics.calendar],
  key: (p) => p.year,
  keyDescription: 'year',
  caseId: (p) => `calendar:${p.year}`,
  description: "One year's official holidays and make-up working days, from the State Council's notice (compacted topic: every service counts its clocks with the same calendar).",
});
