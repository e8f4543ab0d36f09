import { Logger } from '@nestjs/common';

/** One user whose sessions ended: tokens issued before `validAfter` (ISO time) are refused. */
export interface RevokedSessions {
  sub: string;
  validAfter: string;
}

/**
 * The users whose sessions the portal has ended (deactivated, roles changed, password changed), polled from its
 * `/auth/revocations` every few seconds, so that no request waits on the network. The portal lists only the users
 * changed within the longest token lifetime and answers 304 when nothing changed. While it cannot be reached the last
 * list is kept: sessions already ended stay ended.
 */
export class SessionRevocations {
  private validAfter = new Map<string, number>();
  private etag?: string;
  private timer?: NodeJS.Timeout;
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
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Whether a token of `sub` issued at `issuedAt` (its `iat`, in seconds) belongs to a session that has ended. */
  revoked(sub: string, issuedAt: number): boolean {
    const after = this.validAfter.get(sub);
    return after !== undefined && issuedAt * 1000 < after;
  }

  /** Fetches the list once (the poll does this on its own; tests call it to be sure). */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchList().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchList(): Promise<void> {
    try {
      const res = await fetch(this.url, { headers: this.etag ? { 'if-none-match': this.etag } : {}, signal: AbortSignal.timeout(this.timeoutMs) });
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
      if (!this.failing) this.logger.warn(`cannot fetch session revocations from ${this.url} (${(e as Error).message}); keeping the last list`);
      this.failing = true;
    }
  }
}
