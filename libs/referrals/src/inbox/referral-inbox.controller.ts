import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypesFrom, CurrentUser, RevealQuery, revealFor, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AcceptInput, DeclineInput, ExtendInput, InboxQuery, ProgressInput, RefuseExtensionInput, ResolveInput, ReturnInput } from './referral-inbox.dto';
import { inboxListItemView, INBOX_AGENCY_TYPE, ReferralInboxService, receivedReferralView } from './referral-inbox.service';
import { exportFormat, exportTable, UuidParam } from '@yuanlian/runtime';
import type { ExportColumn } from '@yuanlian/runtime';
import type { Response } from 'express';
import { localDate } from '@yuanlian/deadlines';

type Detail = Awaited<ReturnType<ReferralInboxService['get']>>;
type InboxRow = ReturnType<typeof inboxListItemView>;
const INBOX_COLUMNS: ExportColumn<InboxRow>[] = [
  { title: '优先', value: (r) => (r.priority ? '优先' : '') },
  { title: '本机关案号', value: (r) => r.agencyCaseNumber, width: 24 },
  { title: '劳动者', value: (r) => r.worker.name },
  { title: '事项', value: (r) => r.matterLabel },
  { title: '用人单位', value: (r) => r.employer.name, width: 30 },
  { title: '金额（元）', value: (r) => (r.amountOwedFen / 100).toFixed(2) },
  { title: '涉及人数', value: (r) => r.workersAffected },
  { title: '状态', value: (r) => r.statusLabel },
  { title: '期限', value: (r) => r.dueOn },
  { title: '已逾期', value: (r) => (r.overdue ? '是' : '否') },
];
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

  /** The inbox as filtered on screen (up to 5,000 rows), as CSV or a workbook; identity as shared, masked. */
  @Get('export.:format')
  async export(@CurrentUser() caller: Caller, @Param('format') format: string, @Query() q: InboxQuery, @Res({ passthrough: true }) res: Response) {
    const as = exportFormat(format);
    const today = localDate(new Date());
    const rows = (await this.inbox.list(caller, q.status, 5000, 0, q.overdue === 'true')).map((r) => inboxListItemView(r, this.inbox.worker(r), today));
    return exportTable(res, as, `referrals-${today}`, '转介收件箱', INBOX_COLUMNS, rows);
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
