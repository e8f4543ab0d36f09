import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { defaultCalendarData, defaultClockRulesData } from '@yuanlian/deadlines';

/**
 * The holiday calendar and the statutory clock rules every service counts deadlines with, for the administrators'
 * screen. They ship with the platform (libs/deadlines/data): a year is `provisional` until the State Council's
 * notice is entered, and clocks running into such a year are marked provisional.
 */
@ApiTags('calendar 节假日与办理时限')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  @Get()
  calendar() {
    const { years } = defaultCalendarData();
    const { rules } = defaultClockRulesData();
    return {
      years: Object.entries(years).map(([year, y]) => ({ year, ...y })),
      rules: Object.entries(rules).map(([id, r]) => ({ id, ...r })),
    };
  }
}
