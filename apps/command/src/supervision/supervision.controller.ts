import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { ClockOverdue, ClockOverdueV1 } from '@yuanlian/contracts';
import { Handles, InboxContext } from '@yuanlian/messaging';
import { SupervisionService, supervisionView } from './supervision.service';
import { UuidParam } from '@yuanlian/runtime';

export class SupervisionQuery {
  @ApiPropertyOptional({ description: '县（市、区）代码' }) @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
}

export class SuperviseInput {
  @ApiProperty({ description: '督办意见' }) @IsString() @Length(2, 2000, { message: '请填写督办意见（2至2000个字符）' }) note: string;
}

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
