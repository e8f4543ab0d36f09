import { Global, Module } from '@nestjs/common';
import { WorkCalendar } from './calendar';
import { ClockService, ClockSweeper } from './clock.service';
import { defaultCalendar, defaultClockRules } from './defaults';
import { ClockRules } from './rules';

/** Statutory clocks for a service: the calendar, the rules, the clock service and its overdue sweeper. */
@Global()
@Module({
  providers: [
    { provide: WorkCalendar, useFactory: defaultCalendar },
    { provide: ClockRules, useFactory: defaultClockRules },
    ClockService,
    ClockSweeper,
  ],
  exports: [WorkCalendar, ClockRules, ClockService],
})
export class DeadlinesModule {}
