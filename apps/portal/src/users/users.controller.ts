import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { UuidParam } from '@yuanlian/runtime';
import { CreateUserInput, UpdateUserInput } from './user.dto';
import { UsersService } from './users.service';

/**
 * Users and roles, administered in the portal: each administrator sees and changes the users of their area
 * (./scope.ts), and every change goes to the audit trail.
 */
@ApiTags('users 用户')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@CurrentUser() caller: Caller) {
    return { items: await this.users.list(caller) };
  }

  @Post()
  create(@CurrentUser() caller: Caller, @Body() input: CreateUserInput) {
    return this.users.create(caller, input);
  }

  @Put(':id')
  update(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: UpdateUserInput) {
    return this.users.update(caller, id, input);
  }
}
