import { HttpException, HttpStatus } from '@nestjs/common';

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed-window request limit per client address, for the endpoints that hand out credentials (login, token
 * issuing): a guessing client gets 429 with a Retry-After, everyone else is untouched. In memory, per instance.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request of `client`; throws 429 once it is over the limit for this window. */
  take(client: string, now = Date.now()): void {
    let w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(client, w);
      if (this.windows.size > 10_000) this.prune(now);
    }
    if (++w.count > this.max) {
      const retryAfter = Math.ceil((w.start + this.windowMs - now) / 1000);
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `请求过于频繁，请 ${retryAfter} 秒后再试`, retryAfter }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
