import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AidDecisionReported, ApplicationAccepted, ApplicationReceived, CaseTransferred, ReferralMilestone, TypicalCaseReported } from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { attachment } from '@yuanlian/runtime';
import { countiesCsv, reportPdf, reportXlsx } from './report';
import { StatisticsService } from './statistics.service';

export class StatisticsQuery {
  @ApiProperty({ example: '2026-Q4', description: '季度 2026-Q4、月份 2026-11 或年度 2026' })
  @IsString({ message: '请指定统计期间，如 2026-Q4' }) @MaxLength(7, { message: '统计期间应为 2026-Q4（季度）、2026-11（月）或 2026（年）' }) period: string;
  @ApiPropertyOptional({ description: '县（市、区）代码' }) @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
}

/** 统计: figures per county and period for the committee, from the statistics read model. */
@ApiTags('statistics 统计')
@ApiBearerAuth()
@AgencyTypes('command')
@Roles('analyst', 'supervisor', 'admin')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** Every county the caller sees, their total, and the demonstration sites against the rest. */
  @Get()
  figures(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery) {
    return this.statistics.figures(caller, q.period, q.divisionCode);
  }

  /** The county table as CSV. */
  @Get('counties.csv')
  async csv(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    return attachment(res, 'text/csv; charset=utf-8', `statistics-${q.period}.csv`, countiesCsv(await this.statistics.figures(caller, q.period, q.divisionCode)));
  }

  /** The quarterly (or monthly, yearly) report of the city, or of one county with `divisionCode`, as a workbook. */
  @Get('report.xlsx')
  async xlsx(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    const body = await reportXlsx(await this.statistics.figures(caller, q.period, q.divisionCode));
    return attachment(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `report-${q.period}${q.divisionCode ? `-${q.divisionCode}` : ''}.xlsx`, body);
  }

  /** The same report as a PDF, with its chart. */
  @Get('report.pdf')
  async pdf(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    const body = await reportPdf(await this.statistics.figures(caller, q.period, q.divisionCode));
    return attachment(res, 'application/pdf', `report-${q.period}${q.divisionCode ? `-${q.divisionCode}` : ''}.pdf`, body);
  }

  /** Rebuilds the read model from the topics in the background (administrators; the figures after it are the same). */
  @Post('rebuild')
  @HttpCode(202)
  @Roles('admin')
  rebuild() {
    return this.statistics.rebuild();
  }

  /** How the last rebuild went: running with records read of the total, done, or failed with the reason. */
  @Get('rebuild')
  @Roles('admin')
  rebuildStatus() {
    return this.statistics.rebuildStatus();
  }

  /** Legal aid's applications, transfers and decisions, the receiving offices' milestones and steps: into the read model. */
  @Handles(ApplicationReceived, ApplicationAccepted, CaseTransferred, ReferralMilestone, TypicalCaseReported, AidDecisionReported)
  take(@Payload() p: object, @Ctx() ctx: InboxContext) {
    return this.statistics.apply(ctx.manager, ctx.envelope, p);
  }
}
