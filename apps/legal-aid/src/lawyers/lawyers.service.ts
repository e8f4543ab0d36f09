import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import { fieldError } from '@yuanlian/runtime';
import { DataSource, EntityManager } from 'typeorm';
import { Application, ENDED_STATUSES_SQL } from '../applications/application.entity';
import { AidLawyer, LAWYER_KINDS } from './aid-lawyer.entity';
import { CreateLawyerInput, UpdateLawyerInput } from './lawyer.dto';

export interface RosterEntry extends AidLawyer {
  kindLabel: string;
  /** Open cases assigned to this name at the center. */
  open: number;
}

/** A center's roster (律师名册): who may be assigned its cases, with how many each has open. */
@Injectable()
export class LawyersService {
  constructor(private readonly dataSource: DataSource) {}

  async roster(caller: Caller, activeOnly = false): Promise<RosterEntry[]> {
    const lawyers = await this.dataSource.getRepository(AidLawyer).find({ where: { agencyId: caller.agencyId, ...(activeOnly ? { active: true } : {}) } });
    const load: { name: string; open: number }[] = await this.dataSource.getRepository(Application).createQueryBuilder('a')
      .select('a.lawyer_name', 'name').addSelect('count(*)::int', 'open')
      .where('a.agency_id = :agencyId', { agencyId: caller.agencyId }).andWhere('a.lawyer_name IS NOT NULL')
      .andWhere(`a.status NOT IN (${ENDED_STATUSES_SQL})`).groupBy('a.lawyer_name').getRawMany();
    const open = new Map(load.map((l) => [l.name, l.open]));
    // The least loaded first: the director sees whom to give the next case.
    return lawyers
      .map((l) => ({ ...l, kindLabel: LAWYER_KINDS[l.kind], open: open.get(l.name) ?? 0 }))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.open - b.open || a.name.localeCompare(b.name, 'zh-CN'));
  }

  async create(caller: Caller, input: CreateLawyerInput): Promise<AidLawyer> {
    if (input.kind !== 'center' && !input.firmName) throw fieldError('firmName', '律师事务所律师和基层法律服务工作者须填写所在机构');
    const lawyer = Object.assign(new AidLawyer(), {
      id: randomUUID(), agencyId: caller.agencyId, name: input.name, kind: input.kind, firmName: input.firmName ?? null,
      licenseNumber: input.licenseNumber ?? null, active: true, createdAt: new Date(),
    });
    try {
      await this.dataSource.getRepository(AidLawyer).insert(lawyer);
    } catch (e) {
      // One name per center (aid_lawyers_name): the second is refused, not stored beside the first.
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictException(`名册中已有${input.name}`);
      throw e;
    }
    return lawyer;
  }

  async update(caller: Caller, id: string, input: UpdateLawyerInput): Promise<AidLawyer> {
    const repo = this.dataSource.getRepository(AidLawyer);
    const lawyer = await repo.findOne({ where: { id, agencyId: caller.agencyId } });
    if (!lawyer) throw new NotFoundException('名册中没有此人');
    if (input.active !== undefined) lawyer.active = input.active;
    if (input.firmName !== undefined) lawyer.firmName = input.firmName;
    return repo.save(lawyer);
  }
}

/**
 * A case is assigned from the roster: where the center keeps one, the name must be on it and active (a center that
 * has not entered its roster yet assigns by name, as before).
 */
export async function checkAssignable(m: EntityManager, agencyId: string, name: string): Promise<void> {
  const entry = await m.findOne(AidLawyer, { where: { agencyId, name } });
  if (!entry && !(await m.exists(AidLawyer, { where: { agencyId } }))) return;
  if (!entry) throw fieldError('lawyerName', `${name}不在本中心律师名册中，请先在“律师名册”登记`);
  if (!entry.active) throw fieldError('lawyerName', `${name}已在名册中停用，不能指派`);
}
