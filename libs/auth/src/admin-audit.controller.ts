import { Controller, Get, Query, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AgencyType } from '@yuanlian/contracts';
import { DataSource } from 'typeorm';
import { AdminAuditQuery, readAdminAudit } from './admin-audit';
import type { Caller } from './claims';
import { AgencyTypes, CurrentUser, Roles } from './decorators';

/**
 * `GET /admin/audit` of a service's audit trail, for the administrators of the given agency types: the city's read every
 * entry, a county's those of its county.
 */
export function adminAuditController(...readers: AgencyType[]): Type<unknown> {
  @ApiTags('admin 管理操作记录')
  @ApiBearerAuth()
  @Controller('admin/audit')
  class AdminAuditController {
    constructor(private readonly dataSource: DataSource) {}

    /** Who changed what, when, before and after; newest first. */
    @Get()
    @Roles('admin')
    @AgencyTypes(...readers)
    audit(@CurrentUser() caller: Caller, @Query() q: AdminAuditQuery) {
      return readAdminAudit(this.dataSource, caller, q);
    }
  }
  return AdminAuditController;
}
