import { Injectable } from '@nestjs/common';
import {
  ApplicationReceivedV1, CaseSignalV1, chainKey, employerKey, normaliseProjectName, siteKey, CreditRecordV1, HotlineComplaintsV1, Observed, PetitionReportV1, WageMonitoringRecordV1,
} from '@yuanlian/contracts';
import type { AgencyType, Industry, ObservationKind, ObservationV1, SubjectKind } from '@yuanlian/contracts';
import { localDate } from '@yuanlian/deadlines';
import { InboxContext, Outbox } from '@yuanlian/messaging';
import { EntityManager } from 'typeorm';
import { schemaOf } from '@yuanlian/database';

/** What a signal says, before it is split into one observation per subject. */
interface Signal {
  divisionCode: string;
  industry: Industry;
  employerCreditCode: string;
  employerName: string;
  projectName?: string;
  kind: ObservationKind;
  day: string;
  channel?: string;
  officeId?: string;
  workerKey?: string;
  workers?: number;
  amountFen?: number;
  monthsMissed?: number;
  count?: number;
}

interface KnownProject {
  general_contractor_credit_code: string | null;
  general_contractor_name: string | null;
  government_funded: boolean;
}

/**
 * The repartition stage: every signal, whatever topic and key it came on, becomes one observation per subject
 * it concerns — the site (or the employer when there is no site) and the contractor chain above it — keyed by
 * that subject, so the instance owning the subject's partition keeps its aggregates alone.
 */
@Injectable()
export class SignalsService {
  constructor(private readonly outbox: Outbox) {}

  async application(p: ApplicationReceivedV1, ctx: InboxContext) {
    // Early warning is about wages: other matters of the program do not feed it.
    if (p.matter !== 'wage_arrears') return;
    await this.split(ctx, {
      divisionCode: p.divisionCode, industry: p.industry, employerCreditCode: p.employerCreditCode, employerName: p.employerName,
      projectName: p.projectName, kind: 'claim', day: localDate(new Date(p.receivedAt)), channel: p.channel, officeId: p.agencyId,
      workerKey: p.workerKey, workers: p.workersAffected, amountFen: p.amountOwedFen,
    });
  }

  async caseSignal(p: CaseSignalV1, ctx: InboxContext) {
    if (p.matter !== 'wage_arrears') return;
    const kind = ({ complaint_accepted: 'claim', order_to_pay: 'order', field_risk_report: 'field_report', payment: 'payment', withdrawn: 'withdrawal' } as const)[p.kind];
    await this.split(ctx, {
      divisionCode: p.divisionCode, industry: p.industry, employerCreditCode: p.employerCreditCode, employerName: p.employerName,
      projectName: p.projectName, kind, day: p.occurredOn, channel: ctx.envelope.source, workerKey: p.workerKey,
      workers: p.workersAffected, amountFen: p.kind === 'payment' ? p.amountPaidFen ?? 0 : p.amountOwedFen,
    });
  }

  async monitoring(p: WageMonitoringRecordV1, ctx: InboxContext) {
    await ctx.manager.query(
      `INSERT INTO ${this.table(ctx, 'projects')} (division_code, name, code, employer_credit_code, general_contractor_credit_code, general_contractor_name, developer_credit_code, government_funded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (division_code, name) DO UPDATE SET code = EXCLUDED.code, employer_credit_code = EXCLUDED.employer_credit_code,
         general_contractor_credit_code = COALESCE(EXCLUDED.general_contractor_credit_code, projects.general_contractor_credit_code),
         general_contractor_name = COALESCE(EXCLUDED.general_contractor_name, projects.general_contractor_name),
         developer_credit_code = COALESCE(EXCLUDED.developer_credit_code, projects.developer_credit_code),
         government_funded = EXCLUDED.government_funded OR projects.government_funded`,
      [p.divisionCode, normaliseProjectName(p.project.name), p.project.code, p.employerCreditCode, p.project.generalContractorCreditCode ?? null,
        p.project.generalContractorName ?? null, p.project.developerCreditCode ?? null, p.project.governmentFunded],
    );
    const figures: Partial<Signal> =
      // The site's attendance, when the platform gives it with a missed transfer: the workers whose wages wait on it.
      p.indicator === 'missed_transfer' ? { monthsMissed: p.monthsMissed, amountFen: p.amountFen, workers: p.attendanceHeadcount }
      : p.indicator === 'headcount_gap' ? { workers: Math.max(0, p.attendanceHeadcount! - p.paidHeadcount!), count: p.attendanceHeadcount }
      : p.indicator === 'no_wage_record' ? { workers: p.workersWithoutRecord, count: p.attendanceHeadcount }
      : {};
    if (p.indicator === 'headcount_gap' && !figures.workers) return;
    await this.split(ctx, {
      divisionCode: p.divisionCode, industry: 'construction', employerCreditCode: p.employerCreditCode, employerName: p.employerName,
      projectName: p.project.name, kind: p.indicator, day: p.observedOn, channel: 'wage_monitoring', ...figures,
    });
  }

  async hotline(p: HotlineComplaintsV1, ctx: InboxContext) {
    await this.split(ctx, {
      divisionCode: p.divisionCode, industry: await this.industryOf(ctx, p), employerCreditCode: p.employerCreditCode, employerName: p.employerName,
      projectName: p.projectName, kind: 'hotline', day: p.observedOn, channel: `hotline_${p.hotline}`, workers: p.workersMentioned, count: p.complaints,
    });
  }

  async petition(p: PetitionReportV1, ctx: InboxContext) {
    await this.split(ctx, {
      divisionCode: p.divisionCode, industry: await this.industryOf(ctx, p), employerCreditCode: p.employerCreditCode, employerName: p.employerName,
      projectName: p.projectName, kind: p.kind, day: p.observedOn, channel: 'petition', workers: p.participants, count: 1,
    });
  }

  /** Repeat offenders are looked up when a subject of the employer is evaluated. */
  async credit(p: CreditRecordV1, ctx: InboxContext) {
    await ctx.manager.query(
      `INSERT INTO ${this.table(ctx, 'credit_records')} (record_id, employer_credit_code, listing, listed_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [p.recordId, p.employerCreditCode, p.listing, p.listedOn],
    );
  }

  /** Outside feeds do not say the industry: a known project is construction, otherwise what the employer's subjects say. */
  private async industryOf(ctx: InboxContext, p: { divisionCode: string; projectName?: string; employerCreditCode: string }): Promise<Industry> {
    if (p.projectName && (await this.project(ctx.manager, ctx, p.divisionCode, p.projectName))) return 'construction';
    const [row] = await ctx.manager.query(`SELECT industry FROM ${this.table(ctx, 'subjects')} WHERE employer_credit_code = $1 LIMIT 1`, [p.employerCreditCode]);
    return (row?.industry as Industry) ?? (p.projectName ? 'construction' : 'other');
  }

  private async project(m: EntityManager, ctx: InboxContext, divisionCode: string, name: string): Promise<KnownProject | undefined> {
    const [row] = await m.query(
      `SELECT general_contractor_credit_code, general_contractor_name, government_funded FROM ${this.table(ctx, 'projects')} WHERE division_code = $1 AND name = $2`,
      [divisionCode, normaliseProjectName(name)],
    );
    return row;
  }

  private async split(ctx: InboxContext, s: Signal) {
    const project = s.projectName ? await this.project(ctx.manager, ctx, s.divisionCode, s.projectName) : undefined;
    const common = {
      divisionCode: s.divisionCode, industry: s.industry, employerCreditCode: s.employerCreditCode, employerName: s.employerName,
      ...(s.projectName ? { projectName: s.projectName } : {}),
      ...(project?.general_contractor_credit_code ? { generalContractorCreditCode: project.general_contractor_credit_code } : {}),
      ...(project ? { governmentFunded: project.government_funded } : {}),
      kind: s.kind, day: s.day, sourceEventId: ctx.envelope.eventId, sourceType: ctx.envelope.type, sourcePublishedAt: ctx.envelope.occurredAt,
      sourceAgencyType: ctx.envelope.source as AgencyType,
      ...(s.channel ? { channel: s.channel } : {}), ...(s.officeId ? { officeId: s.officeId } : {}), ...(s.workerKey ? { workerKey: s.workerKey } : {}),
      workers: s.workers ?? 0, amountFen: s.amountFen ?? 0, monthsMissed: s.monthsMissed ?? 0, count: s.count ?? 1,
    };
    const subjects: { subjectKind: SubjectKind; subjectKey: string; subjectLabel: string }[] = [
      s.projectName
        ? { subjectKind: 'site', subjectKey: siteKey(s.divisionCode, s.projectName), subjectLabel: s.projectName }
        : { subjectKind: 'employer', subjectKey: employerKey(s.employerCreditCode), subjectLabel: s.employerName },
    ];
    if (project?.general_contractor_credit_code) {
      subjects.push({
        subjectKind: 'chain', subjectKey: chainKey(project.general_contractor_credit_code),
        subjectLabel: `${project.general_contractor_name ?? project.general_contractor_credit_code}（总包）`,
      });
    }
    await this.outbox.publishAll(
      ctx.manager,
      subjects.map((subject) => ({ definition: Observed, payload: { ...subject, ...common } as ObservationV1, options: { causedBy: ctx.envelope } })),
    );
  }

  private table(ctx: InboxContext, name: string) {
    return `"${schemaOf(ctx.manager)}".${name}`;
  }
}
