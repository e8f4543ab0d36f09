import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyTypes, CurrentUser, RevealQuery, revealFor, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AssignInput, CloseInput, CreateApplicationInput, ListQuery, RelatedQuery } from './application.dto';
import { applicationView } from './application.view';
import { RoutingService, settled } from '../routing/routing.service';
import { ApplicationsService } from './applications.service';
import { cstMinute, exportFormat, exportTable, UuidParam } from '@yuanlian/runtime';
import type { ExportColumn } from '@yuanlian/runtime';
import { localDate } from '@yuanlian/deadlines';
import type { Response } from 'express';

const EXPORT_LIMIT = 5000;
type CaseRow = ReturnType<typeof applicationView>;
const CASE_COLUMNS: ExportColumn<CaseRow>[] = [
  { title: '登记时间', value: (a) => cstMinute(a.createdAt), width: 18 },
  { title: '县（市、区）', value: (a) => a.divisionName },
  { title: '劳动者', value: (a) => a.worker.name },
  { title: '身份证号（已遮蔽）', value: (a) => a.worker.idNumber, width: 22 },
  { title: '事项', value: (a) => a.matterLabel },
  { title: '绿色通道', value: (a) => (a.greenChannel ? '是' : '否') },
  { title: '用人单位', value: (a) => a.employer.name, width: 30 },
  { title: '统一社会信用代码', value: (a) => a.employer.creditCode, width: 22 },
  { title: '金额（元）', value: (a) => (a.amountOwedFen / 100).toFixed(2) },
  { title: '涉及人数', value: (a) => a.workersAffected },
  { title: '状态', value: (a) => a.statusLabel },
  { title: '承办律师', value: (a) => a.lawyerName },
];


@ApiTags('applications 法律援助申请')
@ApiBearerAuth()
@AgencyTypes('legal-aid')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly router: RoutingService,
  ) {}

  @Post()
  @Roles('clerk', 'lawyer', 'supervisor')
  async create(@CurrentUser() caller: Caller, @Body() input: CreateApplicationInput) {
    const created = await this.applications.create(caller, input);
    return this.applications.view(caller, created.id);
  }

  @Get()
  async list(@CurrentUser() caller: Caller, @Query() query: ListQuery) {
    const { items, total } = await this.applications.list(caller, query.limit, query.offset, query.status, { idNumber: query.idNumber, phone: query.phone }, query.q, query.queue, query.sort);
    return { items: items.map((a) => applicationView(a)), total };
  }

  /** The list as filtered on screen (all its rows, up to 5,000), as CSV or a workbook; ID numbers and phones masked. */
  @Get('export.:format')
  async export(@CurrentUser() caller: Caller, @Param('format') format: string, @Query() query: ListQuery, @Res({ passthrough: true }) res: Response) {
    const as = exportFormat(format);
    const { items } = await this.applications.list(caller, EXPORT_LIMIT, 0, query.status, { idNumber: query.idNumber, phone: query.phone }, query.q, query.queue, query.sort);
    return exportTable(res, as, `cases-${localDate(new Date())}`, '法律援助案件', CASE_COLUMNS, items.map((a) => applicationView(a)));
  }

  /** Counts for the menu: decisions to make, returned referrals, unpaid orders to follow. */
  @Get('counts')
  async counts(@CurrentUser() caller: Caller) {
    return this.applications.counts(caller);
  }

  /** The office's lawyers with their open cases, for the director assigning one. */
  @Get('lawyers')
  async lawyers(@CurrentUser() caller: Caller) {
    return { items: await this.applications.lawyers(caller) };
  }

  /** At intake: the open cases of the same worker and of the same employer, before the clerk registers another. */
  @Get('related')
  async related(@CurrentUser() caller: Caller, @Query() query: RelatedQuery) {
    const r = await this.applications.related(caller, query.idNumber, query.creditCode);
    return {
      sameWorker: r.sameWorker.map((a) => applicationView(a)), workerTotal: r.workerTotal,
      sameEmployer: r.sameEmployer.map((a) => applicationView(a)), employerTotal: r.employerTotal,
    };
  }

  /** The worker's whole timeline: the case, its clocks, every referral with its state, clock and history. */
  @Get(':id')
  async get(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Query() q: RevealQuery) {
    const reveal = revealFor(caller, q);
    const { application, ...detail } = await this.applications.get(caller, id);
    await this.applications.recordRead(caller, id, reveal);
    return applicationView(application, detail, !!reveal);
  }

  /** Where the case should go next (matter × county × stage); the clerk confirms or changes it. */
  @Get(':id/routing')
  async routing(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    const { application } = await this.applications.get(caller, id);
    return { suggestions: this.router.suggest(application, application.referrals ?? []), settled: settled(application.referrals ?? []) };
  }

  /** Decision to grant legal aid (the decision clock stops, the assignment clock starts). */
  @Post(':id/accept')
  @HttpCode(200)
  @Roles('lawyer', 'supervisor')
  async accept(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    await this.applications.accept(caller, id);
    return this.applications.view(caller, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('supervisor')
  async assign(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: AssignInput) {
    await this.applications.assign(caller, id, input.lawyerName);
    return this.applications.view(caller, id);
  }

  /** Paperwork of a case accepted first is complete. */
  @Post(':id/paperwork')
  @HttpCode(200)
  @Roles('clerk', 'lawyer', 'supervisor')
  async paperwork(@CurrentUser() caller: Caller, @UuidParam('id') id: string) {
    await this.applications.completePaperwork(caller, id);
    return this.applications.view(caller, id);
  }

  /** Closing the loop: refused while a referral has no outcome or an order or award is unpaid. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles('lawyer', 'supervisor')
  async close(@CurrentUser() caller: Caller, @UuidParam('id') id: string, @Body() input: CloseInput) {
    await this.applications.close(caller, id, input.note);
    return this.applications.view(caller, id);
  }
}
