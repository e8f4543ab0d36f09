import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AgencyType } from '@yuanlian/contracts';
import type { Caller, Role } from './claims';

export const PUBLIC_KEY = 'yl:public';
export const ROLES_KEY = 'yl:roles';
export const AGENCY_TYPES_KEY = 'yl:agency-types';

/** No token needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** The caller's agency must be of one of these types. */
export const AgencyTypes = (...types: AgencyType[]) => SetMetadata(AGENCY_TYPES_KEY, types);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().user);
