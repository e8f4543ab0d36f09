import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested, ArrayMaxSize } from 'class-validator';
import { RECEIVING_AGENCY_TYPES } from './agencies';
import type { ReceivingAgencyType } from './agencies';
import { dayField, divisionField, officeIdField, QUARTER_PATTERN } from './common-fields';
import { defineEvent } from './define';
import { IsFen } from './fields';
import { Topics } from './topics';
import { OBJECTION_DECISIONS, REFUSAL_GROUNDS, TERMINATION_GROUNDS } from './aid-decisions';
import { ALL_STEPS, INDUSTRIES, keysOf, MATTERS, OUTCOMES } from './vocab';
import type { AgencyStep, Industry, Matter, Outcome } from './vocab';

/** What happened to a referral at the receiving office; `progressed` is one of the agency's own steps (named in `step`). */
export const REFERRAL_MILESTONES = ['received', 'accepted', 'declined', 'returned', 'resolved', 'revoked', 'progressed'] as const;
export type ReferralMilestoneKind = (typeof REFERRAL_MILESTONES)[number];

/** A statutory clock that stopped with this milestone, and whether it stopped in time. */
export class StoppedClockV1 {
  @IsString() @MaxLength(64) rule: string;
  @IsOptional() @dayField() dueOn?: string;
  @dayField() stoppedOn: string;
  @IsBoolean() onTime: boolean;
}

/**
 * One step of a referral at the receiving office, for the statistics: pseudonymous (no worker key, name, ID number or
 * phone, no free text), so it may go to every county's figures.
 */
export class ReferralMilestoneV1 {
  @IsUUID() referralId: string;
  @IsUUID() caseId: string;
  @officeIdField() officeId: string;
  @IsIn(RECEIVING_AGENCY_TYPES) agencyType: ReceivingAgencyType;
  @divisionField() divisionCode: string;
  @IsIn(keysOf(MATTERS)) matter: Matter;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @IsBoolean() greenChannel: boolean;
  @IsIn(REFERRAL_MILESTONES) milestone: ReferralMilestoneKind;
  @IsISO8601({ strict: true }) at: string;
  @IsFen() amountClaimedFen: number;
  @IsInt() @Min(1) workersAffected: number;
  @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => StoppedClockV1) clocks: StoppedClockV1[];
  @IsOptional() @IsIn(keysOf(OUTCOMES)) outcome?: Outcome;
  @IsOptional() @IsFen() amountRecoveredFen?: number;
  @IsOptional() @IsBoolean() paymentConfirmed?: boolean;
  /** Additive, optional: the step of a `progressed` milestone, and the amount it records (ordered, drawn, transferred …). */
  @IsOptional() @IsIn(ALL_STEPS) step?: AgencyStep;
  @IsOptional() @IsFen() stepAmountFen?: number;
}

export const ReferralMilestone = defineEvent({
  type: 'referral.milestone',
  version: 1,
  payload: ReferralMilestoneV1,
  sources: RECEIVING_AGENCY_TYPES,
  topic: () => Topics.caseFacts,
  topics: [Topics.caseFacts],
  key: (p) => p.caseId,
  keyDescription: 'legal-aid case id (a case’s milestones in order)',
  description: 'A referral was received, accepted, declined, returned, resolved or revoked at the receiving office; pseudonymous, for statistics.',
  caseId: (p) => p.caseId,
  actingOffice: (p) => p.officeId,
});

export const TYPICAL_CASE_MILESTONES = ['sent', 'published'] as const;
export type TypicalCaseMilestoneKind = (typeof TYPICAL_CASE_MILESTONES)[number];

/**
 * A county's typical case (典型案例) was sent to the city for its quarterly duty, or published in the case library:
 * for the committee's quarterly figures. The title has passed the personal-data check of the text it heads.
 */
export class TypicalCaseReportedV1 {
  @IsUUID() typicalCaseId: string;
  /** The closed legal-aid case it was drafted from. */
  @IsUUID() caseId: string;
  @divisionField() divisionCode: string;
  /** The quarter whose duty it counts for, `2026-Q4`. */
  @Matches(QUARTER_PATTERN) quarter: string;
  /** That duty's last day (day 10 after the quarter, a rest day moving it), as the sending center counts it. */
  @dayField() dueOn: string;
  @IsIn(TYPICAL_CASE_MILESTONES) milestone: TypicalCaseMilestoneKind;
  @IsISO8601({ strict: true }) at: string;
  @IsString() @Length(4, 80) title: string;
}

export const TypicalCaseReported = defineEvent({
  type: 'program.typical-case',
  version: 1,
  payload: TypicalCaseReportedV1,
  sources: ['legal-aid'],
  topic: () => Topics.caseFacts,
  topics: [Topics.caseFacts],
  key: (p) => p.caseId,
  keyDescription: 'legal-aid case id (a case’s facts in order)',
  description: 'A typical case was sent by its county for the quarterly duty, or published in the case library by the city; for statistics.',
  caseId: (p) => p.caseId,
});

export const AID_DECISION_KINDS = ['refused', 'terminated', 'objection', 'objection_decided'] as const;
export type AidDecisionKind = (typeof AID_DECISION_KINDS)[number];

/**
 * A legal aid center refused or ended aid, or the justice bureau received and decided an objection (Legal Aid Law arts.
 * 43, 48, 49): for the committee's figures. Pseudonymous: the ground's code, never the reasons written for the applicant.
 */
export class AidDecisionReportedV1 {
  @IsUUID() applicationId: string;
  @officeIdField() officeId: string;
  @divisionField() divisionCode: string;
  @IsIn(AID_DECISION_KINDS) kind: AidDecisionKind;
  /** The refusal's or termination's coded ground; for a decided objection, upheld or corrected. */
  @IsIn([...keysOf(REFUSAL_GROUNDS), ...keysOf(TERMINATION_GROUNDS), ...keysOf(OBJECTION_DECISIONS)]) code: string;
  @IsIn(keysOf(MATTERS)) matter: Matter;
  @IsISO8601({ strict: true }) at: string;
}

export const AidDecisionReported = defineEvent({
  type: 'aid.decision',
  version: 1,
  payload: AidDecisionReportedV1,
  sources: ['legal-aid'],
  topic: () => Topics.caseFacts,
  topics: [Topics.caseFacts],
  key: (p) => p.applicationId,
  keyDescription: 'legal-aid case id (a case’s facts in order)',
  description: 'A refusal or termination of legal aid, or an objection received or decided by the justice bureau; pseudonymous, for statistics.',
  caseId: (p) => p.applicationId,
});
