import { createSecretKey } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Caller, TokenClaims } from './claims';
import { JWT_AUDIENCE, JWT_ISSUER, jwtSecret } from './secret';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor() {
    // A key object, not the string: given a string or a buffer, jsonwebtoken tries it as a PEM public key on every
    // request first (8 % of legal-aid's CPU under load, measured). passport-jwt's types know only strings and buffers.
    const key = createSecretKey(Buffer.from(jwtSecret()));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: unknown, _token: unknown, done: (err: null, key: Buffer) => void) => done(null, key as unknown as Buffer),
      algorithms: ['HS256'],
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
