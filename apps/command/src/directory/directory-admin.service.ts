import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { areaRefusal, recordAdminChange } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { DirectoryOffice, OfficeV1 } from '@yuanlian/contracts';
import { seedOffices } from '@yuanlian/directory';
import { Outbox } from '@yuanlian/messaging';
import { DataSource } from 'typeorm';
import { OfficeRecord } from './office.entity';
import { schemaOf } from '@yuanlian/database';
import { serviceAreaName } from '@yuanlian/identity';
import { demonstrationOffices, MAX_WINDOWS_PER_COUNTY } from './demonstration';

export type OfficeChanges = Omit<OfficeV1, 'officeId' | 'updatedAt' | 'agencyType' | 'divisionCode'>;

/** Why the caller may not change this office, or undefined when it may: a county's administrators keep their own county's offices only. */
export const officeRefusal = (caller: Caller, office: Pick<OfficeV1, 'divisionCode'>) =>
  areaRefusal(caller, office.divisionCode, { none: '无权修改机构名录', city: '市级机构只能由市级管理员修改', county: '只能修改本县（市、区）的机构' });

/** Administrators keep the agency directory here; every change goes to the compacted topic via the outbox. */
@Injectable()
export class DirectoryAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DirectoryAdminService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Seeds every Ganzhou county, zone and the city for every agency type on first start. */
  async onApplicationBootstrap() {
    await this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE "${schemaOf(m)}".offices IN EXCLUSIVE MODE`);
      if (await m.count(OfficeRecord)) return;
      const offices = seedOffices();
      await m.insert(OfficeRecord, offices.map((data) => ({ officeId: data.officeId, data, updatedBy: 'seed', updatedAt: new Date(data.updatedAt) })));
      await this.outbox.publishAll(m, offices.map((payload) => ({ definition: DirectoryOffice, payload })));
      this.logger.log(`agency directory seeded with ${offices.length} offices`);
    });
  }

  async list(filter: { agencyType?: string; divisionCode?: string }): Promise<OfficeV1[]> {
    const rows = await this.dataSource.getRepository(OfficeRecord).find({ order: { officeId: 'ASC' } });
    return rows
      .map((r) => r.data)
      .filter((o) => (!filter.agencyType || o.agencyType === filter.agencyType) && (!filter.divisionCode || o.divisionCode === filter.divisionCode));
  }

  /** Changes an office within the caller's area; the change, its audit entry and its event commit together. */
  async update(caller: Caller, id: string, changes: OfficeChanges, reason?: string): Promise<OfficeV1> {
    return this.dataSource.transaction(async (m) => {
      const record = await m.findOne(OfficeRecord, { where: { officeId: id }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundException('未找到该机构');
      const refusal = officeRefusal(caller, record.data);
      if (refusal) throw new ForbiddenException(refusal);
      if (changes.demonstration === 'window' && record.data.demonstration !== 'window') {
        // One administrator at a time names a county's windows: the count stays true until commit.
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`demonstration-windows|${record.data.divisionCode}`]);
        const windows = await demonstrationOffices(m, 'window', record.data.divisionCode);
        if (windows.length >= MAX_WINDOWS_PER_COUNTY) {
          throw new ConflictException(`${serviceAreaName(record.data.divisionCode)}已有${windows.length}个示范窗口（${windows.map((w) => w.name).join('、')}），每个县（市、区）为1至2个`);
        }
      }
      const data: OfficeV1 = { ...record.data, ...changes, officeId: id, updatedAt: new Date().toISOString() };
      await m.update(OfficeRecord, { officeId: id }, { data: data as never, updatedBy: caller.sub, updatedAt: new Date(data.updatedAt) });
      await recordAdminChange(m, caller, { action: 'office.update', target: `office:${id}`, divisionCode: data.divisionCode, before: record.data, after: data, reason });
      await this.outbox.publish(m, DirectoryOffice, data);
      return data;
    });
  }
}
