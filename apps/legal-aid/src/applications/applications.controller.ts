import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { CreateApplicationInput, ListQuery } from './application.dto';
import { applicationView } from './application.view';
import { ApplicationsService } from './applications.service';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 400 });

@ApiTags('applications 法律援助申请')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('clerk', 'lawyer', 'supervisor')
  async create(@CurrentUser() caller: Caller, @Body() input: CreateApplicationInput) {
    return applicationView(await this.applications.create(caller, input));
  }

  @Get()
  async list(@CurrentUser() caller: Caller, @Query() query: ListQuery) {
    const items = await this.applications.list(caller, query.limit, query.offset);
    return { items: items.map(applicationView) };
  }

  @Get(':id')
  async get(@CurrentUser() caller: Caller, @Param('id', uuid) id: string) {
    return applicationView(await this.applications.get(caller, id));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('lawyer', 'supervisor')
  async accept(@CurrentUser() caller: Caller, @Param('id', uuid) id: string) {
    await this.applications.accept(caller, id);
    return applicationView(await this.applications.get(caller, id));
  }
}
