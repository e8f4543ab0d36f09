import { secretFromEnv } from '@yuanlian/identity';

export const DEMO_JWT_SECRET = 'yuanlian-demo-secret-not-for-production';
export const JWT_ISSUER = 'yuanlian';
export const JWT_AUDIENCE = 'yuanlian';

/** The signing secret, from the environment; production refuses to start on the demo secret. */
export const jwtSecret = () => secretFromEnv('JWT_SECRET', DEMO_JWT_SECRET);
