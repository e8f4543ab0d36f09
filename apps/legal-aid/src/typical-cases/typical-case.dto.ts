import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { dayField, INDUSTRIES, keysOf, MATTERS, QUARTER_PATTERN } from '@yuanlian/contracts';
import type { Industry, Matter } from '@yuanlian/contracts';
import { TYPICAL_CASE_STATUSES } from './typical-case.entity';
import type { TypicalCaseStatus } from './typical-case.entity';

const QUARTER_MESSAGE = '季度格式应为 2026-Q3';

export class ProposeTypicalCaseInput {
  @ApiProperty({ description: '本中心已结案件的编号' }) @IsUUID('all', { message: '案件编号无效' }) applicationId: string;
  @ApiPropertyOptional({ example: '2026-Q3', description: '计入哪个季度的报送任务；默认为当前应报送的季度' })
  @IsOptional() @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE }) quarter?: string;
}

export class EditTypicalCaseInput {
  @ApiProperty({ description: '编辑所依据的版本号（防止覆盖他人的修改）' }) @IsInt({ message: '缺少版本号' }) @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(4, 80, { message: '标题应为4至80个字符' }) title?: string;
  @ApiPropertyOptional({ description: '基本案情' }) @IsOptional() @IsString() @Length(10, 5000, { message: '基本案情应为10至5000个字符' }) facts?: string;
  @ApiPropertyOptional({ description: '援助过程' }) @IsOptional() @IsString() @Length(10, 5000, { message: '援助过程应为10至5000个字符' }) handling?: string;
  @ApiPropertyOptional({ description: '处理结果' }) @IsOptional() @IsString() @Length(4, 5000, { message: '处理结果应为4至5000个字符' }) result?: string;
  @ApiPropertyOptional({ description: '典型意义' }) @IsOptional() @IsString() @Length(10, 5000, { message: '典型意义应为10至5000个字符' }) significance?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10, { message: '关键词最多10个' })
  @IsString({ each: true }) @Length(1, 16, { each: true, message: '每个关键词应为1至16个字符' }) keywords?: string[];
  @ApiPropertyOptional({ description: '修改说明' }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class ReviewInput {
  @ApiPropertyOptional({ description: '审核意见' }) @IsOptional() @IsString() @MaxLength(500, { message: '审核意见最多500个字符' }) note?: string;
}

export class ReturnInput {
  @ApiProperty({ description: '退回修改的理由' }) @IsString() @Length(2, 500, { message: '请填写退回理由（2至500个字符）' }) note: string;
}

export class TypicalCaseListQuery {
  @IsOptional() @IsIn(keysOf(TYPICAL_CASE_STATUSES), { message: '状态无效' }) status?: TypicalCaseStatus;
  @IsOptional() @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE }) quarter?: string;
  @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class DutyQuery {
  @ApiPropertyOptional({ example: '2026-Q3' }) @IsOptional() @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE }) quarter?: string;
  @ApiPropertyOptional({ example: '2026-10-11', description: '按某日查看（默认今天）' })
  @IsOptional() @dayField({ format: '日期格式应为 2026-10-11', day: '日期无效' }) asOf?: string;
}

export class LibraryQuery {
  @ApiPropertyOptional({ description: '关键词，多个以空格分隔（须全部出现）' }) @IsOptional() @IsString() @MaxLength(100, { message: '关键词最多100个字符' }) q?: string;
  @IsOptional() @IsIn(keysOf(MATTERS), { message: '事项类型无效' }) matter?: Matter;
  @IsOptional() @IsIn(keysOf(INDUSTRIES), { message: '行业无效' }) industry?: Industry;
  @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
  @IsOptional() @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE }) quarter?: string;
  @IsOptional() @Matches(/^\d{4}$/, { message: '年度格式应为 2026' }) year?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}
