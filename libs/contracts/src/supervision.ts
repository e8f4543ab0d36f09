import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AGENCY_TYPES, RECEIVING_AGENCY_TYPES } from './agencies';
import type { AgencyType } from './agencies';
import { dayField, officeIdField } from './common-fields';
import { defineEvent } from './define';
import { Topics } from './topics';

/** A statutory clock ran out: for the office's supervisor and the political-legal committee's supervision list. */
export class ClockOverdueV1 {
  @IsUUID() clockId: string;
  @IsString() @MaxLength(64) rule: string;
  @IsString() @MaxLength(100) ruleLabel: string;
  @IsString() @MaxLength(300) basis: string;
  @officeIdField() officeId: string;
  @IsIn(AGENCY_TYPES) agencyType: AgencyType;
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  @IsIn(['application', 'referral']) subjectType: 'application' | 'referral';
  @IsUUID() subjectId: string;
  @IsUUID() caseId: string;
  @dayField() startedOn: string;
  @dayField() dueOn: string;
  @IsBoolean() provisional: boolean;
}

export const ClockOverdue = defineEvent({
  type: 'clock.overdue',
  version: 1,
  payload: ClockOverdueV1,
  sources: ['legal-aid', ...RECEIVING_AGENCY_TYPES],
  topic: () => Topics.supervision,
  topics: [Topics.supervision],
  key: (p) => p.officeId,
  keyDescription: 'office id of the overdue clock',
  description: 'A statutory clock ran out: for the supervision (督办) list of the political-legal committee.',
  caseId: (p) => p.caseId,
  actingOffice: (p) => p.officeId,
});
