import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { COURT_DIRECT_BASES, keysOf, OFFICE_ID_PATTERN, RECEIVING_AGENCY_TYPES, SHAREABLE_FIELDS } from '@yuanlian/contracts';
import type { CourtDirectBasis, ReceivingAgencyType, ShareableField } from '@yuanlian/contracts';

export class CreateReferralInput {
  @ApiProperty({ enum: RECEIVING_AGENCY_TYPES, example: 'labor-inspection' })
  @IsIn(RECEIVING_AGENCY_TYPES, { message: '接收机构类型无效' })
  toAgencyType: ReceivingAgencyType;

  @ApiPropertyOptional({ description: '接收机构编号；不填则移送案件所在县（市、区）的同类机构', example: 'labor-inspection:360702' })
  @IsOptional()
  @Matches(OFFICE_ID_PATTERN, { message: '接收机构编号格式无效' })
  toAgencyId?: string;

  @ApiPropertyOptional({ enum: keysOf(COURT_DIRECT_BASES), description: '劳动争议未经仲裁移送法院时的法定情形' })
  @IsOptional() @IsIn(keysOf(COURT_DIRECT_BASES), { message: '直接起诉的情形无效' })
  courtBasis?: CourtDirectBasis;

  @ApiPropertyOptional({ description: '同一请求已在仲裁或诉讼程序中，仍向另一程序移送的理由' })
  @IsOptional() @IsString() @Length(4, 500, { message: '请说明同时移送的理由（4至500个字符）' })
  parallelReason?: string;

  @ApiPropertyOptional({ description: '移送说明' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ enum: keysOf(SHAREABLE_FIELDS), isArray: true, description: '共享的个人信息（最小必要）；不填时依法定职责移送共享全部，向工会移送仅共享姓名' })
  @IsOptional() @IsArray() @IsIn(keysOf(SHAREABLE_FIELDS), { each: true, message: '共享字段无效' })
  share?: ShareableField[];

  @ApiPropertyOptional({ description: '劳动者已单独同意向非履行法定职责的机构（如工会）提供其个人信息' })
  @IsOptional() @IsBoolean()
  workerConsent?: boolean;
}

export class RevokeReferralInput {
  @ApiProperty({ description: '撤回理由' }) @IsString() @Length(2, 2000, { message: '请填写撤回理由（2至2000个字符）' }) reason: string;
}

export class ResubmitReferralInput {
  @ApiProperty({ description: '补充的材料或信息' }) @IsString() @Length(2, 2000, { message: '请说明补充的材料（2至2000个字符）' }) note: string;
}
