import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { deskAlertView } from '@yuanlian/alerts';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { OFFICE_ID_PATTERN } from '@yuanlian/contracts';
import { UuidParam } from '@yuanlian/runtime';
import { AlertBoardService } from './alert-board.service';

export class AssignInput {
  @ApiProperty({ example: 'labor-inspection:360702', description: '承办单位' }) @Matches(OFFICE_ID_PATTERN, { message: '承办单位编号无效' }) assignedTo: string;
  @ApiPropertyOptional({ description: '交办意见' }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class CloseInput {
  @ApiProperty({ enum: ['resolved', 'cancelled'] }) @IsIn(['resolved', 'cancelled'], { message: '应为 resolved（已化解）或 cancelled（撤销）' }) status: 'resolved' | 'cancelled';
  @ApiProperty({ description: '化解或撤销的理由' }) @IsString() @Length(2, 500, { message: '请填写理由（2至500个字符）' }) reason: string;
}

export class SuperviseAlertInput {
  @ApiProperty({ description: '督办意见' }) @IsString() @Length(2, 2000, { message: '请填写督办意见（2至2000个字符）' }) note: string;
}

/** The political-legal committee's alert board: assign, close, supervise, and the county overview. */
@ApiTags('alerts 预警')
@ApiBearerAuth()
@AgencyTypes('command')
@Roles('analyst', 'supervisor')
@Controller()
export class AlertBoardController {
  constructor(private readonly board: AlertBoardService) {}

  /** Live alerts and overdue cases per county of the caller's city or county, for the map and the grid. */
  @Get('overview')
  overview(@CurrentUser() caller: Caller) {
    return this.board.overview(caller);
  }

  @Post('alerts/:alertId/assign')
  @HttpCode(202)
  @Roles('supervisor')
  async assign(@CurrentUser() caller: Caller, @UuidParam('alertId') alertId: string, @Body() input: AssignInput) {
    return deskAlertView(await this.board.assign(caller, alertId, input.assignedTo, input.note), caller);
  }

  @Post('alerts/:alertId/close')
  @HttpCode(202)
  @Roles('supervisor')
  async close(@CurrentUser() caller: Caller, @UuidParam('alertId') alertId: string, @Body() input: CloseInput) {
    return deskAlertView(await this.board.close(caller, alertId, input.status, input.reason), caller);
  }

  /** A supervision note (督办意见) on an alert, kept by the committee. */
  @Post('alerts/:alertId/supervise')
  @HttpCode(200)
  @Roles('supervisor')
  async supervise(@CurrentUser() caller: Caller, @UuidParam('alertId') alertId: string, @Body() input: SuperviseAlertInput) {
    return deskAlertView(await this.board.supervise(caller, alertId, input.note), caller);
  }
}
