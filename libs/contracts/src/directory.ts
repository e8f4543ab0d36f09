import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AGENCY_TYPES } from './agencies';
import type { AgencyType } from './agencies';
import { officeIdField } from './common-fields';
import { defineEvent } from './define';
import { Topics } from './topics';
import { keysOf, MATTERS } from './vocab';
import type { Matter } from './vocab';

export const DEMONSTRATION = { none: '', site: '示范点', window: '示范窗口' } as const;
export type Demonstration = keyof typeof DEMONSTRATION;

/** One office of the agency directory, as administrators keep it. */
export class OfficeV1 {
  @officeIdField() officeId: string;
  @IsIn(AGENCY_TYPES) agencyType: AgencyType;
  @IsString() @MaxLength(100) name: string;
  /** County, functional zone or the city (360700). */
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  /** For a functional zone: the county whose towns it serves. */
  @IsOptional() @Matches(/^\d{6}$/) parentDivisionCode?: string;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(50, { each: true }) towns: string[];
  @IsString() @MaxLength(300) address: string;
  @IsString() @MaxLength(50) phone: string;
  @IsString() @MaxLength(100) hours: string;
  /** Matters the office takes. */
  @IsArray() @IsIn(keysOf(MATTERS), { each: true }) services: Matter[];
  /** Cases it can take a month. */
  @IsInt() @Min(0) @Max(100000) capacityPerMonth: number;
  @IsIn(keysOf(DEMONSTRATION)) demonstration: Demonstration;
  @IsBoolean() active: boolean;
  @IsISO8601({ strict: true }) updatedAt: string;
}

export const DirectoryOffice = defineEvent({
  type: 'directory.office',
  version: 1,
  payload: OfficeV1,
  sources: ['command'],
  topic: () => Topics.directory,
  topics: [Topics.directory],
  key: (p) => p.officeId,
  keyDescription: 'office id',
  caseId: (p) => p.officeId,
  description: 'The latest state of one office of the agency directory (compacted topic: every service keeps the same copy).',
});
