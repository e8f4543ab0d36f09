import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { OFFICE_ID_PATTERN, RECEIVING_AGENCY_TYPES } from '@yuanlian/contracts';
import type { ReceivingAgencyType } from '@yuanlian/contracts';

export class CreateReferralInput {
  @ApiProperty({ enum: RECEIVING_AGENCY_TYPES, example: 'labor-inspection' })
  @IsIn(RECEIVING_AGENCY_TYPES, { message: '接收机构类型无效' })
  toAgencyType: ReceivingAgencyType;

  @ApiPropertyOptional({ description: '接收机构编号；不填则移送案件所在县（市、区）的同类机构', example: 'labor-inspection:360702' })
  @IsOptional()
  @Matches(OFFICE_ID_PATTERN, { message: '接收机构编号格式无效' })
  toAgencyId?: string;

  @ApiPropertyOptional({ description: '移送说明' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class RevokeReferralInput {
  @ApiProperty({ description: '撤回理由' }) @IsString() @Length(2, 2000, { message: '请填写撤回理由（2至2000个字符）' }) reason: string;
}

export class ResubmitReferralInput {
  @ApiProperty({ description: '补充的材料或信息' }) @IsString() @Length(2, 2000, { message: '请说明补充的材料（2至2000个字符）' }) note: string;
}
