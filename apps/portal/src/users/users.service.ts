import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { sign } from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER, ROLES } from '@yuanlian/auth';
import type { Caller, Role } from '@yuanlian/auth';
import { AGENCY_TYPE_NAMES, GANZHOU_CITY_CODE, officeId } from '@yuanlian/contracts';
import { isGanzhouServiceArea, serviceAreaName } from '@yuanlian/identity';
import { fieldError } from '@yuanlian/runtime';
import { DataSource, Raw } from 'typeorm';
import { KeysService } from '../auth/keys.service';
import { CreateUserInput, UpdateUserInput } from './user.dto';
import { PortalUser } from './user.entity';

/** bcrypt cost: about 70 ms per hash here, so a guessed password costs the guesser as much as the server. */
const BCRYPT_COST = 10;
/** A hash to compare against when the user does not exist, so that the answer takes as long either way. */
const NO_SUCH_USER = bcrypt.hashSync('no-such-user-0', BCRYPT_COST);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TOKEN_HOURS = Number(process.env.PORTAL_TOKEN_HOURS ?? 8);

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

/**
 * Who an administrator manages: the committee's administrators everyone; another agency's administrator the users of
 * their own agency type, in their own county (or in every county when they sit at city level).
 */
export function manages(admin: Caller, user: { agencyType: string; divisionCode: string }): boolean {
  if (!admin.roles.includes('admin')) return false;
  if (admin.agencyType === 'command') return true;
  return admin.agencyType === user.agencyType && (admin.divisionCode === GANZHOU_CITY_CODE || admin.divisionCode === user.divisionCode);
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeysService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(PortalUser);
  }

  /** Checks the password and issues the token every service accepts (ES256, verified against the portal's JWKS). */
  async login(username: string, password: string): Promise<{ token: string; expiresAt: string; user: UserView }> {
    const user = await byUsername(this.dataSource, username);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER);
    if (!user || !ok || !user.active) throw new UnauthorizedException(user && ok ? '该账号已停用，请联系管理员' : '用户名或密码错误');
    await this.repo.update(user.id, { lastLoginAt: new Date() });
    const { kid, key } = this.keys.signingKey();
    const token = sign(
      { sub: user.id, name: user.displayName, agencyId: officeId(user.agencyType, user.divisionCode), agencyType: user.agencyType, divisionCode: user.divisionCode, roles: user.roles },
      key, { algorithm: 'ES256', keyid: kid, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: TOKEN_HOURS * 3600 },
    );
    return { token, expiresAt: new Date(Date.now() + TOKEN_HOURS * 3_600_000).toISOString(), user: userView(user) };
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

  async changePassword(caller: Caller, current: string, next: string): Promise<void> {
    const user = await this.bySub(caller.sub);
    if (!user) throw new NotFoundException('未找到当前用户（令牌不是门户签发的）');
    if (!(await bcrypt.compare(current, user.passwordHash))) throw fieldError('currentPassword', '当前密码不正确');
    if (current === next) throw fieldError('newPassword', '新密码不能与当前密码相同');
    await this.repo.update(user.id, { passwordHash: await bcrypt.hash(next, BCRYPT_COST), passwordChangedAt: new Date(), updatedAt: new Date() });
  }

  async list(admin: Caller): Promise<UserView[]> {
    const users = await this.repo.find({ order: { agencyType: 'ASC', divisionCode: 'ASC', username: 'ASC' } });
    return users.filter((u) => manages(admin, u)).map(userView);
  }

  async create(admin: Caller, input: CreateUserInput): Promise<UserView> {
    if (!(input.divisionCode === GANZHOU_CITY_CODE || isGanzhouServiceArea(input.divisionCode))) throw fieldError('divisionCode', '不是赣州市的区划代码');
    if (!manages(admin, input)) throw new ForbiddenException('无权管理该机构的用户');
    if (await byUsername(this.dataSource, input.username)) throw new ConflictException('该用户名已被使用');
    const user = await newUser(input, admin.sub);
    try {
      await this.repo.insert(user);
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw new ConflictException('该用户名已被使用');
      throw e;
    }
    return userView(user);
  }

  async update(admin: Caller, id: string, input: UpdateUserInput): Promise<UserView> {
    const user = await this.repo.findOne({ where: { id } });
    if (!user || !manages(admin, user)) throw new NotFoundException('未找到该用户');
    if (id === admin.sub && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
      throw fieldError(input.active === false ? 'active' : 'roles', '不能停用自己的账号或取消自己的管理员角色');
    }
    if (input.displayName !== undefined) user.displayName = input.displayName;
    if (input.roles) user.roles = [...new Set(input.roles)];
    if (input.active !== undefined) user.active = input.active;
    if (input.password) Object.assign(user, { passwordHash: await bcrypt.hash(input.password, BCRYPT_COST), passwordChangedAt: new Date() });
    user.updatedAt = new Date();
    await this.repo.save(user);
    return userView(user);
  }
}

/** The user with this username, whatever its case. */
const byUsername = (dataSource: DataSource, username: string) =>
  dataSource.getRepository(PortalUser).findOne({ where: { username: Raw((col) => `lower(${col}) = lower(:username)`, { username }) } });

/** A new, active user with the password hashed. */
async function newUser(input: CreateUserInput, createdBy: string): Promise<PortalUser> {
  const now = new Date();
  return {
    id: randomUUID(), username: input.username, displayName: input.displayName, passwordHash: await bcrypt.hash(input.password, BCRYPT_COST),
    agencyType: input.agencyType, divisionCode: input.divisionCode, roles: [...new Set(input.roles)], active: true, createdBy,
    createdAt: now, updatedAt: now, passwordChangedAt: now, lastLoginAt: null,
  };
}

/** Creates a user unless the username exists (the first administrator, the demo users; safe to run again). */
export async function ensureUser(dataSource: DataSource, input: CreateUserInput, createdBy: string): Promise<boolean> {
  if (await byUsername(dataSource, input.username)) return false;
  await dataSource.getRepository(PortalUser).insert(await newUser(input, createdBy));
  return true;
}
