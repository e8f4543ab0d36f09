import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsDefined, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CONSENT_METHODS, keysOf } from '@yuanlian/contracts';
import type { ConsentMethod } from '@yuanlian/contracts';
import { CreateApplicationInput } from '../applications/application.dto';

export class ConsentInput {
  @ApiProperty({ description: '劳动者同意转移案件（须为 true）' }) @Equals(true, { message: '须经劳动者同意方可转移' }) given: true;
  @ApiProperty({ enum: keysOf(CONSENT_METHODS) }) @IsIn(keysOf(CONSENT_METHODS), { message: '同意方式无效' }) method: ConsentMethod;
  @ApiProperty({ description: '劳动者同意的时间' }) @IsISO8601({ strict: true }, { message: '同意时间格式无效' }) at: string;
}

/** Outgoing: to another Ganzhou center (ownership moves here) or to a center in another city. */
export class TransferInput {
  @ApiProperty({ description: '接收的法律援助中心，如 legal-aid:360781（瑞金市）或 legal-aid:440305（外市）' })
  @Matches(/^legal-aid:\d{6}$/, { message: '接收机构须为法律援助中心，编号如 legal-aid:360781' })
  toCenter: string;
  @ApiPropertyOptional({ description: '外市中心的名称' }) @IsOptional() @IsString() @Length(2, 100) toCenterName?: string;
  @ApiProperty({ description: '转移理由' }) @IsString() @Length(2, 2000, { message: '请填写转移理由（2至2000个字符）' }) reason: string;
  @ApiProperty({ type: ConsentInput }) @IsDefined({ message: '须记录劳动者的同意' }) @ValidateNested() @Type(() => ConsentInput) consent: ConsentInput;
}

/** Incoming from a center in another city: the case enters this center's intake queue. */
export class InboundTransferInput {
  @ApiProperty({ description: '移出的外市法律援助中心编号，如 legal-aid:440305' })
  @Matches(/^legal-aid:\d{6}$/, { message: '移出机构编号格式无效' }) fromCenter: string;
  @ApiProperty() @IsString() @Length(2, 100, { message: '请填写移出中心名称' }) fromCenterName: string;
  @ApiProperty({ description: '对方案号' }) @IsOptional() @IsString() @Length(1, 64) fromCaseNumber?: string;
  @ApiProperty() @IsString() @Length(2, 2000, { message: '请填写转移理由（2至2000个字符）' }) reason: string;
  @ApiProperty({ type: ConsentInput }) @IsDefined({ message: '须记录劳动者的同意' }) @ValidateNested() @Type(() => ConsentInput) consent: ConsentInput;
  @ApiProperty({ type: CreateApplicationInput }) @IsDefined({ message: '缺少案件信息' }) @ValidateNested() @Type(() => CreateApplicationInput) application: CreateApplicationInput;
}
