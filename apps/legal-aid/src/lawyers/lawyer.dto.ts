import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { keysOf } from '@yuanlian/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LAWYER_KINDS } from './aid-lawyer.entity';
import type { LawyerKind } from './aid-lawyer.entity';

const NAME = /^[\u3400-\u9fff·]{2,20}$/u;

export class CreateLawyerInput {
  @ApiProperty({ description: '姓名' }) @Matches(NAME, { message: '姓名应为2至20个汉字' }) name: string;
  @ApiProperty({ enum: keysOf(LAWYER_KINDS) }) @IsIn(keysOf(LAWYER_KINDS), { message: '请选择人员类别' }) kind: LawyerKind;
  @ApiPropertyOptional({ description: '律师事务所或法律服务所' }) @IsOptional() @IsString() @Length(2, 100, { message: '所在机构名称应为2至100个字符' }) firmName?: string;
  @ApiPropertyOptional({ description: '执业证号（17位数字）' }) @IsOptional() @Matches(/^\d{17}$/, { message: '执业证号应为17位数字' }) licenseNumber?: string;
}

export class UpdateLawyerInput {
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'active 应为 true 或 false' }) active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 100, { message: '所在机构名称应为2至100个字符' }) firmName?: string;
}
