import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Caller, TokenClaims } from './claims';
import { JwksKeys } from './jwks';
import { JWT_AUDIENCE, JWT_ISSUER, jwtSecret } from './secret';

/** The algorithm and key id a token's header names (not trusted: they only select which key to check it with). */
function tokenHeader(token: string): { alg?: unknown; kid?: unknown } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

/**
 * Two kinds of tokens are accepted: the portal's (ES256, keys from its JWKS endpoint `JWT_JWKS_URL`, replaceable by
 * a government identity provider's) and the platform's own HS256 tokens (tests, feeds, `npm run token`). The header
 * chooses the key; jsonwebtoken then refuses a token whose algorithm does not fit that key's type.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor() {
    // A key object, not the string: given a string or a buffer, jsonwebtoken tries it as a PEM public key on every
    // request first (8 % of legal-aid's CPU under load, measured). passport-jwt's types know only strings and buffers.
    const secret = createSecretKey(Buffer.from(jwtSecret()));
    const jwks = process.env.JWT_JWKS_URL ? new JwksKeys(process.env.JWT_JWKS_URL) : undefined;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: unknown, token: string, done: (err: Error | null, key?: Buffer) => void) => {
        const { alg, kid } = tokenHeader(token);
        const give = (key: KeyObject | undefined) => (key ? done(null, key as unknown as Buffer) : done(new UnauthorizedException('令牌签名密钥未知')));
        if (alg === 'HS256') return give(secret);
        if (alg === 'ES256' && jwks && typeof kid === 'string' && kid.length <= 100) return void jwks.key(kid).then(give, () => give(undefined));
        give(undefined);
      },
      algorithms: ['HS256', 'ES256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(payload: Record<string, unknown>): Caller {
    const claims = plainToInstance(TokenClaims, payload, { excludeExtraneousValues: false });
    // Tokens must expire, and the office must be of the agency type the token claims.
    const consistent = typeof payload.exp === 'number' && claims.agencyId?.startsWith(`${claims.agencyType}:`);
    if (!consistent || validateSync(claims).length) throw new UnauthorizedException('令牌声明无效');
    return { sub: claims.sub, name: claims.name, agencyId: claims.agencyId, agencyType: claims.agencyType, divisionCode: claims.divisionCode, roles: claims.roles };
  }
}
