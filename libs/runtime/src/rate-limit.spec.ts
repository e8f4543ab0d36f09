import { HttpException } from '@nestjs/common';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('lets a client make max requests per window, refuses the next with 429, and forgets it after the window', () => {
    const limiter = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) limiter.take('10.0.0.1', 1_000 + i);
    let refused: HttpException | undefined;
    try {
      limiter.take('10.0.0.1', 1_010);
    } catch (e) {
      refused = e as HttpException;
    }
    expect(refused?.getStatus()).toBe(429);
    expect((refused?.getResponse() as { retryAfter: number }).retryAfter).toBe(60);
    expect(() => limiter.take('10.0.0.2', 1_010)).not.toThrow();
    expect(() => limiter.take('10.0.0.1', 61_000)).not.toThrow();
  });
});
