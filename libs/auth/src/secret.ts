export const DEMO_JWT_SECRET = 'yuanlian-demo-secret-not-for-production';
export const JWT_ISSUER = 'yuanlian';
export const JWT_AUDIENCE = 'yuanlian';

/** The signing secret, from the environment; production refuses to start on the demo secret. */
export function jwtSecret(): string {
  const secret = process.env.JWT_SECRET || DEMO_JWT_SECRET;
  if (process.env.NODE_ENV === 'production' && (secret === DEMO_JWT_SECRET || secret.length < 32)) {
    throw new Error('JWT_SECRET must be set to a strong secret (≥ 32 characters) in production');
  }
  return secret;
}
