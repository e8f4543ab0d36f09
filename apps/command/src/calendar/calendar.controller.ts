import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { fieldError } from '@yuanlian/runtime';
import { HolidayNoticeInput } from './calendar.dto';
import { CalendarService } from './calendar.service';

const yearOf = (year: string) => {
  if (!/^20\d{2}$/.test(year)) throw fieldError('year', '年度应为四位数字，如 2027');
  return year;
};

/**
 * The holiday calendar and the statutory clock rules every service counts deadlines with. A year is `provisional` (the
 * statutory days only, shipped in libs/deadlines/data) until the city's administrators enter the State Council's notice
 * here; then it is official on every service, and clocks running into it are recounted there.
 */
@ApiTags('calendar 节假日与办理时限')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  calendarAndRules() {
    return this.calendar.read();
  }

  /** The notice checked and previewed, nothing stored: each problem at its field, in Chinese. */
  @Post('years/:year/check')
  @HttpCode(200)
  @Roles('admin')
  @AgencyTypes('command')
  check(@Param('year') year: string, @Body() input: HolidayNoticeInput) {
    return this.calendar.check(yearOf(year), input);
  }

  /** Enters (or corrects) a year's notice — the city's administrators only; every service takes it from the calendar topic. */
  @Put('years/:year')
  @Roles('admin')
  @AgencyTypes('command')
  put(@CurrentUser() caller: Caller, @Param('year') year: string, @Body() input: HolidayNoticeInput) {
    return this.calendar.put(caller, yearOf(year), input);
  }
}
