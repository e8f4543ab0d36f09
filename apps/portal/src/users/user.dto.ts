import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES } from '@yuanlian/auth';
import type { Role } from '@yuanlian/auth';
import { AGENCY_TYPES, divisionField } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';
import { MAX_WAIT_S } from './revocation-feed';

/** Roles a person can hold; `feed` belongs to machine clients, not portal users. */
export const PERSON_ROLES = (Object.keys(ROLES) as Role[]).filter((r) => r !== 'feed');

export const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;

/** At least 10 characters with letters and digits: the floor of the level-2 protection scheme's password rule. */
export const passwordRule = () => [
  MinLength(10, { message: '密码至少 10 位' }),
  MaxLength(72, { message: '密码最多 72 位' }),
  Matches(/^(?=.*[A-Za-z])(?=.*\d).+$/, { message: '密码须同时包含字母和数字' }),
];
const Password = (): PropertyDecorator => (target, key) => passwordRule().forEach((d) => d(target, key));

export class LoginInput {
  @ApiProperty() @IsString({ message: '请输入用户名' }) @MaxLength(32, { message: '用户名过长' }) username: string;
  @ApiProperty() @IsString({ message: '请输入密码' }) @MaxLength(72, { message: '密码过长' }) password: string;
}

export class CreateUserInput {
  @ApiProperty({ example: 'zhanggong.clerk' }) @Matches(USERNAME, { message: '用户名为 3–32 位小写字母、数字或 ._-，以字母开头' }) username: string;
  @ApiProperty() @IsString() @MinLength(1, { message: '请填写姓名' }) @MaxLength(50, { message: '姓名最多 50 字' }) displayName: string;
  @ApiProperty({ enum: AGENCY_TYPES }) @IsIn(AGENCY_TYPES, { message: '机构类型无效' }) agencyType: AgencyType;
  @ApiProperty({ example: '360702' }) @divisionField() divisionCode: string;
  @ApiProperty({ enum: PERSON_ROLES, isArray: true })
  @IsArray({ message: '请选择角色' }) @ArrayMinSize(1, { message: '至少选择一个角色' }) @ArrayMaxSize(8) @IsIn(PERSON_ROLES, { each: true, message: '角色无效' })
  roles: Role[];
  @ApiProperty() @Password() password: string;
}

export class UpdateUserInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1, { message: '请填写姓名' }) @MaxLength(50, { message: '姓名最多 50 字' }) displayName?: string;
  @ApiPropertyOptional({ enum: PERSON_ROLES, isArray: true })
  @IsOptional() @IsArray({ message: '请选择角色' }) @ArrayMinSize(1, { message: '至少选择一个角色' }) @ArrayMaxSize(8) @IsIn(PERSON_ROLES, { each: true, message: '角色无效' })
  roles?: Role[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '启用状态应为是或否' }) active?: boolean;
  @ApiPropertyOptional({ description: '重置密码' }) @IsOptional() @Password() password?: string;
}

export class ChangePasswordInput {
  @ApiProperty() @IsString({ message: '请输入当前密码' }) @MaxLength(72) currentPassword: string;
  @ApiProperty() @Password() newPassword: string;
}

/** The services' long poll of ended sessions: how long a current copy may be held, in seconds. */
export class RevocationsQuery {
  @ApiPropertyOptional({ description: '长轮询等待秒数（0–25）：列表未变时最多等待这么久再答 304' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_WAIT_S) wait?: number;
}
