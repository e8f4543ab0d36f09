/** A handler error that retrying cannot fix: the event goes to the dead-letter topic at once. */
export class NonRetriableError extends Error {}

const TRANSIENT_PG_CODES = new Set([
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300', '53200', '57014', '25006', '40001', '40P01', '55P03',
]);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /Connection is not established/i, /the database system is (starting up|shutting down|in recovery)/i];

/**
 * Infrastructure failures (database or broker unreachable, serialization conflicts): retried until they pass,
 * never dead-lettered, since the event itself is fine.
 */
export function isTransientError(e: unknown): boolean {
  let current: any = e;
  for (let depth = 0; current && depth < 5; depth++) {
    if (TRANSIENT_PG_CODES.has(current.code) || TRANSIENT_NODE_CODES.has(current.code)) return true;
    if (current.retriable === true || current.name === 'KafkaJSConnectionError' || current.name === 'KafkaJSRequestTimeoutError') return true;
    if (typeof current.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(current.message))) return true;
    current = current.driverError ?? current.cause ?? current.originalError;
  }
  return false;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}
