import { Logger } from '@nestjs/common';

/** One user whose sessions ended: tokens issued before `validAfter` (ISO time) are refused. */
export interface RevokedSessions {
  sub: string;
  validAfter: string;
}

/*
 * Tokens say when they were issued in whole seconds (`iat`); sessions end at a millisecond. The three rules below keep the
 * two apart: a token is ended when it was issued before its user's sessions ended; a token issued after an end carries an
 * `iat` no earlier than that end, rounded up (so a sign-in in the same second as the end is not taken for an old one); and
 * so an end must reach past every `iat` already handed out — a second end in the same second as a first one, after a
 * sign-in between them whose `iat` was rounded up, would otherwise leave that token valid.
 */

/** Whether a token issued at `iat` (seconds) belongs to sessions ended at `validAfterMs`. */
export function tokenEnded(iat: number, validAfterMs: number | undefined): boolean {
  return validAfterMs !== undefined && iat * 1000 < validAfterMs;
}

/** The `iat` of a token issued at `nowMs` to a user whose sessions last ended at `validAfterMs`. */
export function issuedAtAfter(validAfterMs: number | null, nowMs: number): number {
  return Math.max(Math.floor(nowMs / 1000), Math.ceil((validAfterMs ?? 0) / 1000));
}

/** When sessions ended at `nowMs` end: after every token issued so far, including those whose `iat` was rounded up. */
export function sessionsEndAt(previousMs: number | null, nowMs: number): number {
  return Math.max(nowMs + 1, previousMs === null ? 0 : Math.ceil(previousMs / 1000) * 1000 + 1);
}

/**
 * How long the portal may hold a request while the list is unchanged (a long poll), in seconds. Short enough that a
 * connection dropped silently on the way (a NAT or a balancer forgetting it) delays a revocation by seconds, not minutes.
 */
const WAIT_S = 10;

/**
 * The users whose sessions the portal has ended (deactivated, roles changed, password changed), followed from its
 * `/auth/revocations`, so that no request waits on the network. The copy is asked for with its ETag and `?wait=10`: the
 * portal answers as soon as the list changes (at once for a change on the same portal instance), or with 304 after 10 s.
 * A request is never sent sooner than the interval after the one before, so a portal that answers at once (one without
 * the long poll, or failing) is asked every interval, as before. The portal lists only the users changed within the
 * longest token lifetime. While it cannot be reached the last list is kept: sessions already ended stay ended.
 */
export class SessionRevocations {
  private validAfter = new Map<string, number>();
  private etag?: string;
  private running = false;
  private abort?: AbortController;
  private pause?: { timer: NodeJS.Timeout; resolve: () => void };
  private inFlight?: Promise<void>;
  private failing = false;
  private readonly logger = new Logger('SessionRevocations');

  constructor(
    readonly url: string,
    private readonly intervalMs = 2_000,
    private readonly timeoutMs = 3_000,
  ) {}

  /** From the environment: `JWT_REVOCATIONS_URL` (by default beside `JWT_JWKS_URL` at the portal), `JWT_REVOCATIONS_POLL_MS`. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): SessionRevocations | undefined {
    const url = env.JWT_REVOCATIONS_URL || (env.JWT_JWKS_URL ? new URL('/auth/revocations', env.JWT_JWKS_URL).toString() : undefined);
    return url ? new SessionRevocations(url, Number(env.JWT_REVOCATIONS_POLL_MS) || 2_000) : undefined;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    void this.follow();
    return this;
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    if (this.pause) {
      clearTimeout(this.pause.timer);
      this.pause.resolve();
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      this.abort = new AbortController();
      await this.fetchList(WAIT_S, this.abort.signal);
      const rest = this.intervalMs - (Date.now() - started);
      if (this.running && rest > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, rest);
          timer.unref();
          this.pause = { timer, resolve };
        });
        this.pause = undefined;
      }
    }
  }

  /** Whether a token of `sub` issued at `issuedAt` (its `iat`, in seconds) belongs to a session that has ended. */
  revoked(sub: string, issuedAt: number): boolean {
    return tokenEnded(issuedAt, this.validAfter.get(sub));
  }

  /** Fetches the list once (the poll does this on its own; tests call it to be sure). */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchList().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchList(waitS = 0, stopped?: AbortSignal): Promise<void> {
    try {
      const url = waitS && this.etag ? `${this.url}${this.url.includes('?') ? '&' : '?'}wait=${waitS}` : this.url;
      const timeout = AbortSignal.timeout(this.timeoutMs + (waitS && this.etag ? waitS * 1000 : 0));
      const res = await fetch(url, { headers: this.etag ? { 'if-none-match': this.etag } : {}, signal: stopped ? AbortSignal.any([timeout, stopped]) : timeout });
      if (res.status !== 304) {
        if (!res.ok) throw new Error(`answered ${res.status}`);
        const body = (await res.json()) as { items?: RevokedSessions[] };
        const next = new Map<string, number>();
        for (const item of Array.isArray(body.items) ? body.items : []) {
          const at = Date.parse(item?.validAfter);
          if (typeof item?.sub === 'string' && Number.isFinite(at)) next.set(item.sub, at);
        }
        this.validAfter = next;
        this.etag = res.headers.get('etag') ?? undefined;
      }
      if (this.failing) this.logger.log(`session revocations from ${this.url} are current again`);
      this.failing = false;
    } catch (e) {
      if (stopped?.aborted) return;
      if (!this.failing) this.logger.warn(`cannot fetch session revocations from ${this.url} (${(e as Error).message}); keeping the last list`);
      this.failing = true;
    }
  }
}
