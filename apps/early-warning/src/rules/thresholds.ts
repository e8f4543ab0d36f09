import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertLevel } from '@yuanlian/contracts';

/** The value at which a rule reaches each level; a missing level is skipped. */
export class LevelThresholds {
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '阈值必须是整数' }) @Min(0) blue?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '阈值必须是整数' }) @Min(0) yellow?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '阈值必须是整数' }) @Min(0) orange?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '阈值必须是整数' }) @Min(0) red?: number;
}

export class AckMinutes {
  @IsInt() @Min(1) @Max(10080) blue: number;
  @IsInt() @Min(1) @Max(10080) yellow: number;
  @IsInt() @Min(1) @Max(10080) orange: number;
  @IsInt() @Min(1) @Max(10080) red: number;
}

const level = () => IsIn(LEVEL_ORDER, { message: '等级应为 blue、yellow、orange 或 red' });

/**
 * Early-warning rules as configuration: the city-wide defaults, and per county any subset of them. An
 * administrator changes them through the API (PUT /rules/:divisionCode); no deploy.
 */
export class RuleThresholds {
  /** Days of signals an aggregate looks back over. */
  @IsInt() @Min(7) @Max(365) windowDays: number;
  /** Days of the sliding window for complaint clusters. */
  @IsInt() @Min(1) @Max(90) clusterDays: number;
  /** Lowest level that raises an alert. */
  @level() raiseAt: AlertLevel;
  /** Distinct workers with unpaid claims (or reported by monitoring, hotlines, petitions). */
  @ValidateNested() @Type(() => LevelThresholds) workers: LevelThresholds;
  /** Unpaid wages in fen, counted only with at least `amountMinWorkers` workers. */
  @ValidateNested() @Type(() => LevelThresholds) outstandingFen: LevelThresholds;
  @IsInt() @Min(1) amountMinWorkers: number;
  /** Workers needed for the amount to count at orange or red (the group test of the wage-crime threshold: ≥ 10). */
  @IsInt() @Min(1) amountSevereMinWorkers: number;
  /** Months the labor-cost transfer to the special wage account is overdue. */
  @ValidateNested() @Type(() => LevelThresholds) monthsInArrears: LevelThresholds;
  /** Complaints across channels and agencies in the cluster window. */
  @ValidateNested() @Type(() => LevelThresholds) complaints: LevelThresholds;
  /** A cluster heard by fewer institutions (agencies, hotlines) than this stays at yellow at most. */
  @IsInt() @Min(1) @Max(10) complaintChannelsForSevere: number;
  /** ...and with fewer workers than this (and no more anonymous calls than identified complainants) too: a small crew. */
  @IsInt() @Min(1) @Max(1000) complaintSevereMinWorkers: number;
  /** Claims paid in the window that make an employer one that works its claims off (its older open claims are its backlog). */
  @IsInt() @Min(1) @Max(100) payingEmployerClaims: number;
  /** Persistence: unpaid workers coming forward in this many different weeks of the last `persistenceDays`, none paid. */
  @IsInt() @Min(2) @Max(12) persistenceWeeks: number;
  @IsInt() @Min(14) @Max(120) persistenceDays: number;
  @IsInt() @Min(2) @Max(100) persistenceMinWorkers: number;
  /** Months of missed transfers after which a site's transfers count as stopped: its attendance are workers waiting. */
  @IsInt() @Min(1) @Max(12) stoppedTransferMonths: number;
  @level() persistenceLevel: AlertLevel;
  @level() headcountGapLevel: AlertLevel;
  /** Share of attending workers without a wage record, in percent, that fires the rule. */
  @IsInt() @Min(1) @Max(100) noWageRecordPercent: number;
  @level() noWageRecordLevel: AlertLevel;
  @level() fieldReportLevel: AlertLevel;
  @level() petitionLevel: AlertLevel;
  @level() gatheringLevel: AlertLevel;
  /** Amplifiers raise a level of yellow or above by one step, when at least this many workers are involved. */
  @IsInt() @Min(1) @Max(1000) amplifyMinWorkers: number;
  @IsBoolean() amplifyRepeatOffender: boolean;
  @IsBoolean() amplifyGovernmentFunded: boolean;
  /** Within this many days before 除夕, during the winter campaign. */
  @IsInt() @Min(0) @Max(120) amplifySpringFestivalDays: number;
  /** A site counts towards its contractor chain with at least this many unpaid workers (or a finding of its own). */
  @IsInt() @Min(1) @Max(1000) chainSiteMinWorkers: number;
  /** A contractor chain with complaints from at least this many sites. */
  @IsInt() @Min(2) @Max(100) amplifyChainSites: number;
  /** Minutes each receiving desk has to acknowledge, by level, before the alert escalates. */
  @ValidateNested() @Type(() => AckMinutes) ackWithinMinutes: AckMinutes;
}

export const DEFAULT_THRESHOLDS: RuleThresholds = {
  windowDays: 60,
  clusterDays: 14,
  raiseAt: 'blue',
  workers: { blue: 3, yellow: 5, orange: 10, red: 30 },
  outstandingFen: { yellow: 3_000_000, orange: 10_000_000, red: 50_000_000 },
  amountMinWorkers: 3,
  amountSevereMinWorkers: 10,
  monthsInArrears: { yellow: 1, orange: 2, red: 3 },
  complaints: { blue: 2, yellow: 3, orange: 6, red: 12 },
  complaintChannelsForSevere: 2,
  complaintSevereMinWorkers: 8,
  payingEmployerClaims: 2,
  persistenceWeeks: 4,
  persistenceDays: 42,
  persistenceMinWorkers: 4,
  stoppedTransferMonths: 2,
  persistenceLevel: 'orange',
  headcountGapLevel: 'yellow',
  noWageRecordPercent: 10,
  noWageRecordLevel: 'orange',
  fieldReportLevel: 'orange',
  petitionLevel: 'orange',
  gatheringLevel: 'red',
  amplifyMinWorkers: 8,
  amplifyRepeatOffender: true,
  amplifyGovernmentFunded: true,
  amplifySpringFestivalDays: 30,
  chainSiteMinWorkers: 3,
  amplifyChainSites: 2,
  ackWithinMinutes: { blue: 1440, yellow: 480, orange: 120, red: 30 },
};

/** A county's override: any subset of the thresholds. */
export type ThresholdOverride = { [K in keyof RuleThresholds]?: RuleThresholds[K] extends object ? Partial<RuleThresholds[K]> : RuleThresholds[K] };

/** The defaults with a county's override on top (nested thresholds merge level by level). */
export function mergeThresholds(base: RuleThresholds, override: ThresholdOverride | null | undefined): RuleThresholds {
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(override ?? {})) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = typeof value === 'object' && value !== null && typeof current === 'object' ? { ...current, ...defined(value) } : value;
  }
  return merged as unknown as RuleThresholds;
}

const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Problems that field validation cannot see: each rule's levels must rise with the value. */
export function thresholdOrderProblems(t: RuleThresholds): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  for (const name of ['workers', 'outstandingFen', 'monthsInArrears', 'complaints'] as const) {
    const values = LEVEL_ORDER.map((l) => t[name][l]).filter((v): v is number => v !== undefined);
    if (values.some((v, i) => i > 0 && v < values[i - 1])) problems[name] = ['各等级阈值应由蓝到红递增'];
  }
  return problems;
}
