import { Controller, Get, Query, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AgencyType } from '@yuanlian/contracts';
import { DataSource } from 'typeorm';
import { AccessLogQuery, readAccessLog } from './access-log';
import type { Caller } from './claims';
import { AgencyTypes, CurrentUser, Roles } from './decorators';

/**
 * `GET /access-log` of an office, for its head (负责人): who read or revealed which case, when and why. Every read of a
 * record with personal data is in it (append-only); a reveal carries its purpose.
 */
export function accessLogController(...readers: AgencyType[]): Type<unknown> {
  @ApiTags('access log 访问日志')
  @ApiBearerAuth()
  @Controller('access-log')
  class AccessLogController {
    constructor(private readonly dataSource: DataSource) {}

    @Get()
    @Roles('supervisor')
    @AgencyTypes(...readers)
    read(@CurrentUser() caller: Caller, @Query() q: AccessLogQuery) {
      return readAccessLog(this.dataSource, caller, q);
    }
  }
  return AccessLogController;
}
