import { Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AcceptInput, DeclineInput, InboxQuery, RevealQuery } from './referral-inbox.dto';
import { ReferralInboxService, receivedReferralView } from './referral-inbox.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('referral inbox 转介收件箱')
@ApiBearerAuth()
@Roles('inspector', 'officer', 'supervisor')
@Controller('referrals')
export class ReferralInboxController {
  constructor(private readonly inbox: ReferralInboxService) {}

  @Get()
  async list(@CurrentUser() caller: Caller, @Query() q: InboxQuery) {
    const items = await this.inbox.list(caller, q.status, q.limit, q.offset);
    return { items: items.map((r) => receivedReferralView(r)) };
  }

  @Get(':id')
  async get(@CurrentUser() caller: Caller, @Param('id', uuid) id: string, @Query() q: RevealQuery) {
    const reveal = q.purpose !== undefined;
    if (reveal && !caller.roles.includes('pii_reveal')) throw new ForbiddenException('无权查看完整身份信息');
    return receivedReferralView(await this.inbox.get(caller, id), reveal);
  }

  @Post(':id/accept')
  @HttpCode(200)
  async accept(@CurrentUser() caller: Caller, @Param('id', uuid) id: string, @Body() input: AcceptInput) {
    return receivedReferralView(await this.inbox.accept(caller, id, input));
  }

  @Post(':id/decline')
  @HttpCode(200)
  async decline(@CurrentUser() caller: Caller, @Param('id', uuid) id: string, @Body() input: DeclineInput) {
    return receivedReferralView(await this.inbox.decline(caller, id, input));
  }
}
