import { Injectable, NotFoundException } from '@nestjs/common';
import type { Caller } from '@yuanlian/auth';
import { AGENCY_TYPE_NAMES, ClockOverdueV1, GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { GANZHOU_ZONES, serviceAreaName } from '@yuanlian/identity';
import { InboxContext } from '@yuanlian/messaging';
import { DataSource, In } from 'typeorm';
import { SupervisionItem } from './supervision-item.entity';

/** The areas a committee sees: the city sees every county; a county sees itself and its functional zones. */
export function areasOf(caller: Caller): string[] | 'all' {
  if (caller.divisionCode === GANZHOU_CITY_CODE) return 'all';
  return [caller.divisionCode, ...zonesOf(caller.divisionCode)];
}

const zonesOf = (county: string) => GANZHOU_ZONES.filter((z) => z.parentCode === county).map((z) => z.code);

@Injectable()
export class SupervisionService {
  constructor(private readonly dataSource: DataSource) {}

  async overdue(p: ClockOverdueV1, ctx: InboxContext): Promise<void> {
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(SupervisionItem)
      .values({ ...p, reportedAt: new Date(ctx.envelope.occurredAt), supervisedBy: null, supervisedAt: null, supervisionNote: null })
      // The same clock ran out again (paused and resumed): the item shows the latest due date.
      .orUpdate(['due_on', 'provisional', 'reported_at'], ['clock_id'])
      .execute();
  }

  async list(caller: Caller, divisionCode?: string) {
    const areas = areasOf(caller);
    const wanted = divisionCode ? (areas === 'all' || areas.includes(divisionCode) ? [divisionCode] : []) : areas;
    if (Array.isArray(wanted) && !wanted.length) return [];
    return this.dataSource.getRepository(SupervisionItem).find({
      where: wanted === 'all' ? {} : { divisionCode: In(wanted) },
      order: { dueOn: 'ASC' },
      take: 500,
    });
  }

  async supervise(caller: Caller, clockId: string, note: string): Promise<SupervisionItem> {
    const areas = areasOf(caller);
    const repo = this.dataSource.getRepository(SupervisionItem);
    const item = await repo.findOneBy({ clockId });
    if (!item || (areas !== 'all' && !areas.includes(item.divisionCode))) throw new NotFoundException('未找到该督办事项');
    Object.assign(item, { supervisedBy: caller.sub, supervisedAt: new Date(), supervisionNote: note });
    return repo.save(item);
  }
}

export function supervisionView(i: SupervisionItem) {
  return {
    ...i,
    agencyTypeLabel: AGENCY_TYPE_NAMES[i.agencyType as AgencyType],
    divisionName: serviceAreaName(i.divisionCode),
  };
}
