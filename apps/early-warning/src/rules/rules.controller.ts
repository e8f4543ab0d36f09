import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { LEVEL_ORDER } from '@yuanlian/contracts';
import type { AlertLevel } from '@yuanlian/contracts';
import { isGanzhouServiceArea, serviceAreaName } from '@yuanlian/identity';
import { fieldError } from '@yuanlian/runtime';
import { DEFAULT_RULE_SET, RulesService } from './rules.service';
import { LevelThresholds } from './thresholds';

class AckMinutesOverride {
  @IsOptional() @IsInt() @Min(1) @Max(10080) blue?: number;
  @IsOptional() @IsInt() @Min(1) @Max(10080) yellow?: number;
  @IsOptional() @IsInt() @Min(1) @Max(10080) orange?: number;
  @IsOptional() @IsInt() @Min(1) @Max(10080) red?: number;
}

const level = () => IsIn(LEVEL_ORDER, { message: '等级应为 blue、yellow、orange 或 red' });

/** A county's changes to the thresholds: any subset; what is left out follows the city-wide rule set. */
export class ThresholdOverrideInput {
  @IsOptional() @IsInt() @Min(7) @Max(365) windowDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(90) clusterDays?: number;
  @IsOptional() @level() raiseAt?: AlertLevel;
  @IsOptional() @ValidateNested() @Type(() => LevelThresholds) workers?: LevelThresholds;
  @IsOptional() @ValidateNested() @Type(() => LevelThresholds) outstandingFen?: LevelThresholds;
  @IsOptional() @IsInt() @Min(1) amountMinWorkers?: number;
  @IsOptional() @IsInt() @Min(1) amountSevereMinWorkers?: number;
  @IsOptional() @ValidateNested() @Type(() => LevelThresholds) monthsInArrears?: LevelThresholds;
  @IsOptional() @ValidateNested() @Type(() => LevelThresholds) complaints?: LevelThresholds;
  @IsOptional() @IsInt() @Min(1) @Max(10) complaintChannelsForSevere?: number;
  @IsOptional() @level() headcountGapLevel?: AlertLevel;
  @IsOptional() @IsInt() @Min(1) @Max(100) noWageRecordPercent?: number;
  @IsOptional() @level() noWageRecordLevel?: AlertLevel;
  @IsOptional() @level() fieldReportLevel?: AlertLevel;
  @IsOptional() @level() petitionLevel?: AlertLevel;
  @IsOptional() @level() gatheringLevel?: AlertLevel;
  @IsOptional() @IsInt() @Min(1) @Max(1000) amplifyMinWorkers?: number;
  @IsOptional() @IsBoolean() amplifyRepeatOffender?: boolean;
  @IsOptional() @IsBoolean() amplifyGovernmentFunded?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(120) amplifySpringFestivalDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1000) chainSiteMinWorkers?: number;
  @IsOptional() @IsInt() @Min(2) @Max(100) amplifyChainSites?: number;
  @IsOptional() @ValidateNested() @Type(() => AckMinutesOverride) ackWithinMinutes?: AckMinutesOverride;
  @ApiPropertyOptional({ description: '修改事由，记入管理操作记录' })
  @IsOptional() @IsString() @Length(2, 200, { message: '事由应为2至200个字符' }) reason?: string;
}

/**
 * The thresholds and the trail of their changes. Administrators change them within their area: a county's its own
 * county, the city's the city-wide set and any county.
 */
@ApiTags('rules 预警规则')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  /** Every stored rule set (the city-wide `default` and county overrides) and the built-in defaults. */
  @Get()
  @Roles('admin', 'analyst')
  async list() {
    return { items: await this.rules.list(), defaults: await this.rules.forDivision(DEFAULT_RULE_SET) };
  }

  /** The thresholds in force for one county. */
  @Get(':divisionCode')
  @Roles('admin', 'analyst')
  async effective(@Param('divisionCode') divisionCode: string) {
    checkDivision(divisionCode);
    return { divisionCode, divisionName: divisionLabel(divisionCode), thresholds: await this.rules.forDivision(divisionCode) };
  }

  /** Changes a county's thresholds (or the city-wide ones with `default`); in force within seconds, no deploy. */
  @Put(':divisionCode')
  @Roles('admin')
  @AgencyTypes('early-warning', 'command')
  async put(@CurrentUser() caller: Caller, @Param('divisionCode') divisionCode: string, @Body() input: ThresholdOverrideInput) {
    checkDivision(divisionCode);
    const { reason, ...override } = input;
    const { ruleSet, effective } = await this.rules.put(caller, divisionCode, override, reason);
    return { divisionCode, divisionName: divisionLabel(divisionCode), version: ruleSet.version, override: ruleSet.thresholds, thresholds: effective };
  }

}

function checkDivision(code: string) {
  if (code !== DEFAULT_RULE_SET && !isGanzhouServiceArea(code)) throw fieldError('divisionCode', '应为赣州市县（市、区）代码、功能区代码或 default');
}

const divisionLabel = (code: string) => (code === DEFAULT_RULE_SET ? '全市默认' : serviceAreaName(code));
