import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { AGENCY_TYPES, OFFICE_ID_PATTERN } from '@yuanlian/contracts';
import type { AgencyType } from '@yuanlian/contracts';

export const JWT_ISSUER = 'yuanlian';
export const JWT_AUDIENCE = 'yuanlian';

export const ROLES = {
  clerk: '受理登记员',
  lawyer: '援助律师',
  inspector: '监察员',
  officer: '承办人',
  supervisor: '负责人',
  analyst: '研判分析员',
  admin: '系统管理员',
  pii_reveal: '查看完整身份信息',
  feed: '外部数据接入',
} as const;
export type Role = keyof typeof ROLES;

/** The claims every Yuanlian token carries; checked on every request, not trusted blindly. */
export class TokenClaims {
  @IsString() @MaxLength(64) sub: string;
  @IsString() @MaxLength(50) name: string;
  @Matches(OFFICE_ID_PATTERN) agencyId: string;
  @IsIn(AGENCY_TYPES) agencyType: AgencyType;
  @Matches(/^[0-9A-Z]{6}$/) divisionCode: string;
  @IsArray() @ArrayMaxSize(20) @IsIn(Object.keys(ROLES), { each: true }) roles: Role[];
}

/** The authenticated user of a request. */
export type Caller = TokenClaims;
