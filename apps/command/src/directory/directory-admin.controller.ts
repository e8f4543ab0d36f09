import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { AGENCY_TYPES, OFFICE_ID_PATTERN, OfficeV1 } from '@yuanlian/contracts';
import { DirectoryAdminService } from './directory-admin.service';
import { fieldError } from '@yuanlian/runtime';

export class OfficeInput extends OmitType(OfficeV1, ['officeId', 'updatedAt', 'agencyType', 'divisionCode'] as const) {
  @ApiPropertyOptional({ description: '修改事由，记入管理操作记录' })
  @IsOptional() @IsString() @Length(2, 200, { message: '事由应为2至200个字符' }) reason?: string;
}

export class DirectoryQuery {
  @ApiPropertyOptional({ enum: AGENCY_TYPES }) @IsOptional() @IsIn(AGENCY_TYPES, { message: '机构类型无效' }) agencyType?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9A-Z]{6}$/, { message: '区划代码格式无效' }) divisionCode?: string;
}

/**
 * The agency directory and the trail of its changes. Administrators change offices within their area: a county's
 * its own county's, the city's the city's offices and any county's.
 */
@ApiTags('directory 机构名录')
@ApiBearerAuth()
@Controller('directory/offices')
export class DirectoryAdminController {
  constructor(private readonly directory: DirectoryAdminService) {}

  /** Every office, for every signed-in user. */
  @Get()
  async list(@Query() q: DirectoryQuery) {
    return { items: await this.directory.list(q) };
  }

  /** Administrators change an office; the change reaches every service through the compacted topic. */
  @Put(':officeId')
  @Roles('admin')
  @AgencyTypes('command')
  async update(@CurrentUser() caller: Caller, @Param('officeId') officeId: string, @Body() input: OfficeInput) {
    if (!OFFICE_ID_PATTERN.test(officeId)) throw fieldError('officeId', '机构编号格式无效');
    const { reason, ...changes } = input;
    return this.directory.update(caller, officeId, changes, reason);
  }

}
