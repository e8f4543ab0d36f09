import { Type } from 'class-transformer';
import {
  IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { RECEIVING_AGENCY_TYPES } from './agencies';
import type { AgencyType, ReceivingAgencyType } from './agencies';
import { dayField, officeIdField, workerKeyField } from './common-fields';
import { defineEvent } from './define';
import { IsFen } from './fields';
import { Topics } from './topics';
import { ALL_STEPS, DECLINE_REASONS, DISCLOSURE_PURPOSES, INDUSTRIES, keysOf, MATTERS, OUTCOMES, SHAREABLE_FIELDS } from './vocab';
import type { AgencyStep, DeclineReason, DisclosurePurpose, Industry, Matter, Outcome, ShareableField } from './vocab';

/** Where a referral event goes: to the receiving agency type, or back to the sending one. */
interface Route<P> {
  sources: readonly AgencyType[];
  topic: (payload: P) => string;
  topics: readonly string[];
  actingOffice: (payload: P) => string;
}

// The sending legal aid center speaks on the way there; the office the referral is addressed to on the way back.
const toReceiver = {
  sources: ['legal-aid'] as const,
  topic: (p: { toAgencyType: ReceivingAgencyType }) => Topics.referralsTo(p.toAgencyType),
  topics: RECEIVING_AGENCY_TYPES.map((t) => Topics.referralsTo(t)),
  actingOffice: (p: { fromAgencyId: string }) => p.fromAgencyId,
};

const toSender = {
  sources: RECEIVING_AGENCY_TYPES,
  topic: (p: { fromAgencyType: AgencyType }) => Topics.referralUpdatesTo(p.fromAgencyType),
  topics: [Topics.referralUpdatesTo('legal-aid')],
  actingOffice: (p: { toAgencyId: string }) => p.toAgencyId,
};

/** Every referral event is keyed by the referral, so a referral's events stay in order on its topic. */
const referralEvent = <P extends { referralId: string; caseId: string }>(type: string, payload: new () => P, route: Route<P>, description: string, personalData = false) =>
  defineEvent<P>({ type, version: 1, payload, ...route, key: (p) => p.referralId, keyDescription: 'referral id', caseId: (p) => p.caseId, description, personalData });

export class ReferredWorker {
  @workerKeyField() key: string;
  @IsString() @MaxLength(50) name: string;
  /** Raw ID number, only when the sender shares it (see purposeCode and shared). */
  @IsOptional() @Matches(/^\d{17}[\dX]$/) idNumber?: string;
  @IsOptional() @IsString() @MaxLength(20) phone?: string;
}

export class ReferredEmployer {
  @IsString() @MaxLength(200) name: string;
  @Matches(/^[0-9A-Z]{18}$/) creditCode: string;
}

export class ReferredProject {
  @IsString() @MaxLength(200) name: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
}

/** A case is referred to an office of a receiving agency. Goes only to that agency type's topic. */
export class ReferralRequestedV1 {
  @IsUUID() referralId: string;
  @IsUUID() caseId: string;
  @officeIdField() fromAgencyId: string;
  @IsIn(['legal-aid']) fromAgencyType: AgencyType;
  @officeIdField() toAgencyId: string;
  @IsIn(RECEIVING_AGENCY_TYPES) toAgencyType: ReceivingAgencyType;
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  @IsIn(keysOf(MATTERS)) matter: Matter;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @IsBoolean() greenChannel: boolean;
  @IsBoolean() priority: boolean;
  @IsIn(keysOf(DISCLOSURE_PURPOSES)) purposeCode: DisclosurePurpose;
  @IsString() @MaxLength(300) legalBasis: string;
  /** The optional fields the sender chose to share (minimum necessity); the receiver keeps only these. */
  @IsArray() @IsIn(keysOf(SHAREABLE_FIELDS), { each: true }) shared: ShareableField[];
  @IsDefined() @ValidateNested() @Type(() => ReferredWorker) worker: ReferredWorker;
  @IsDefined() @ValidateNested() @Type(() => ReferredEmployer) employer: ReferredEmployer;
  @IsOptional() @ValidateNested() @Type(() => ReferredProject) project?: ReferredProject;
  @IsFen() amountOwedFen: number;
  @IsInt() @Min(1) workersAffected: number;
  @IsString() @MaxLength(2000) summary: string;
  @IsString() @MaxLength(64) requestedBy: string;
  @IsISO8601({ strict: true }) requestedAt: string;
}

export const ReferralRequested = referralEvent(
  'referral.requested',
  ReferralRequestedV1,
  toReceiver,
  'A case is referred to an office of a receiving agency; only that agency type reads the topic.',
  true,
);

/** The receiving office's statutory clock on a referral, as the sender sees it. */
export class ClockSnapshot {
  @IsString() @MaxLength(64) rule: string;
  @IsOptional() @dayField() dueOn?: string;
  @IsBoolean() provisional: boolean;
  @IsIn(['running', 'paused', 'stopped']) status: 'running' | 'paused' | 'stopped';
}

/** Fields every status update carries: which referral, which office, back to which sender. */
export class ReferralUpdateBase {
  @IsUUID() referralId: string;
  @IsUUID() caseId: string;
  @officeIdField() toAgencyId: string;
  @IsIn(['legal-aid']) fromAgencyType: AgencyType;
  @IsISO8601({ strict: true }) at: string;
  /** The receiving agency's own case number (complaint, arbitration or court case number), once it has one. */
  @IsOptional() @IsString() @MaxLength(64) agencyCaseNumber?: string;
  @IsOptional() @ValidateNested() @Type(() => ClockSnapshot) clock?: ClockSnapshot;
}

export class ReferralReceivedV1 extends ReferralUpdateBase {}

export class ReferralAcceptedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) acceptedBy: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReferralDeclinedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) declinedBy: string;
  @IsIn(keysOf(DECLINE_REASONS)) reasonCode: DeclineReason;
  @IsString() @MaxLength(2000) reason: string;
  @IsOptional() @officeIdField() suggestedAgencyId?: string;
}

export class ReferralReturnedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) returnedBy: string;
  @IsString() @MaxLength(2000) reason: string;
}

export class ReferralProgressedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) by: string;
  @IsIn(ALL_STEPS) step: AgencyStep;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  /** A date the step sets, e.g. the payment due date of an order to pay. */
  @IsOptional() @dayField() dueOn?: string;
  @IsOptional() @IsFen() amountFen?: number;
  /** Additive, optional: the step's document number, the day a payment was made and how many workers it paid. */
  @IsOptional() @IsString() @MaxLength(64) documentNumber?: string;
  @IsOptional() @dayField() paidOn?: string;
  @IsOptional() @IsInt() @Min(1) workersPaid?: number;
  /** Additive, optional: the disability grade a capacity assessment set (1–10; 0 none reached). */
  @IsOptional() @IsInt() @Min(0) @Max(10) grade?: number;
}

export class ReferralResolvedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) resolvedBy: string;
  @IsIn(keysOf(OUTCOMES)) outcome: Outcome;
  @IsFen() amountRecoveredFen: number;
  /** Whether the worker confirmed receiving the money; an unpaid order or award keeps the follow-up open. */
  @IsBoolean() paymentConfirmed: boolean;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const update = <P extends ReferralUpdateBase>(type: string, payload: new () => P, description: string) =>
  referralEvent(type, payload, toSender, description);

export const ReferralReceived = update('referral.received', ReferralReceivedV1, 'The office received the referral; its acceptance clock runs.');
export const ReferralAccepted = update('referral.accepted', ReferralAcceptedV1, 'The office accepted the referral under its own case number.');
export const ReferralDeclined = update('referral.declined', ReferralDeclinedV1, 'The office declined, with a coded reason and possibly the office to try next.');
export const ReferralReturned = update('referral.returned', ReferralReturnedV1, 'Returned to the sender for more information; the acceptance clock pauses.');
export const ReferralProgressed = update('referral.progressed', ReferralProgressedV1, "One of the receiving agency's own steps (investigation, award, filing, support …).");
export const ReferralResolved = update('referral.resolved', ReferralResolvedV1, 'The office finished: outcome, amount recovered in fen, payment confirmed or not.');

/** The receiving office's clock moved (an approved extension): the sender sees the new due date. */
export class ReferralClockUpdatedV1 extends ReferralUpdateBase {
  @IsString() @MaxLength(64) by: string;
  @IsString() @MaxLength(2000) reason: string;
}
export const ReferralClockUpdated = update('referral.clock-updated', ReferralClockUpdatedV1, "The office's statutory clock moved (an approved extension).");

/** Sender → receiver after the request: same topic and key as referral.requested, so order is kept. */
export class ReferralSenderActionBase {
  @IsUUID() referralId: string;
  @IsUUID() caseId: string;
  /** The center that sent the referral: only it may withdraw it or supply what it lacked. */
  @officeIdField() fromAgencyId: string;
  @officeIdField() toAgencyId: string;
  @IsIn(RECEIVING_AGENCY_TYPES) toAgencyType: ReceivingAgencyType;
  @IsString() @MaxLength(64) by: string;
  @IsISO8601({ strict: true }) at: string;
}

export class ReferralRevokedV1 extends ReferralSenderActionBase {
  @IsString() @MaxLength(2000) reason: string;
}

export class ReferralResubmittedV1 extends ReferralSenderActionBase {
  @IsString() @MaxLength(2000) note: string;
}

const senderAction = <P extends ReferralSenderActionBase>(type: string, payload: new () => P, description: string) =>
  referralEvent(type, payload, toReceiver, description);

export const ReferralRevoked = senderAction('referral.revoked', ReferralRevokedV1, 'The sender withdrew the referral.');
export const ReferralResubmitted = senderAction('referral.resubmitted', ReferralResubmittedV1, 'The sender supplied what a returned referral lacked.');
