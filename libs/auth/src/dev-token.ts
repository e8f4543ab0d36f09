import { sign } from 'jsonwebtoken';
import { TokenClaims } from './claims';
import { JWT_AUDIENCE, JWT_ISSUER, jwtSecret } from './secret';

/**
 * Development token issuer for tests and the demo (the portal's login replaces it). Tokens are short-lived
 * by default.
 */
export function signDevToken(claims: TokenClaims, options: { expiresInSeconds?: number; secret?: string } = {}): string {
  return sign({ ...claims }, options.secret ?? jwtSecret(), {
    algorithm: 'HS256',
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: options.expiresInSeconds ?? 15 * 60,
  });
}
