import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypesFrom, CurrentUser, RevealQuery, revealFor, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AcceptInput, DeclineInput, ExtendInput, InboxQuery, ProgressInput, RefuseExtensionInput, ResolveInput, ReturnInput } from './referral-inbox.dto';
import { inboxListItemView, INBOX_AGENCY_TYPE, ReferralInboxService, receivedReferralView } from './referral-inbox.service';
import { UuidParam } from '@yuanlian/runtime';
import { localDate } from '@yuanlian/deadlines';

type Detail = Awaited<ReturnType<ReferralInboxService['get']>>;
const detailView = (d: Detail, reveal = false) => ({ ...receivedReferralView(d.referral, d.worker, reveal), clocks: d.clocks, timeline: d.timeline, pendingExtensions: d.pendingExtensions });

@ApiTags('referral inbox 转介收件箱')
@ApiBearerAuth()
@Roles('inspector', 'officer', 'supervisor')
@UseGuards(AgencyTypesFrom(INBOX_AGENCY_TYPE))
@Controller('referrals')
export class ReferralInboxController {
  constructor(private readonly inbox: ReferralInboxService) {}

  /** The office's referrals: priority first, then the nearest deadline; `overdue=true` for the supervisor. */
  @Get()
  async list(@CurrentUser() caller: Caller, @Query() q: InboxQuery) {
    const items = await this.inbox.list(caller, q.status, q.limit, q.offset, q.overdue === 'true');
    const today = localDate(new Date());
    return { items: items.map((r) => inboxListItemView(r, this.inbox.worker(r), today)) };
  }

  /** Counts for the menu: new, overdue, extensions waiting for the head. */
  @Get('counts')
  counts(@CurrentUser() caller: Caller) {
    return this.inbox.counts(caller);
  }

  @Get(':id')
  async get(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Query() q: RevealQuery) {
    const reveal = revealFor(caller, q);
    return detailView(await this.inbox.get(caller, id, reveal), !!reveal);
  }

  @Post(':id/accept')
  @HttpCode(200)
  async accept(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: AcceptInput) {
    return detailView(await this.inbox.accept(caller, id, input));
  }

  @Post(':id/decline')
  @HttpCode(200)
  async decline(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: DeclineInput) {
    return detailView(await this.inbox.decline(caller, id, input));
  }

  /** Back to the sender for more information (the acceptance clock pauses). */
  @Post(':id/return')
  @HttpCode(200)
  async return(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ReturnInput) {
    return detailView(await this.inbox.return(caller, id, input));
  }

  @Post(':id/progress')
  @HttpCode(200)
  async progress(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ProgressInput) {
    return detailView(await this.inbox.progress(caller, id, input));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: ResolveInput) {
    return detailView(await this.inbox.resolve(caller, id, input));
  }

  /** The officer asks for an extension of a statutory clock; the supervisor approves (extend) or refuses it. */
  @Post(':id/clocks/:rule/extension-request')
  @HttpCode(200)
  async requestExtension(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Param('rule') rule: string, @Body() input: ExtendInput) {
    return detailView(await this.inbox.requestExtension(caller, id, rule, input));
  }

  @Post(':id/clocks/:rule/extension-refuse')
  @HttpCode(200)
  @Roles('supervisor')
  async refuseExtension(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Param('rule') rule: string, @Body() input: RefuseExtensionInput) {
    return detailView(await this.inbox.refuseExtension(caller, id, rule, input));
  }

  /** Approved extension of a statutory clock (负责人 only). */
  @Post(':id/clocks/:rule/extend')
  @HttpCode(200)
  @Roles('supervisor')
  async extend(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Param('rule') rule: string, @Body() input: ExtendInput) {
    return detailView(await this.inbox.extend(caller, id, rule, input));
  }
}
