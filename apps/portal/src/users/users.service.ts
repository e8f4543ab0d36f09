import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { sign } from 'jsonwebtoken';
import { issuedAtAfter, JWT_AUDIENCE, JWT_ISSUER, recordAdminChange, ROLES, sessionsEndAt } from '@yuanlian/auth';
import type { Caller, Role } from '@yuanlian/auth';
import { AGENCY_TYPE_NAMES, GANZHOU_CITY_CODE, officeId } from '@yuanlian/contracts';
import { isGanzhouServiceArea, serviceAreaName } from '@yuanlian/identity';
import { fieldError } from '@yuanlian/runtime';
import { DataSource, EntityManager, MoreThan, Raw } from 'typeorm';
import { KeysService } from '../auth/keys.service';
import { CreateUserInput, UpdateUserInput } from './user.dto';
import { PortalUser } from './user.entity';
import { RevocationFeed, TOKEN_HOURS } from './revocation-feed';
import { changeRefusal, manages, rolesDiffer } from './scope';
import type { UserChange } from './scope';

/** bcrypt cost: about 70 ms per hash here, so a guessed password costs the guesser as much as the server. */
const BCRYPT_COST = 10;
/** A hash to compare against when the user does not exist, so that the answer takes as long either way. */
const NO_SUCH_USER = bcrypt.hashSync('no-such-user-0', BCRYPT_COST);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserView {
  id: string; username: string; displayName: string; agencyType: string; agencyName: string; divisionCode: string; divisionName: string;
  officeId: string; roles: Role[]; roleNames: string[]; active: boolean; lastLoginAt: string | null; createdAt: string;
}

export function userView(u: PortalUser): UserView {
  return {
    id: u.id, username: u.username, displayName: u.displayName, agencyType: u.agencyType, agencyName: AGENCY_TYPE_NAMES[u.agencyType],
    divisionCode: u.divisionCode, divisionName: serviceAreaName(u.divisionCode), officeId: officeId(u.agencyType, u.divisionCode),
    roles: u.roles, roleNames: u.roles.map((r) => ROLES[r]), active: u.active, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeysService,
    private readonly revocationFeed: RevocationFeed,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(PortalUser);
  }

  /**
   * Checks the password and issues the token every service accepts (ES256, verified against the portal's JWKS). A
   * disabled account answers exactly as a wrong password does, after the same hash comparison: the answer tells a
   * guesser nothing about the account.
   */
  async login(username: string, password: string): Promise<{ token: string; expiresAt: string; user: UserView }> {
    const user = await byUsername(this.dataSource, username);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER);
    if (!user || !ok || !user.active) throw new UnauthorizedException('用户名或密码错误');
    await this.repo.update(user.id, { lastLoginAt: new Date() });
    const { kid, key } = this.keys.signingKey();
    // Issued no earlier than the user's sessions were last ended, so that a sign-in in the same second as the change
    // is not taken for an old session (`iat` counts whole seconds).
    const iat = issuedAtAfter(user.sessionsValidAfter?.getTime() ?? null, Date.now());
    const token = sign(
      { sub: user.id, name: user.displayName, agencyId: officeId(user.agencyType, user.divisionCode), agencyType: user.agencyType, divisionCode: user.divisionCode, roles: user.roles, iat },
      key, { algorithm: 'ES256', keyid: kid, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: TOKEN_HOURS * 3600 },
    );
    return { token, expiresAt: new Date((iat + TOKEN_HOURS * 3600) * 1000).toISOString(), user: userView(user) };
  }

  /** The portal user behind a token; platform tokens (tests, feeds, `npm run token`) have none. */
  private bySub(sub: string) {
    return UUID.test(sub) ? this.repo.findOne({ where: { id: sub } }) : Promise.resolve(null);
  }

  async me(caller: Caller): Promise<UserView> {
    const user = await this.bySub(caller.sub);
    if (!user) throw new NotFoundException('未找到当前用户（令牌不是门户签发的）');
    return userView(user);
  }

  /** Changes the caller's own password; every session of the user ends, this one too (sign in again). */
  async changePassword(caller: Caller, current: string, next: string): Promise<void> {
    const user = await this.bySub(caller.sub);
    if (!user) throw new NotFoundException('未找到当前用户（令牌不是门户签发的）');
    if (!user.active) throw new UnauthorizedException('未登录或令牌无效、已过期');
    if (!(await bcrypt.compare(current, user.passwordHash))) throw fieldError('currentPassword', '当前密码不正确');
    if (current === next) throw fieldError('newPassword', '新密码不能与当前密码相同');
    const now = new Date();
    const ended = new Date(sessionsEndAt(user.sessionsValidAfter?.getTime() ?? null, now.getTime()));
    await this.repo.update(user.id, { passwordHash: await bcrypt.hash(next, BCRYPT_COST), passwordChangedAt: now, updatedAt: now, sessionsValidAfter: ended });
    this.revocationFeed.changed();
  }

  async list(admin: Caller): Promise<UserView[]> {
    const users = await this.repo.find({ order: { agencyType: 'ASC', divisionCode: 'ASC', username: 'ASC' } });
    return users.filter((u) => manages(admin, u)).map(userView);
  }

  async create(admin: Caller, input: CreateUserInput): Promise<UserView> {
    if (!(input.divisionCode === GANZHOU_CITY_CODE || isGanzhouServiceArea(input.divisionCode))) throw fieldError('divisionCode', '不是赣州市的区划代码');
    refuse(admin, { agencyType: input.agencyType, divisionCode: input.divisionCode, roles: [] }, { kind: 'create', roles: input.roles });
    if (await byUsername(this.dataSource, input.username)) throw new ConflictException('该用户名已被使用');
    const user = await newUser(input, admin.sub);
    try {
      await this.dataSource.transaction(async (m) => {
        await m.insert(PortalUser, user);
        await audit(m, admin, 'user.create', null, user);
      });
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictException('该用户名已被使用');
      throw e;
    }
    return userView(user);
  }

  /** Changes a user within the administrator's area; a deactivation, a role change or a password reset ends the user's sessions. */
  async update(admin: Caller, id: string, input: UpdateUserInput): Promise<UserView> {
    let endedSessions = false;
    const view = await this.dataSource.transaction(async (m) => {
      const user = await m.findOne(PortalUser, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user || !manages(admin, user)) throw new NotFoundException('未找到该用户');
      const change: UserChange = { kind: 'update', roles: input.roles && [...new Set(input.roles)], active: input.active, password: !!input.password };
      refuse(admin, user, change, id === admin.sub);
      const before = { ...user };
      const now = new Date();
      const rolesChanged = change.roles !== undefined && rolesDiffer(change.roles, user.roles);
      const activeChanged = input.active !== undefined && input.active !== user.active;
      if (input.displayName !== undefined) user.displayName = input.displayName;
      if (change.roles) user.roles = change.roles;
      if (input.active !== undefined) user.active = input.active;
      if (input.password) Object.assign(user, { passwordHash: await bcrypt.hash(input.password, BCRYPT_COST), passwordChangedAt: now });
      endedSessions = rolesChanged || activeChanged || !!input.password;
      if (endedSessions) user.sessionsValidAfter = new Date(sessionsEndAt(user.sessionsValidAfter?.getTime() ?? null, now.getTime()));
      user.updatedAt = now;
      await m.save(user);
      await audit(m, admin, 'user.update', before, user);
      return userView(user);
    });
    if (endedSessions) this.revocationFeed.changed();
    return view;
  }
}

/** Throws the refusal of the scope rules (./scope.ts), if any. */
function refuse(admin: Caller, user: Parameters<typeof changeRefusal>[1], change: UserChange, self = false): void {
  const refusal = changeRefusal(admin, user, change, self);
  if (!refusal) return;
  throw refusal.field ? fieldError(refusal.field, refusal.message) : new ForbiddenException(refusal.message);
}

/** What the audit trail keeps of a user: never the password hash, only when the password changed. */
const audited = (u: PortalUser) => ({
  id: u.id, username: u.username, displayName: u.displayName, agencyType: u.agencyType, divisionCode: u.divisionCode,
  roles: u.roles, active: u.active, passwordChangedAt: u.passwordChangedAt.toISOString(),
});

const audit = (m: EntityManager, admin: Caller, action: string, before: PortalUser | null, after: PortalUser) =>
  recordAdminChange(m, admin, { action, target: `user:${after.id}`, divisionCode: after.divisionCode, before: before && audited(before), after: audited(after) });

/** The user with this username, whatever its case. */
const byUsername = (dataSource: DataSource, username: string) =>
  dataSource.getRepository(PortalUser).findOne({ where: { username: Raw((col) => `lower(${col}) = lower(:username)`, { username }) } });

/** A new, active user with the password hashed. */
async function newUser(input: CreateUserInput, createdBy: string): Promise<PortalUser> {
  const now = new Date();
  return {
    id: randomUUID(), username: input.username, displayName: input.displayName, passwordHash: await bcrypt.hash(input.password, BCRYPT_COST),
    agencyType: input.agencyType, divisionCode: input.divisionCode, roles: [...new Set(input.roles)], active: true, createdBy,
    createdAt: now, updatedAt: now, passwordChangedAt: now, lastLoginAt: null, sessionsValidAfter: null,
  };
}

/** Creates a user unless the username exists (the first administrator, the demo users; safe to run again). */
export async function ensureUser(dataSource: DataSource, input: CreateUserInput, createdBy: string): Promise<boolean> {
  if (await byUsername(dataSource, input.username)) return false;
  await dataSource.getRepository(PortalUser).insert(await newUser(input, createdBy));
  return true;
}
