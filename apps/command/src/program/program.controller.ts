import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { localDate } from '@yuanlian/deadlines';
import { ProgramService } from './program.service';

export class YearQuery {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt({ message: '年度应为整数' }) @Min(2020) @Max(2100) year?: number;
}

export class InnovationReportInput {
  @ApiPropertyOptional({ example: 2026, description: '默认本年度' }) @IsOptional() @IsInt({ message: '年度应为整数' }) @Min(2020) @Max(2100) year?: number;
  @ApiProperty({ example: '“法援+监察”联动窗口一站式化解欠薪' }) @IsString() @Length(4, 80, { message: '标题应为4至80个字符' }) title: string;
  @ApiProperty({ description: '创新做法与成效' }) @IsString() @Length(20, 10000, { message: '报告内容应为20至10000个字符' }) summary: string;
}

const thisYear = () => Number(localDate(new Date()).slice(0, 4));

/** 示范点与示范窗口: the program's demonstration sites and each county's windows, and their yearly innovation reports. */
@ApiTags('program 示范创建')
@ApiBearerAuth()
@Controller('program')
export class ProgramController {
  constructor(private readonly program: ProgramService) {}

  /** Every demonstration site and window the caller's area has, with its report status for the year. */
  @Get('demonstration')
  demonstration(@CurrentUser() caller: Caller, @Query() q: YearQuery) {
    return this.program.demonstration(caller, q.year ?? thisYear());
  }

  @Get('innovation-reports')
  reports(@CurrentUser() caller: Caller, @Query() q: YearQuery) {
    return this.program.reports(caller, q.year ?? thisYear());
  }

  /** A demonstration site's or window's own staff report its innovation for the year. */
  @Post('innovation-reports')
  @Roles('clerk', 'lawyer', 'inspector', 'officer', 'supervisor', 'admin')
  submit(@CurrentUser() caller: Caller, @Body() input: InnovationReportInput) {
    return this.program.submit(caller, input);
  }
}
