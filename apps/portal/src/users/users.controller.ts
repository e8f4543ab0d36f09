import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminAuditQuery, CurrentUser, readAdminAudit, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { UuidParam } from '@yuanlian/runtime';
import { DataSource } from 'typeorm';
import { CreateUserInput, UpdateUserInput } from './user.dto';
import { UsersService } from './users.service';

/**
 * Users and roles, administered in the portal: each administrator sees and changes the users of their area
 * (./scope.ts), and every change goes to the audit trail.
 */
@ApiTags('users 用户')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('users')
  async list(@CurrentUser() caller: Caller) {
    return { items: await this.users.list(caller) };
  }

  @Post('users')
  create(@CurrentUser() caller: Caller, @Body() input: CreateUserInput) {
    return this.users.create(caller, input);
  }

  @Put('users/:id')
  update(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: UpdateUserInput) {
    return this.users.update(caller, id, input);
  }

  /** Who changed which user, when, before and after: the city's administrators see all, a county's their county's. */
  @Get('admin/audit')
  @ApiTags('admin 管理操作记录')
  audit(@CurrentUser() caller: Caller, @Query() q: AdminAuditQuery) {
    return readAdminAudit(this.dataSource, caller, q);
  }
}
