import { ForbiddenException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@yuanlian/auth';
import { AGENCY_TYPE_NAMES, DEMONSTRATION } from '@yuanlian/contracts';
import { localDate } from '@yuanlian/deadlines';
import { DEMONSTRATION_SITES } from '@yuanlian/directory';
import { GANZHOU_COUNTIES, GANZHOU_ZONES, serviceAreaName } from '@yuanlian/identity';
import { fieldError } from '@yuanlian/runtime';
import { DataSource } from 'typeorm';
import { demonstrationOffices, MAX_WINDOWS_PER_COUNTY } from '../directory/demonstration';
import { areasOf } from '../supervision/supervision.service';
import { InnovationReport } from './innovation-report.entity';

export const REPORT_STATUSES = { submitted: '已报送', pending: '待报送', overdue: '逾期未报送' } as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;

/** A year's innovation report duty: met by one report; due by 31 December. */
export function reportStatus(reports: number, year: number, today: string): ReportStatus {
  return reports > 0 ? 'submitted' : today > `${year}-12-31` ? 'overdue' : 'pending';
}

/** What a county's demonstration set-up lacks, if anything. */
export function windowProblem(site: boolean, windows: number): string | null {
  if (windows > MAX_WINDOWS_PER_COUNTY) return `示范窗口${windows}个，超过${MAX_WINDOWS_PER_COUNTY}个`;
  if (!site && windows === 0) return '尚未设立示范窗口';
  return null;
}

/** The program's demonstration sites and windows, and their yearly innovation reports. */
@Injectable()
export class ProgramService {
  constructor(private readonly dataSource: DataSource) {}

  async demonstration(caller: Caller, year: number, today = localDate(new Date())) {
    const visible = areasOf(caller);
    const areas = [...GANZHOU_COUNTIES, ...GANZHOU_ZONES].map((a) => a.code).filter((a) => visible === 'all' || visible.includes(a));
    const offices = (await demonstrationOffices(this.dataSource.manager)).filter((o) => areas.includes(o.divisionCode));
    const reports = await this.dataSource.getRepository(InnovationReport).find({ where: { year }, order: { submittedAt: 'DESC' } });
    const rows = offices.map((o) => {
      const mine = reports.filter((r) => r.officeId === o.officeId);
      const status = reportStatus(mine.length, year, today);
      return {
        officeId: o.officeId, name: o.name, agencyType: o.agencyType, agencyTypeName: AGENCY_TYPE_NAMES[o.agencyType], divisionCode: o.divisionCode,
        divisionName: serviceAreaName(o.divisionCode), demonstration: o.demonstration, demonstrationLabel: DEMONSTRATION[o.demonstration],
        reports: mine.length, latest: mine[0] ? { title: mine[0].title, submittedAt: mine[0].submittedAt } : null, status, statusLabel: REPORT_STATUSES[status],
      };
    });
    const counties = areas.map((code) => {
      const windows = offices.filter((o) => o.divisionCode === code && o.demonstration === 'window').length;
      const site = DEMONSTRATION_SITES.includes(code);
      return { divisionCode: code, divisionName: serviceAreaName(code), site, windows, problem: windowProblem(site, windows) };
    });
    const count = (s: ReportStatus) => rows.filter((r) => r.status === s).length;
    return {
      year, dueOn: `${year}-12-31`, counties, offices: rows,
      counts: { offices: rows.length, submitted: count('submitted'), pending: count('pending'), overdue: count('overdue'), countiesWithProblems: counties.filter((c) => c.problem).length },
    };
  }

  /** A demonstration site or window reports its year's innovation (only its own staff, only for this or last year). */
  async submit(caller: Caller, input: { year?: number; title: string; summary: string }) {
    const office = (await demonstrationOffices(this.dataSource.manager)).find((o) => o.officeId === caller.agencyId);
    if (!office) throw new ForbiddenException('本单位不是示范点或示范窗口，无需报送创新经验报告');
    const thisYear = Number(localDate(new Date()).slice(0, 4));
    const year = input.year ?? thisYear;
    if (year !== thisYear && year !== thisYear - 1) throw fieldError('year', `只能报送${thisYear - 1}年或${thisYear}年的创新经验报告`);
    const report = this.dataSource.getRepository(InnovationReport).create({
      id: randomUUID(), officeId: office.officeId, divisionCode: office.divisionCode, year, title: input.title.trim(), summary: input.summary.trim(),
      submittedBy: caller.sub, submittedByName: caller.name, submittedAt: new Date(),
    });
    await this.dataSource.getRepository(InnovationReport).insert(report);
    return report;
  }

  async reports(caller: Caller, year: number) {
    const visible = areasOf(caller);
    const items = await this.dataSource.getRepository(InnovationReport).find({ where: { year }, order: { submittedAt: 'DESC' } });
    return { items: items.filter((r) => visible === 'all' || visible.includes(r.divisionCode)).map((r) => ({ ...r, divisionName: serviceAreaName(r.divisionCode) })) };
  }
}
