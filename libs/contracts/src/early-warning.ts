import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AGENCY_TYPE_NAMES, RECEIVING_AGENCY_TYPES } from './agencies';
import type { AgencyType } from './agencies';
import { creditCodeField, dayField, divisionField, officeIdField, workerKeyField } from './common-fields';
import { defineEvent } from './define';
import { IsFen } from './fields';
import { ALERT_DESK_TYPES, Topics } from './topics';
import { HOTLINES, WORKER_ESTIMATE_SOURCES } from './signal-sources';
import type { WorkerEstimateSource } from './signal-sources';
export { HOTLINES, signalSourceLabel, WORKER_ESTIMATE_SOURCES } from './signal-sources';
export type { WorkerEstimateSource } from './signal-sources';
export type { Hotline } from './signal-sources';
import type { Hotline } from './signal-sources';
import type { AlertDeskType } from './topics';
import { CHANNELS, INDUSTRIES, keysOf, MATTERS } from './vocab';
import type { Industry, Matter } from './vocab';

export const ALERT_LEVELS = { blue: '蓝色（一般）', yellow: '黄色（较重）', orange: '橙色（严重）', red: '红色（特别严重）' } as const;
export type AlertLevel = keyof typeof ALERT_LEVELS;
export const LEVEL_ORDER: readonly AlertLevel[] = ['blue', 'yellow', 'orange', 'red'];
/** CAP 1.2 severity for each level. */
export const CAP_SEVERITY: Record<AlertLevel, 'Minor' | 'Moderate' | 'Severe' | 'Extreme'> = {
  blue: 'Minor', yellow: 'Moderate', orange: 'Severe', red: 'Extreme',
};

// ---------------------------------------------------------------------------------------------------------------
// Signals from the agencies' own case work, pseudonymous (worker key, no name, ID number or phone).

export const CASE_SIGNAL_KINDS = {
  complaint_accepted: '受理投诉/案件',
  order_to_pay: '限期支付指令/裁决/判决',
  field_risk_report: '工会一线风险报告',
  payment: '工资已支付',
  withdrawn: '申请人撤回',
} as const;
export type CaseSignalKind = keyof typeof CASE_SIGNAL_KINDS;

export class CaseSignalV1 {
  @IsIn(keysOf(CASE_SIGNAL_KINDS)) kind: CaseSignalKind;
  @IsUUID() caseId: string;
  @IsUUID() referralId: string;
  @officeIdField() officeId: string;
  @divisionField() divisionCode: string;
  @IsIn(keysOf(MATTERS)) matter: Matter;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsOptional() @IsString() @MaxLength(200) projectName?: string;
  @workerKeyField() workerKey: string;
  @IsInt() @Min(1) @Max(100000) workersAffected: number;
  @IsFen() amountOwedFen: number;
  @IsOptional() @IsFen() amountPaidFen?: number;
  @dayField() occurredOn: string;
}

export const CaseSignal = defineEvent({
  type: 'case.signal',
  version: 1,
  payload: CaseSignalV1,
  sources: RECEIVING_AGENCY_TYPES,
  topic: () => Topics.riskSignals,
  topics: [Topics.riskSignals],
  key: (p) => p.employerCreditCode,
  keyDescription: 'employer credit code',
  caseId: (p) => p.caseId,
  actingOffice: (p) => p.officeId,
  description: "A receiving agency's step on a wage case (accepted, order to pay, field report, payment), pseudonymous, for early warning.",
});

// ---------------------------------------------------------------------------------------------------------------
// Outside feeds, validated by early warning's ingestion API and turned into events.

export class MonitoredProject {
  @IsString() @MaxLength(64) @Matches(/^\S+$/, { message: 'code 不能包含空白字符' }) code: string;
  @IsString() @MaxLength(200) name: string;
  @IsBoolean() governmentFunded: boolean;
  @IsOptional() @creditCodeField() developerCreditCode?: string;
  @IsOptional() @creditCodeField() generalContractorCreditCode?: string;
  @IsOptional() @IsString() @MaxLength(200) generalContractorName?: string;
}

export const MONITORING_INDICATORS = {
  missed_transfer: '人工费用未按月拨付至农民工工资专用账户',
  headcount_gap: '实发工资人数少于考勤人数',
  no_wage_record: '考勤人员无工资发放记录',
  transfer_made: '人工费用已拨付',
} as const;
export type MonitoringIndicator = keyof typeof MONITORING_INDICATORS;

/** One finding of the wage-payment monitoring platform (欠薪预警监测平台) about a construction project. */
export class WageMonitoringRecordV1 {
  @IsString() @MaxLength(64) recordId: string;
  @divisionField() divisionCode: string;
  @IsDefined({ message: '缺少项目信息' }) @ValidateNested() @Type(() => MonitoredProject) project: MonitoredProject;
  /** The employer paying the workers (labor subcontractor or general contractor). */
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsIn(keysOf(MONITORING_INDICATORS), { message: 'indicator 应为 missed_transfer、headcount_gap、no_wage_record 或 transfer_made' })
  indicator: MonitoringIndicator;
  @ValidateIf((o) => o.indicator === 'missed_transfer') @IsInt({ message: 'missed_transfer 须填写 monthsMissed（整数）' }) @Min(1) @Max(36)
  monthsMissed?: number;
  /** Required with headcount_gap and no_wage_record; optional with the others (a missed transfer's site attendance). */
  @ValidateIf((o) => o.indicator === 'headcount_gap' || o.indicator === 'no_wage_record' || o.attendanceHeadcount !== undefined)
  @IsInt({ message: '须填写考勤人数 attendanceHeadcount（整数）' }) @Min(1) @Max(100000)
  attendanceHeadcount?: number;
  @ValidateIf((o) => o.indicator === 'headcount_gap') @IsInt({ message: 'headcount_gap 须填写实发人数 paidHeadcount（整数）' }) @Min(0) @Max(100000)
  paidHeadcount?: number;
  @ValidateIf((o) => o.indicator === 'no_wage_record') @IsInt({ message: 'no_wage_record 须填写无工资记录人数 workersWithoutRecord（整数）' }) @Min(1) @Max(100000)
  workersWithoutRecord?: number;
  @IsOptional() @IsFen() amountFen?: number;
  @dayField() observedOn: string;
}


/** Complaints about one employer received by a hotline on one day. */
export class HotlineComplaintsV1 {
  @IsString() @MaxLength(64) recordId: string;
  @IsIn(keysOf(HOTLINES), { message: 'hotline 应为 12345、12333 或 12348' }) hotline: Hotline;
  @divisionField() divisionCode: string;
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsOptional() @IsString() @MaxLength(200) projectName?: string;
  @IsInt() @Min(1) @Max(10000) complaints: number;
  @IsOptional() @IsInt() @Min(1) @Max(100000) workersMentioned?: number;
  @dayField() observedOn: string;
}

export const PETITION_KINDS = { petition: '信访', gathering: '聚集' } as const;
export type PetitionKind = keyof typeof PETITION_KINDS;

/** A petition or gathering about unpaid wages, reported by the petition bureau or the police. */
export class PetitionReportV1 {
  @IsString() @MaxLength(64) recordId: string;
  @IsIn(keysOf(PETITION_KINDS), { message: 'kind 应为 petition 或 gathering' }) kind: PetitionKind;
  @divisionField() divisionCode: string;
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsOptional() @IsString() @MaxLength(200) projectName?: string;
  @IsInt() @Min(1) @Max(100000) participants: number;
  @dayField() observedOn: string;
}

export const CREDIT_LISTINGS = { blacklist: '拖欠农民工工资失信联合惩戒对象名单', arrears_record: '近两年欠薪记录' } as const;
export type CreditListing = keyof typeof CREDIT_LISTINGS;

/** An employer on the arrears blacklist or with recorded arrears in the past two years (repeat offender). */
export class CreditRecordV1 {
  @IsString() @MaxLength(64) recordId: string;
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsIn(keysOf(CREDIT_LISTINGS), { message: 'listing 应为 blacklist 或 arrears_record' }) listing: CreditListing;
  @dayField() listedOn: string;
}

const feedEvent = <P extends { recordId: string; employerCreditCode: string }>(type: string, payload: new () => P, description: string) =>
  defineEvent<P>({
    type,
    version: 1,
    payload,
    sources: ['early-warning'],
    topic: () => Topics.riskSignals,
    topics: [Topics.riskSignals],
    key: (p) => p.employerCreditCode,
    keyDescription: 'employer credit code',
    caseId: (p) => p.recordId,
    description,
  });

export const WageMonitoringRecorded = feedEvent('feed.wage-monitoring', WageMonitoringRecordV1, 'A finding of the wage-payment monitoring platform about a construction project.');
export const HotlineComplaintsRecorded = feedEvent('feed.hotline', HotlineComplaintsV1, 'Complaints about one employer on a hotline (12345 / 12333 / 12348) on one day.');
export const PetitionReported = feedEvent('feed.petition', PetitionReportV1, 'A petition or gathering about unpaid wages.');
export const CreditRecorded = feedEvent('feed.credit', CreditRecordV1, 'An employer on the arrears blacklist or with arrears in the past two years.');

// ---------------------------------------------------------------------------------------------------------------
// Early warning's repartition: one observation per subject, keyed by the subject so one instance owns each.

export const SUBJECT_KINDS = { employer: '用人单位', site: '项目工地', chain: '总包链条' } as const;
export type SubjectKind = keyof typeof SUBJECT_KINDS;

/** Project names as people type them: spaces and full-width spaces do not make another site. */
export const normaliseProjectName = (name: string) => name.replace(/[\s\u3000]+/g, '').slice(0, 200);
export const siteKey = (divisionCode: string, projectName: string) => `site:${divisionCode}:${normaliseProjectName(projectName)}`;
export const employerKey = (creditCode: string) => `employer:${creditCode}`;
export const chainKey = (generalContractorCreditCode: string) => `chain:${generalContractorCreditCode}`;

export const OBSERVATION_KINDS = {
  claim: '劳动者欠薪申请/投诉',
  order: '限期支付指令/裁决/判决',
  payment: '工资已支付',
  hotline: '热线投诉',
  missed_transfer: '人工费未拨付',
  headcount_gap: '实发人数少于考勤人数',
  no_wage_record: '无工资发放记录',
  transfer_made: '人工费已拨付',
  withdrawal: '申请人撤回',
  field_report: '工会一线风险报告',
  petition: '信访',
  gathering: '聚集',
  credit: '失信/欠薪记录',
} as const;
export type ObservationKind = keyof typeof OBSERVATION_KINDS;

export class ObservationV1 {
  @IsIn(keysOf(SUBJECT_KINDS)) subjectKind: SubjectKind;
  @IsString() @MaxLength(300) subjectKey: string;
  @IsString() @MaxLength(200) subjectLabel: string;
  @divisionField() divisionCode: string;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @creditCodeField() employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsOptional() @IsString() @MaxLength(200) projectName?: string;
  @IsOptional() @creditCodeField() generalContractorCreditCode?: string;
  @IsOptional() @IsBoolean() governmentFunded?: boolean;
  @IsIn(keysOf(OBSERVATION_KINDS)) kind: ObservationKind;
  @dayField() day: string;
  /** Where it came from: the source event, its type, when it was published (for detection latency). */
  @IsUUID() sourceEventId: string;
  @IsString() @MaxLength(100) sourceType: string;
  @IsISO8601({ strict: true }) sourcePublishedAt: string;
  @IsIn(['legal-aid', ...RECEIVING_AGENCY_TYPES, 'early-warning']) sourceAgencyType: AgencyType;
  /** Channel of a complaint: an intake channel, a hotline, or the agency that accepted it. */
  @IsOptional() @IsString() @MaxLength(40) channel?: string;
  /** The legal aid center holding the case, for routing. */
  @IsOptional() @officeIdField() officeId?: string;
  @IsOptional() @workerKeyField() workerKey?: string;
  @IsInt() @Min(0) @Max(100000) workers: number;
  @IsFen() amountFen: number;
  @IsInt() @Min(0) @Max(36) monthsMissed: number;
  @IsInt() @Min(0) @Max(10000) count: number;
}

export const Observed = defineEvent({
  type: 'ew.observation',
  version: 1,
  payload: ObservationV1,
  sources: ['early-warning'],
  topic: () => Topics.observations,
  topics: [Topics.observations],
  key: (p) => p.subjectKey,
  keyDescription: 'subject key (employer:…, site:…, chain:…)',
  caseId: (p) => p.subjectKey.slice(0, 64),
  description: "Early warning's repartition of a signal by subject, so one instance keeps each subject's aggregates.",
});

// ---------------------------------------------------------------------------------------------------------------
// Alerts (in the spirit of OASIS CAP 1.2) and the desks' answers.

export class AlertSubject {
  @IsIn(keysOf(SUBJECT_KINDS)) kind: SubjectKind;
  @IsString() @MaxLength(300) key: string;
  @IsString() @MaxLength(200) label: string;
  @divisionField() divisionCode: string;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @IsBoolean() governmentFunded: boolean;
  @IsBoolean() repeatOffender: boolean;
}

export class FiredRule {
  @IsString() @MaxLength(40) rule: string;
  @IsString() @MaxLength(100) label: string;
  @IsIn(keysOf(ALERT_LEVELS)) level: AlertLevel;
  @IsInt() @Min(0) value: number;
  @IsInt() @Min(0) threshold: number;
  @IsString() @MaxLength(300) detail: string;
}

/** One figure behind the worker estimate, with its source. */
export class WorkerEvidence {
  @IsIn(keysOf(WORKER_ESTIMATE_SOURCES)) source: WorkerEstimateSource;
  @IsInt() @Min(0) workers: number;
}

export class AlertFigures {
  /** The estimate: the best of `workersBasis`. */
  @IsInt() @Min(0) workers: number;
  /** Every source that gave a figure, the highest first (absent in alerts raised before estimates were kept). */
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => WorkerEvidence) workersBasis?: WorkerEvidence[];
  /** Claims this employer usually has open at a time and pays (from its paid claims in the window), not counted as a group. */
  @IsOptional() @IsInt() @Min(0) usualOpenClaims?: number;
  @IsInt() @Min(0) workersPaid: number;
  @IsFen() outstandingFen: number;
  @IsInt() @Min(0) monthsInArrears: number;
  @IsInt() @Min(0) complaints: number;
  @IsArray() @IsString({ each: true }) @ArrayMaxSize(20) channels: string[];
  @IsInt() @Min(0) sites: number;
  @IsInt() @Min(0) signals: number;
  @IsOptional() @IsInt() daysToSpringFestival?: number;
}

export class ContributingSignal {
  @IsIn(keysOf(OBSERVATION_KINDS)) kind: ObservationKind;
  @dayField() day: string;
  @IsString() @MaxLength(40) source: string;
  @IsInt() @Min(0) count: number;
}

export class AlertExplanation {
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => FiredRule) rules: FiredRule[];
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => FiredRule) amplifiers: FiredRule[];
  @IsDefined() @ValidateNested() @Type(() => AlertFigures) figures: AlertFigures;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ContributingSignal) signals: ContributingSignal[];
}

export class Acknowledgement {
  @officeIdField() officeId: string;
  @IsString() @MaxLength(64) by: string;
  @IsISO8601({ strict: true }) at: string;
}

export const ALERT_STATUSES = { live: '处置中', resolved: '已化解', cancelled: '已撤销' } as const;
export type AlertStatus = keyof typeof ALERT_STATUSES;

export class AlertV1 {
  /** Which desk type this copy is addressed to (one copy per desk type, on that type's topic). */
  @IsIn(ALERT_DESK_TYPES) deskType: AlertDeskType;
  @IsUUID() alertId: string;
  @IsInt() @Min(1) sequence: number;
  @IsIn(['Alert', 'Update', 'Cancel']) msgType: 'Alert' | 'Update' | 'Cancel';
  @IsIn(keysOf(ALERT_STATUSES)) status: AlertStatus;
  @IsOptional() @IsString() @MaxLength(500) statusReason?: string;
  @IsIn(keysOf(ALERT_LEVELS)) level: AlertLevel;
  @IsIn(['Minor', 'Moderate', 'Severe', 'Extreme']) severity: string;
  @IsIn(keysOf(ALERT_LEVELS)) peakLevel: AlertLevel;
  /** What changed in this message, in plain words. */
  @IsString() @MaxLength(300) change: string;
  @IsDefined() @ValidateNested() @Type(() => AlertSubject) subject: AlertSubject;
  @IsArray() @ArrayMaxSize(50) @officeIdField({ each: true }) desks: string[];
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => Acknowledgement) acknowledgements: Acknowledgement[];
  @IsOptional() @officeIdField() assignedTo?: string;
  @IsInt() @Min(0) escalations: number;
  @IsDefined() @ValidateNested() @Type(() => AlertExplanation) explanation: AlertExplanation;
  /** Related alerts (a contractor chain's alert references its sites'). */
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) references: string[];
  @dayField() raisedOn: string;
  @dayField() levelSince: string;
  /** First day the alert stood at orange or red. */
  @IsOptional() @dayField() severeSince?: string;
  @dayField() asOf: string;
  @IsOptional() @IsUUID() triggerEventId?: string;
  @IsOptional() @IsISO8601({ strict: true }) triggerPublishedAt?: string;
  @IsISO8601({ strict: true }) sentAt: string;
}

export const AlertIssued = defineEvent({
  type: 'alert.issued',
  version: 1,
  payload: AlertV1,
  sources: ['early-warning'],
  topic: (p) => Topics.alertsTo(p.deskType),
  topics: ALERT_DESK_TYPES.map((t) => Topics.alertsTo(t)),
  key: (p) => p.alertId,
  keyDescription: 'alert id',
  caseId: (p) => p.alertId,
  description: 'An alert raised, updated (level, evidence, acknowledgements, assignment, escalation) or closed; aggregated and pseudonymous.',
});


/** Every alerted desk acknowledges (the housing bureau's desk lives in the committee's service); only the committee assigns and closes. */
const ACKNOWLEDGING_SOURCES = ['command', 'labor-inspection', 'union', 'legal-aid'] as const;
const COMMITTEE = ['command'] as const;

export class AlertAcknowledgedV1 {
  @IsUUID() alertId: string;
  @officeIdField() officeId: string;
  @IsString() @MaxLength(64) by: string;
  @IsISO8601({ strict: true }) at: string;
}

export class AlertAssignedV1 {
  @IsUUID() alertId: string;
  @officeIdField() officeId: string;
  @IsString() @MaxLength(64) by: string;
  @officeIdField() assignedTo: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsISO8601({ strict: true }) at: string;
}

export class AlertClosedV1 {
  @IsUUID() alertId: string;
  @officeIdField() officeId: string;
  @IsString() @MaxLength(64) by: string;
  @IsIn(['resolved', 'cancelled']) status: 'resolved' | 'cancelled';
  @IsString() @MaxLength(500) reason: string;
  @IsISO8601({ strict: true }) at: string;
}

const alertAction = <P extends { alertId: string; officeId: string }>(type: string, payload: new () => P, sources: readonly AgencyType[], description: string) =>
  defineEvent<P>({
    type, version: 1, payload, sources, actingOffice: (p) => p.officeId,
    topic: () => Topics.alertActions, topics: [Topics.alertActions],
    key: (p) => p.alertId, keyDescription: 'alert id', caseId: (p) => p.alertId, description,
  });

export const AlertAcknowledged = alertAction('alert.acknowledged', AlertAcknowledgedV1, ACKNOWLEDGING_SOURCES, 'A desk acknowledged an alert.');
export const AlertAssigned = alertAction('alert.assigned', AlertAssignedV1, COMMITTEE, 'The political-legal committee assigned an alert to a handling agency.');
export const AlertClosed = alertAction('alert.closed', AlertClosedV1, COMMITTEE, 'The political-legal committee resolved or cancelled an alert, with the reason.');
