import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/**
 * The broker credential of a principal (SCRAM-SHA-512): `KAFKA_USERNAME` / `KAFKA_PASSWORD`, or — on a development machine —
 * the principal's entry in the credentials `scripts/kafka.sh` made when it formatted the broker (`KAFKA_CREDENTIALS`,
 * default `.cache/kafka/credentials.json`). None found: the client connects without authentication (a broker that wants it
 * refuses).
 */
export function kafkaSasl(principal: string, env: NodeJS.ProcessEnv = process.env): SASLOptions | undefined {
  if (env.KAFKA_USERNAME) {
    // PLAIN only for the broker's administrator where SCRAM users do not exist yet (a deployment's first start).
    const mechanism = env.KAFKA_SASL_MECHANISM === 'plain' ? 'plain' : 'scram-sha-512';
    return { mechanism, username: env.KAFKA_USERNAME, password: env.KAFKA_PASSWORD ?? '' } as SASLOptions;
  }
  const file = env.KAFKA_CREDENTIALS || resolve('.cache', 'kafka', 'credentials.json');
  if (!existsSync(file)) return undefined;
  const password = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[principal];
  return password ? { mechanism: 'scram-sha-512', username: principal, password } : undefined;
}

/**
 * A named principal's credential from the credentials file, whatever user the environment names: what tests, the demo
 * seeder and the benchmark use to act as the broker's administrator or as one service.
 */
export function principalSasl(principal: string): SASLOptions | undefined {
  return kafkaSasl(principal, { ...process.env, KAFKA_USERNAME: '' });
}

/**
 * How a client reaches the broker: its SASL credential, and TLS when the broker is across a network (`KAFKA_TLS_CA`, the PEM
 * of the authority that signed the broker's certificate).
 */
export function kafkaSecurity(principal: string, env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const sasl = kafkaSasl(principal, env);
  return { ...(sasl ? { sasl } : {}), ...(env.KAFKA_TLS_CA ? { ssl: { ca: [readFileSync(env.KAFKA_TLS_CA, 'utf8')] } } : {}) };
}
