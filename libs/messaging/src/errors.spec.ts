import { isTransientError, NonRetriableError } from './errors';

describe('transient error classification', () => {
  it.each(['08006', '57P01', '53300', '53200', '57014', '25006', '40001', '40P01'])('retries PostgreSQL error %s', (code) => {
    expect(isTransientError(Object.assign(new Error('pg'), { code }))).toBe(true);
  });

  it('looks through TypeORM and cause wrappers, and at connection messages', () => {
    expect(isTransientError({ message: 'query failed', driverError: { code: 'ECONNREFUSED' } })).toBe(true);
    expect(isTransientError(new Error('x', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
    expect(isTransientError({ name: 'KafkaJSConnectionError', message: 'broker down' })).toBe(true);
  });

  it('dead-letters what retrying cannot fix', () => {
    expect(isTransientError(Object.assign(new Error('unique'), { code: '23505' }))).toBe(false);
    expect(isTransientError(new NonRetriableError('unknown referral'))).toBe(false);
    expect(isTransientError(new Error('refusing'))).toBe(false);
  });
});
