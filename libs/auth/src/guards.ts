import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Type, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AgencyType } from '@yuanlian/contracts';
import type { Caller, Role } from './claims';
import { AGENCY_TYPES_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new UnauthorizedException('未登录或令牌无效、已过期');
    return user;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const user: Caller | undefined = context.switchToHttp().getRequest().user;
    if (!user) throw new UnauthorizedException('未登录或令牌无效、已过期');
    const types = this.reflector.getAllAndOverride<AgencyType[] | undefined>(AGENCY_TYPES_KEY, targets);
    if (types && !types.includes(user.agencyType)) throw new ForbiddenException('本机构类型无权执行此操作');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => user.roles.includes(r))) throw new ForbiddenException('当前角色无权执行此操作');
    return true;
  }
}

/**
 * A guard for controllers shared by several services (the referral inbox, the alert desk): the agency types a
 * service serves are known only when its module is built, so they come from the given provider token, not from a
 * decorator. Runs before validation, so a caller of another agency type gets 403 whatever it sends.
 */
export function AgencyTypesFrom(token: symbol): Type<CanActivate> {
  @Injectable()
  class ServiceAgencyTypesGuard implements CanActivate {
    constructor(@Inject(token) private readonly served: AgencyType | readonly AgencyType[]) {}

    canActivate(context: ExecutionContext): boolean {
      // Event handlers on the same controller are not HTTP requests: the inbox decides what they may do.
      if (context.getType() !== 'http') return true;
      const user: Caller | undefined = context.switchToHttp().getRequest().user;
      const served: readonly AgencyType[] = typeof this.served === 'string' ? [this.served] : this.served;
      if (!user || !served.includes(user.agencyType)) throw new ForbiddenException('本机构类型无权访问');
      return true;
    }
  }
  return ServiceAgencyTypesGuard;
}
