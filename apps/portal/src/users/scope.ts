import { adminArea, mayAdminister } from '@yuanlian/auth';
import type { Caller, Role } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';

/** Roles that open personal data or the administration itself: granted and taken away only from one level up. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'pii_reveal'];

export interface ManagedUser {
  agencyType: string;
  divisionCode: string;
  roles: Role[];
}

/**
 * Who an administrator manages: a county's administrators the users of their county — the committee's every agency
 * type there, another agency's its own type — never a city-level user; the city's administrators the same across the
 * city (the committee's everyone). A token whose division is not its office's area manages nobody.
 */
export function manages(admin: Caller, user: Pick<ManagedUser, 'agencyType' | 'divisionCode'>): boolean {
  return (admin.agencyType === 'command' || admin.agencyType === user.agencyType) && mayAdminister(admin, user.divisionCode);
}

/**
 * Whether the administrator sits one level above the user: a city-level administrator who manages a county's user;
 * for a city-level user only the city's committee administrators.
 */
export function isAbove(admin: Caller, user: Pick<ManagedUser, 'agencyType' | 'divisionCode'>): boolean {
  if (!manages(admin, user) || adminArea(admin) !== GANZHOU_CITY_CODE) return false;
  return user.divisionCode !== GANZHOU_CITY_CODE || admin.agencyType === 'command';
}

/** A change an administrator asks for: a new user, or what changes on an existing one. */
export type UserChange =
  | { kind: 'create'; roles: Role[] }
  | { kind: 'update'; roles?: Role[]; active?: boolean; password?: boolean };

/**
 * Why the administrator may not make this change (403, or 400 at a field), or undefined when they may. `self`: the
 * change is to their own account. Apart from the data, so that the rules read as a table (users.spec.ts).
 */
export function changeRefusal(admin: Caller, user: ManagedUser, change: UserChange, self = false): { field?: string; message: string } | undefined {
  if (!manages(admin, user)) return { message: '无权管理该机构的用户' };
  const before = change.kind === 'create' ? [] : user.roles;
  const after = change.roles ?? before;
  if (self && change.kind === 'update') {
    // A form about oneself: refused at the field (400), as the page shows it.
    if (rolesDiffer(before, after)) return { field: 'roles', message: '不能更改自己的角色' };
    if (change.active === false) return { field: 'active', message: '不能停用自己的账号' };
    if (change.password) return { field: 'password', message: '请在个人设置中修改自己的密码' };
  }
  if (change.kind === 'update' && !self && user.roles.includes('admin') && !isAbove(admin, user)) return { message: '管理员账号只能由上级管理员管理' };
  if (PRIVILEGED_ROLES.some((r) => before.includes(r) !== after.includes(r)) && !isAbove(admin, user)) {
    return { message: '“系统管理员”和“查看完整身份信息”角色只能由上级管理员授予或取消' };
  }
  return undefined;
}

export const rolesDiffer = (a: readonly Role[], b: readonly Role[]) => a.some((r) => !b.includes(r)) || b.some((r) => !a.includes(r));
