import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
