import { Global, Module } from '@nestjs/common';
import { WorkCalendar } from './calendar';
import { CalendarReplica } from './calendar-replica';
import { ClockService, ClockSweeper } from './clock.service';
import { defaultCalendar, defaultClockRules } from './defaults';
import { ClockRules } from './rules';

/**
 * Statutory clocks for a service: the calendar (the shipped years, replaced by the official ones as their notices arrive), the
 * rules, the clock service and its overdue sweeper.
 */
@Global()
@Module({
  providers: [
    { provide: WorkCalendar, useFactory: defaultCalendar },
    { provide: ClockRules, useFactory: defaultClockRules },
    ClockService,
    ClockSweeper,
    CalendarReplica,
  ],
  exports: [WorkCalendar, ClockRules, ClockService, CalendarReplica],
})
export class DeadlinesModule {}
