import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { ClockOverdue, ClockOverdueV1 } from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { SupervisionService, supervisionView } from './supervision.service';
import { cstMinute, exportFormat, exportTable, UuidParam } from '@yuanlian/runtime';
import type { ExportColumn } from '@yuanlian/runtime';
import { localDate } from '@yuanlian/deadlines';
import type { Response } from 'express';

export class SupervisionQuery {
  @ApiPropertyOptional({ description: '县（市、区）代码' }) @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
}

export class SuperviseInput {
  @ApiProperty({ description: '督办意见' }) @IsString() @Length(2, 2000, { message: '请填写督办意见（2至2000个字符）' }) note: string;
}

type Row = ReturnType<typeof supervisionView>;
const COLUMNS: ExportColumn<Row>[] = [
  { title: '县（市、区）', value: (i) => i.divisionName },
  { title: '承办机构', value: (i) => i.agencyTypeLabel },
  { title: '期限', value: (i) => i.ruleLabel, width: 30 },
  { title: '法律依据', value: (i) => i.basis, width: 40 },
  { title: '起算日', value: (i) => i.startedOn, width: 12 },
  { title: '截止日', value: (i) => i.dueOn, width: 12 },
  { title: '暂定日历', value: (i) => (i.provisional ? '是' : '否') },
  { title: '报告时间', value: (i) => cstMinute(i.reportedAt), width: 18 },
  { title: '督办时间', value: (i) => cstMinute(i.supervisedAt), width: 18 },
  { title: '督办意见', value: (i) => i.supervisionNote, width: 40 },
];

@ApiTags('supervision 督办')
@ApiBearerAuth()
@AgencyTypes('command')
@Roles('analyst', 'supervisor')
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** Overdue statutory clocks in the caller's city or county, the most overdue first. */
  @Get()
  async list(@CurrentUser() caller: Caller, @Query() q: SupervisionQuery) {
    return { items: (await this.supervision.list(caller, q.divisionCode)).map(supervisionView) };
  }

  /** The list as filtered on screen, as CSV or a workbook (no personal data is on it). */
  @Get('export.:format')
  async export(@CurrentUser() caller: Caller, @Param('format') format: string, @Query() q: SupervisionQuery, @Res({ passthrough: true }) res: Response) {
    const as = exportFormat(format);
    const rows = (await this.supervision.list(caller, q.divisionCode)).map(supervisionView);
    return exportTable(res, as, `supervision-${localDate(new Date())}`, '逾期案件督办', COLUMNS, rows);
  }

  @Post(':clockId/supervise')
  @HttpCode(200)
  @Roles('supervisor')
  async supervise(@CurrentUser() caller: Caller, @UuidParam('clockId') clockId: string, @Body() input: SuperviseInput) {
    return supervisionView(await this.supervision.supervise(caller, clockId, input.note));
  }

  @Handles(ClockOverdue)
  overdue(@Payload() p: ClockOverdueV1, @Ctx() ctx: InboxContext) {
    return this.supervision.overdue(p, ctx);
  }
}
