import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import {
  AGENCY_TYPE_NAMES, ApplicationAccepted, GANZHOU_CITY_CODE, ApplicationAcceptedV1, ApplicationReceived, ApplicationReceivedV1, CaseTransferred, CaseTransferredV1,
  CHANNELS, ReferralMilestone, ReferralMilestoneV1,
} from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { reportPdf, reportXlsx } from './report';
import type { Report } from './report';
import { StatisticsService } from './statistics.service';
import { serviceAreaName } from '@yuanlian/identity';
import type { Figures } from './statistics.service';

export class StatisticsQuery {
  @ApiProperty({ example: '2026-Q4', description: '季度 2026-Q4、月份 2026-11 或年度 2026' })
  @IsString({ message: '请指定统计期间，如 2026-Q4' }) @MaxLength(7, { message: '统计期间应为 2026-Q4（季度）、2026-11（月）或 2026（年）' }) period: string;
  @ApiPropertyOptional({ description: '县（市、区）代码' }) @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quoted, and a leading formula character neutralised, so a spreadsheet shows it as text.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};
const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

/** The county table as CSV (UTF-8 with BOM so that Excel reads the Chinese). */
export function countiesCsv(rows: (Figures & { divisionName: string; demonstrationSite: boolean })[]): string {
  const agencies = ['labor-inspection', 'arbitration', 'court', 'union'] as const;
  const header = [
    '县（市、区）', '示范点', '申请件数', ...Object.values(CHANNELS), '欠薪', '工伤', '绿色通道', '先行受理', '决定援助', '服务劳动者人数', '主张金额（元）', '追回金额（元）',
    ...agencies.flatMap((a) => [`${AGENCY_TYPE_NAMES[a]}接收`, `${AGENCY_TYPE_NAMES[a]}受理`, `${AGENCY_TYPE_NAMES[a]}受理率`]),
    '预警', '红色预警', '橙色预警', '签收中位用时（分钟）',
  ];
  const lines = rows.map((r) => [
    r.divisionName, r.demonstrationSite ? '是' : '否', r.applications, ...Object.keys(CHANNELS).map((c) => r.byChannel[c] ?? 0), r.byMatter.wage_arrears ?? 0,
    r.byMatter.work_injury ?? 0, r.greenChannel, r.acceptedFirst, r.granted, r.workersServed, yuan(r.amountClaimedFen), yuan(r.amountRecoveredFen),
    ...agencies.flatMap((a) => [r.referrals[a]?.received ?? 0, r.referrals[a]?.accepted ?? 0, pct(r.referrals[a]?.acceptanceRate ?? null)]),
    r.alerts.raised, r.alerts.byLevel.red ?? 0, r.alerts.byLevel.orange ?? 0, r.alerts.medianMinutesToAcknowledge ?? '',
  ]);
  return '\ufeff' + [header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
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
    const f = await this.statistics.figures(caller, q.period, q.divisionCode);
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="statistics-${q.period}.csv"`);
    return countiesCsv([...f.counties, { ...f.total, divisionName: '合计', demonstrationSite: false }]);
  }

  /** The quarterly (or monthly, yearly) report of the city, or of one county with `divisionCode`, as a workbook. */
  @Get('report.xlsx')
  async xlsx(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    const body = await reportXlsx(await this.report(caller, q));
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="report-${q.period}${q.divisionCode ? `-${q.divisionCode}` : ''}.xlsx"`);
    return new StreamableFile(body);
  }

  /** The same report as a PDF, with its chart. */
  @Get('report.pdf')
  async pdf(@CurrentUser() caller: Caller, @Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    const body = await reportPdf(await this.report(caller, q));
    res.type('application/pdf');
    res.setHeader('content-disposition', `attachment; filename="report-${q.period}${q.divisionCode ? `-${q.divisionCode}` : ''}.pdf"`);
    return new StreamableFile(body);
  }

  private async report(caller: Caller, q: StatisticsQuery): Promise<Report> {
    const f = await this.statistics.figures(caller, q.period, q.divisionCode);
    const scope = q.divisionCode ? `赣州市${serviceAreaName(q.divisionCode)}` : caller.divisionCode === GANZHOU_CITY_CODE ? '赣州市' : `赣州市${serviceAreaName(caller.divisionCode)}`;
    return { ...f, scope };
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

  @Handles(ApplicationReceived)
  applicationReceived(@Payload() p: ApplicationReceivedV1, @Ctx() ctx: InboxContext) {
    return this.statistics.applicationReceived(ctx.manager, p);
  }

  @Handles(ApplicationAccepted)
  applicationAccepted(@Payload() p: ApplicationAcceptedV1, @Ctx() ctx: InboxContext) {
    return this.statistics.applicationAccepted(ctx.manager, p);
  }

  @Handles(CaseTransferred)
  caseTransferred(@Payload() p: CaseTransferredV1, @Ctx() ctx: InboxContext) {
    return this.statistics.caseTransferred(ctx.manager, ctx.envelope.eventId, p);
  }

  @Handles(ReferralMilestone)
  referralMilestone(@Payload() p: ReferralMilestoneV1, @Ctx() ctx: InboxContext) {
    return this.statistics.referralMilestone(ctx.manager, ctx.envelope.eventId, p);
  }
}
