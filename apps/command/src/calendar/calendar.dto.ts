import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { dayField, HolidayRangeV1 } from '@yuanlian/contracts';

/** A year's notice as the administrator enters it from the State Council's text. */
export class HolidayNoticeInput {
  @ApiPropertyOptional({ description: '通知标题；不填为“国务院办公厅关于××××年部分节假日安排的通知”' })
  @IsOptional() @IsString({ message: '通知标题应为文字' }) @Length(10, 100, { message: '通知标题应为10至100个字符' }) title?: string;
  @ApiProperty({ description: '通知文号，如 国办发明电〔2025〕7号' })
  @IsString({ message: '请填写通知文号' }) @Length(4, 50, { message: '通知文号应为4至50个字符，如 国办发明电〔2025〕7号' }) noticeNo: string;
  @ApiProperty({ description: '通知发布日期', format: 'date' })
  @dayField({ format: '通知日期应为 YYYY-MM-DD 格式的日期', day: '通知日期不是有效的日期' }) noticeDate: string;
  @ApiProperty({ description: '放假安排：每段假期的节日和起止日期（含调休形成的连休）', type: [HolidayRangeV1] })
  @IsArray({ message: '放假安排应为列表' }) @ArrayMaxSize(20, { message: '放假安排最多20段' }) @ValidateNested({ each: true }) @Type(() => HolidayRangeV1) holidays: HolidayRangeV1[];
  @ApiProperty({ description: '调休上班日（周六或周日）', type: [String] })
  @IsArray({ message: '调休上班日应为列表' }) @ArrayMaxSize(20, { message: '调休上班日最多20天' })
  @dayField({ format: '调休上班日应为 YYYY-MM-DD 格式的日期', day: '调休上班日不是有效的日期' }, { each: true }) workdays: string[];
  @ApiPropertyOptional({ description: '录入或更正的事由，记入管理操作记录' })
  @IsOptional() @IsString() @Length(2, 200, { message: '事由应为2至200个字符' }) reason?: string;
}
