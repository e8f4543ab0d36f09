import { Controller, Get, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller, Role } from '@yuanlian/auth';
import type { AgencyType } from '@yuanlian/contracts';
import { DataSource } from 'typeorm';
import { CalendarReplica } from './calendar-replica';
import { ClockService } from './clock.service';

/**
 * `GET /clock-changes` of an office: the due dates of its running clocks that a year's holiday notice moved or confirmed
 * (no longer 暂定), newest first, with the official years this service counts with.
 */
export function clockChangesController(agencyType: AgencyType, roles: Role[]): Type<unknown> {
  @ApiTags('clocks 办理期限')
  @ApiBearerAuth()
  @Controller('clock-changes')
  class ClockChangesController {
    constructor(
      private readonly clocks: ClockService,
      private readonly calendar: CalendarReplica,
      private readonly dataSource: DataSource,
    ) {}

    @Get()
    @Roles(...roles)
    @AgencyTypes(agencyType)
    async list(@CurrentUser() caller: Caller) {
      return { officialYears: this.calendar.applied(), items: await this.clocks.calendarChanges(this.dataSource, caller.agencyId) };
    }
  }
  return ClockChangesController;
}
