/**
 * A secret from the environment, with a demo value for development; production refuses to start on the demo
 * value or on a short secret.
 */
export function secretFromEnv(name: string, demoValue: string): string {
  const secret = process.env[name] || demoValue;
  if (process.env.NODE_ENV === 'production' && (secret === demoValue || secret.length < 32)) {
    throw new Error(`${name} must be set to a strong secret (at least 32 characters) in production`);
  }
  return secret;
}
