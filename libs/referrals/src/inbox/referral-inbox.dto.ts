import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALL_STEPS, dayField, DECLINE_REASONS, IsFen, keysOf, OFFICE_ID_PATTERN, OUTCOMES } from '@yuanlian/contracts';
import type { AgencyStep, DeclineReason, Outcome } from '@yuanlian/contracts';
import { REFERRAL_STATUSES } from '../state-machine';
import type { ReferralStatus } from '../state-machine';

export class InboxQuery {
  @ApiPropertyOptional({ enum: keysOf(REFERRAL_STATUSES) })
  @IsOptional() @IsIn(keysOf(REFERRAL_STATUSES), { message: '状态无效' }) status?: ReferralStatus;
  @ApiPropertyOptional({ description: '只看期限已过的转介（负责人督促用）' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue 应为 true 或 false' }) overdue?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class AcceptInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: '本机关案号；不填则自动编号' })
  @IsOptional() @IsString() @Length(2, 64) agencyCaseNumber?: string;
}

export class ReturnInput {
  @ApiProperty({ description: '需要补充的材料或信息' })
  @IsString() @Length(2, 2000, { message: '请说明需要补充的材料（2至2000个字符）' }) reason: string;
}

export class ProgressInput {
  @ApiProperty({ enum: ALL_STEPS, description: '本机关办理步骤' })
  @IsIn(ALL_STEPS, { message: '办理步骤无效' }) step: AgencyStep;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: '该步骤设定的日期，如限期支付的截止日' })
  @IsOptional() @dayField({ format: '日期格式应为YYYY-MM-DD', day: '日期无效' }) dueOn?: string;
  @ApiPropertyOptional({ description: '涉及金额（分）' }) @IsOptional() @IsFen() amountFen?: number;
  @ApiPropertyOptional({ description: '文书编号（指令书、调解书、裁决书、判决书、裁定书）' })
  @IsOptional() @IsString() @Length(2, 64, { message: '文书编号应为2至64个字符' }) documentNumber?: string;
  @ApiPropertyOptional({ description: '支付日期' })
  @IsOptional() @dayField({ format: '日期格式应为YYYY-MM-DD', day: '日期无效' }) paidOn?: string;
  @ApiPropertyOptional({ description: '本次支付的劳动者人数' })
  @IsOptional() @IsInt({ message: '人数应为整数' }) @Min(1, { message: '人数至少为1' }) @Max(100_000) workersPaid?: number;
  @ApiPropertyOptional({ description: '劳动能力鉴定的伤残等级（1至10级；未达等级为0）' })
  @IsOptional() @IsInt({ message: '伤残等级应为整数' }) @Min(0, { message: '伤残等级为0至10' }) @Max(10, { message: '伤残等级为0至10' }) grade?: number;
}

export class ResolveInput {
  @ApiProperty({ enum: keysOf(OUTCOMES) }) @IsIn(keysOf(OUTCOMES), { message: '办理结果无效' }) outcome: Outcome;
  @ApiProperty({ description: '追回金额（分）' }) @IsFen() amountRecoveredFen: number;
  @ApiProperty({ description: '劳动者是否确认收到款项' }) @IsBoolean({ message: 'paymentConfirmed 必须为布尔值' }) paymentConfirmed: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ExtendInput {
  @ApiProperty({ description: '延长天数（按期限的计日单位）' }) @IsInt() @Min(1) @Max(60) days: number;
  @ApiProperty({ description: '延长事由及批准情况' }) @IsString() @Length(2, 500) reason: string;
}

export class RefuseExtensionInput {
  @ApiProperty({ description: '不予批准的理由' }) @IsString() @Length(2, 500, { message: '请说明不予批准的理由（2至500个字符）' }) reason: string;
}

export class DeclineInput {
  @ApiProperty({ enum: keysOf(DECLINE_REASONS) })
  @IsIn(keysOf(DECLINE_REASONS), { message: '不予受理理由代码无效' }) reasonCode: DeclineReason;
  @ApiProperty({ description: '不予受理的具体理由' })
  @IsString() @Length(2, 2000, { message: '请填写不予受理的具体理由（2至2000个字符）' }) reason: string;
  @ApiPropertyOptional({ description: '建议改送的机构编号' })
  @IsOptional() @Matches(OFFICE_ID_PATTERN, { message: '建议机构编号格式无效' }) suggestedAgencyId?: string;
}
