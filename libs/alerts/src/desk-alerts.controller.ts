import { Controller, Get, HttpCode, Post, Query, Sse, UseGuards } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AgencyTypesFrom, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { ALERT_STATUSES, AlertIssued, AlertV1, keysOf, LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertLevel, AlertStatus } from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { UuidParam } from '@yuanlian/runtime';
import { map, Observable } from 'rxjs';
import { DESK_AGENCY_TYPES, deskAlertView, DeskAlertsService } from './desk-alerts.service';

export class AlertQuery {
  @ApiPropertyOptional({ description: '县（市、区）代码' }) @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
  @ApiPropertyOptional({ enum: LEVEL_ORDER }) @IsOptional() @IsIn(LEVEL_ORDER, { message: '预警等级无效' }) level?: AlertLevel;
  @ApiPropertyOptional({ enum: keysOf(ALERT_STATUSES) }) @IsOptional() @IsIn(keysOf(ALERT_STATUSES), { message: '预警状态无效' }) status?: AlertStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** A desk's alerts: list, live feed, one alert with its explanation, acknowledge. */
@ApiTags('alerts 预警')
@ApiBearerAuth()
@Roles('analyst', 'supervisor', 'inspector', 'officer', 'lawyer', 'clerk')
@UseGuards(AgencyTypesFrom(DESK_AGENCY_TYPES))
@Controller('alerts')
export class DeskAlertsController {
  constructor(private readonly alerts: DeskAlertsService) {}

  @Get()
  async list(@CurrentUser() caller: Caller, @Query() q: AlertQuery) {
    return { items: (await this.alerts.list(caller, q)).map((a) => deskAlertView(a, caller)) };
  }

  /** Server-sent events: every new or changed alert of the caller's office, as it arrives. */
  @Sse('stream')
  stream(@CurrentUser() caller: Caller): Observable<{ data: unknown }> {
    return this.alerts.feed(caller).pipe(map((a) => ({ data: deskAlertView(a, caller) })));
  }

  @Get(':alertId')
  async get(@CurrentUser() caller: Caller, @UuidParam('alertId') alertId: string) {
    return deskAlertView(await this.alerts.get(caller, alertId), caller);
  }

  @Post(':alertId/acknowledge')
  @HttpCode(202)
  async acknowledge(@CurrentUser() caller: Caller, @UuidParam('alertId') alertId: string) {
    return deskAlertView(await this.alerts.acknowledge(caller, alertId), caller);
  }

  @Handles(AlertIssued)
  received(@Payload() p: AlertV1, @Ctx() ctx: InboxContext) {
    return this.alerts.received(p, ctx);
  }
}
