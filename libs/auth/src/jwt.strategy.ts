import { KeyObject } from 'node:crypto';
import { Injectable, OnModuleDestroy, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { officeId } from '@yuanlian/contracts';
import { Caller, JWT_AUDIENCE, JWT_ISSUER, TokenClaims } from './claims';
import { DEV_TOKEN_KID, devTokenPublicKey } from './dev-token';
import { JwksKeys } from './jwks';
import { SessionRevocations } from './revocations';

/** The algorithm and key id a token's header names (not trusted: they only select which key to check it with). */
function tokenHeader(token: string): { alg?: unknown; kid?: unknown } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

/**
 * Only ES256 tokens are accepted, signed by a key of the identity provider (the portal's JWKS at `JWT_JWKS_URL`,
 * replaceable by a government identity provider's) or, outside production, by the development key (tests, the
 * demo, `npm run token`). No shared secret exists: nobody but the key holders can mint an identity. Tokens of users
 * whose sessions the portal has ended are refused within a poll interval (SessionRevocations).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') implements OnModuleDestroy {
  private readonly revocations?: SessionRevocations;

  constructor() {
    const production = process.env.NODE_ENV === 'production';
    if (production && !process.env.JWT_JWKS_URL) throw new Error('JWT_JWKS_URL must be set in production (the keys tokens are checked with)');
    // Key objects, not PEM strings: given a string or a buffer, jsonwebtoken parses it as a PEM key on every request
    // (8 % of legal-aid's CPU under load, measured). passport-jwt's types know only strings and buffers.
    const dev = production ? undefined : devTokenPublicKey();
    const jwks = process.env.JWT_JWKS_URL ? new JwksKeys(process.env.JWT_JWKS_URL) : undefined;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: unknown, token: string, done: (err: Error | null, key?: Buffer) => void) => {
        const { alg, kid } = tokenHeader(token);
        const give = (key: KeyObject | undefined) => (key ? done(null, key as unknown as Buffer) : done(new UnauthorizedException('令牌签名密钥未知')));
        if (alg !== 'ES256' || typeof kid !== 'string' || kid.length > 100) return give(undefined);
        if (kid === DEV_TOKEN_KID) return give(dev);
        if (jwks) return void jwks.key(kid).then(give, () => give(undefined));
        give(undefined);
      },
      algorithms: ['ES256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
    this.revocations = SessionRevocations.fromEnv()?.start();
  }

  onModuleDestroy() {
    this.revocations?.stop();
  }

  validate(payload: Record<string, unknown>): Caller {
    const claims = plainToInstance(TokenClaims, payload, { excludeExtraneousValues: false });
    // Tokens must expire and say when they were issued (to tell sessions ended since), and the office must be the
    // claimed agency type's office in the claimed division: a division beside its office's own area would widen the scope.
    const consistent = typeof payload.exp === 'number' && typeof payload.iat === 'number' && claims.agencyId === officeId(claims.agencyType, claims.divisionCode);
    if (!consistent || validateSync(claims).length) throw new UnauthorizedException('令牌声明无效');
    if (this.revocations?.revoked(claims.sub, payload.iat as number)) throw new UnauthorizedException('会话已结束，请重新登录');
    return { sub: claims.sub, name: claims.name, agencyId: claims.agencyId, agencyType: claims.agencyType, divisionCode: claims.divisionCode, roles: claims.roles };
  }
}
