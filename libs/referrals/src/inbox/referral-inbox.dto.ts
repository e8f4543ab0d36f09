import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { DECLINE_REASONS, keysOf, OFFICE_ID_PATTERN } from '@yuanlian/contracts';
import type { DeclineReason } from '@yuanlian/contracts';
import { REFERRAL_STATUSES } from '../state-machine';
import type { ReferralStatus } from '../state-machine';

export class InboxQuery {
  @ApiPropertyOptional({ enum: keysOf(REFERRAL_STATUSES) })
  @IsOptional() @IsIn(keysOf(REFERRAL_STATUSES), { message: '状态无效' }) status?: ReferralStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class RevealQuery {
  @ApiPropertyOptional({ description: '查看完整身份信息的事由（需具备相应角色），将记录在案' })
  @IsOptional() @IsString() @Length(2, 200, { message: '事由应为2至200个字符' }) purpose?: string;
}

export class AcceptInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class DeclineInput {
  @ApiProperty({ enum: keysOf(DECLINE_REASONS) })
  @IsIn(keysOf(DECLINE_REASONS), { message: '不予受理理由代码无效' }) reasonCode: DeclineReason;
  @ApiProperty({ description: '不予受理的具体理由' })
  @IsString() @Length(2, 2000, { message: '请填写不予受理的具体理由（2至2000个字符）' }) reason: string;
  @ApiPropertyOptional({ description: '建议改送的机构编号' })
  @IsOptional() @Matches(OFFICE_ID_PATTERN, { message: '建议机构编号格式无效' }) suggestedAgencyId?: string;
}
