import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { attachment, UuidParam } from '@yuanlian/runtime';
import { DutyQuery, EditTypicalCaseInput, LibraryQuery, ProposeTypicalCaseInput, ReturnInput, ReviewInput, TypicalCaseListQuery } from './typical-case.dto';
import { TypicalCasesService } from './typical-cases.service';

/** 典型案例: proposing closed cases, editing, county and city review, and the quarterly duty of every county. */
@ApiTags('typical-cases 典型案例')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('typical-cases')
export class TypicalCasesController {
  constructor(private readonly typicalCases: TypicalCasesService) {}

  /** A county's center proposes one of its closed cases; the answer is the draft, personal data taken out. */
  @Post()
  @Roles('clerk', 'lawyer', 'supervisor')
  async propose(@CurrentUser() caller: Caller, @Body() input: ProposeTypicalCaseInput) {
    const tc = await this.typicalCases.propose(caller, input);
    return this.typicalCases.get(caller, tc.id);
  }

  @Get()
  list(@CurrentUser() caller: Caller, @Query() q: TypicalCaseListQuery) {
    return this.typicalCases.list(caller, q);
  }

  /** Each county's duty for a quarter (1–2 cases within 10 days after it ends): met, late, overdue or pending. */
  @Get('duty')
  duty(@CurrentUser() caller: Caller, @Query() q: DutyQuery) {
    return this.typicalCases.duty(caller, q.quarter, q.asOf);
  }

  /** Counties and quarters whose cases were not sent by the due day. */
  @Get('duty/overdue')
  overdue(@CurrentUser() caller: Caller, @Query() q: DutyQuery) {
    return this.typicalCases.overdue(caller, q.asOf);
  }

  @Get('reminders')
  reminders(@CurrentUser() caller: Caller) {
    return this.typicalCases.reminders(caller);
  }

  @Get(':id')
  get(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    return this.typicalCases.get(caller, id);
  }

  /** Saves an edit; 400 naming each field that still holds personal data, 409 if someone saved in between. */
  @Put(':id')
  @Roles('clerk', 'lawyer', 'supervisor')
  async edit(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: EditTypicalCaseInput) {
    await this.typicalCases.edit(caller, id, input);
    return this.typicalCases.get(caller, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('clerk', 'lawyer', 'supervisor')
  async submit(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    await this.typicalCases.submit(caller, id);
    return this.typicalCases.get(caller, id);
  }

  /** County head: send to the city (counts for the quarter's duty). City head: publish in the case library. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  async approve(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ReviewInput) {
    await this.typicalCases.approve(caller, id, input.note);
    return this.typicalCases.get(caller, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('supervisor')
  async return(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ReturnInput) {
    await this.typicalCases.returnForChanges(caller, id, input.note);
    return this.typicalCases.get(caller, id);
  }
}

/** 以案释法: the published typical cases, for every agency's staff; searchable and exportable for publication. */
@ApiTags('case-library 案例库')
@ApiBearerAuth()
@Controller('case-library')
export class CaseLibraryController {
  constructor(private readonly typicalCases: TypicalCasesService) {}

  @Get()
  search(@Query() q: LibraryQuery) {
    return this.typicalCases.library(q);
  }

  /** The search's cases (up to 200) as a PDF booklet. */
  @Get('export.pdf')
  async export(@Query() q: LibraryQuery, @Res({ passthrough: true }) res: Response) {
    const { pdf, filename } = await this.typicalCases.libraryBooklet(q);
    return attachment(res, 'application/pdf', filename, pdf);
  }

  @Get(':id')
  get(@UuidParam('id') id: string) {
    return this.typicalCases.libraryItem(id);
  }
}
