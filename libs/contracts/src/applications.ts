import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { officeIdField, workerKeyField } from './common-fields';
import { defineEvent } from './define';
import { IsFen } from './fields';
import { Topics } from './topics';
import { CHANNELS, INDUSTRIES, keysOf, MATTERS } from './vocab';
import type { Channel, Industry, Matter } from './vocab';

/** A legal-aid application was taken in. Pseudonymous: no name, ID number or phone. */
export class ApplicationReceivedV1 {
  @IsUUID() applicationId: string;
  @officeIdField() agencyId: string;
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  @IsIn(keysOf(CHANNELS)) channel: Channel;
  @IsIn(keysOf(MATTERS)) matter: Matter;
  @IsIn(keysOf(INDUSTRIES)) industry: Industry;
  @workerKeyField() workerKey: string;
  @Matches(/^[0-9A-Z]{18}$/) employerCreditCode: string;
  @IsString() @MaxLength(200) employerName: string;
  @IsOptional() @IsString() @MaxLength(200) projectName?: string;
  @IsFen() amountOwedFen: number;
  @IsInt() @Min(1) workersAffected: number;
  @IsBoolean() greenChannel: boolean;
  @IsBoolean() priority: boolean;
  @IsBoolean() acceptFirst: boolean;
  @IsISO8601({ strict: true }) receivedAt: string;
}

/** Events about one legal-aid case, on the pseudonymous applications topic, in order per case. */
const applicationEvent = <P extends { applicationId: string }>(type: string, payload: new () => P, description: string, actingOffice: (p: P) => string) =>
  defineEvent<P>({
    actingOffice,
    type,
    version: 1,
    payload,
    sources: ['legal-aid'],
    topic: () => Topics.applications,
    topics: [Topics.applications],
    key: (p) => p.applicationId,
    keyDescription: 'application id',
    caseId: (p) => p.applicationId,
    description,
  });

export const ApplicationReceived = applicationEvent(
  'application.received',
  ApplicationReceivedV1,
  'A legal-aid application was taken in (pseudonymous: worker key, no name, ID number or phone).',
  (p) => p.agencyId,
);

/** Legal aid was granted. */
export class ApplicationAcceptedV1 {
  @IsUUID() applicationId: string;
  @officeIdField() agencyId: string;
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  @IsBoolean() greenChannel: boolean;
  @IsString() @MaxLength(64) acceptedBy: string;
  @IsISO8601({ strict: true }) acceptedAt: string;
}

export const ApplicationAccepted = applicationEvent(
  'application.accepted',
  ApplicationAcceptedV1,
  'Legal aid was granted (or the case was accepted first, paperwork to follow).',
  (p) => p.agencyId,
);

/** A case moved between legal aid centers (异地协作), with the worker's consent. */
export class CaseTransferredV1 {
  @IsUUID() applicationId: string;
  @IsIn(['within', 'outbound', 'inbound']) direction: 'within' | 'outbound' | 'inbound';
  @Matches(/^legal-aid:\d{6}$/) fromCenter: string;
  @Matches(/^legal-aid:\d{6}$/) toCenter: string;
  @IsIn(['written', 'recorded_call', 'online']) consentMethod: string;
  @IsISO8601({ strict: true }) at: string;
}

export const CaseTransferred = applicationEvent(
  'case.transferred',
  CaseTransferredV1,
  'A case moved between legal aid centers: within Ganzhou, out to another city, or in from one.',
  // The center that gives the case up speaks, or for a case coming in from another city, the center taking it.
  (p) => (p.direction === 'inbound' ? p.toCenter : p.fromCenter),
);
