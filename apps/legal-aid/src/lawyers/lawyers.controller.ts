import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { UuidParam } from '@yuanlian/runtime';
import { LAWYER_KINDS } from './aid-lawyer.entity';
import { CreateLawyerInput, UpdateLawyerInput } from './lawyer.dto';
import { LawyersService } from './lawyers.service';

/** 律师名册: the center's lawyers and legal workers; its head keeps it, everyone of the center reads it. */
@ApiTags('lawyers 律师名册')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('lawyers')
export class LawyersController {
  constructor(private readonly lawyers: LawyersService) {}

  @Get()
  @Roles('clerk', 'lawyer', 'supervisor')
  async list(@CurrentUser() caller: Caller) {
    return { items: await this.lawyers.roster(caller), kinds: LAWYER_KINDS };
  }

  @Post()
  @Roles('supervisor')
  async create(@CurrentUser() caller: Caller, @Body() input: CreateLawyerInput) {
    return this.lawyers.create(caller, input);
  }

  /** Stop or resume assigning to someone (a lawyer who left keeps their past cases). */
  @Put(':id')
  @Roles('supervisor')
  async update(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: UpdateLawyerInput) {
    return this.lawyers.update(caller, id, input);
  }
}
