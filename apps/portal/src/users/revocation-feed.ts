import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { PortalUser } from './user.entity';

export const TOKEN_HOURS = Number(process.env.PORTAL_TOKEN_HOURS ?? 8);

/** The list as answered: its JSON and the ETag of that JSON. */
export interface RevocationList {
  body: string;
  etag: string;
}

/** How often a waiting request looks at the database for sessions ended by another portal instance. */
const RECHECK_MS = 2_000;
/** The longest a request is held. */
export const MAX_WAIT_S = 25;
/**
 * The most requests held at once (ten services and a few instances of each need a few dozen): beyond it a request is
 * answered at once, so that clients opening requests and walking away cannot pile held requests and timers up.
 */
export const MAX_WAITING = 500;

/**
 * The users whose sessions ended within the longest token lifetime, which every service follows. A service asks with the
 * ETag of its copy and `?wait=25`: the answer comes as soon as the list differs (at once when this instance ended a
 * session; within RECHECK_MS when another instance did), or as 304 after the wait. At rest that is one request per
 * service every 25 s instead of one every 2 s, and one read of the database every RECHECK_MS shared by every waiting
 * request, only while some wait.
 */
@Injectable()
export class RevocationFeed implements BeforeApplicationShutdown {
  private snapshot?: { list: RevocationList; at: number };
  private reading?: Promise<RevocationList>;
  /** Counts the changes: a read begun before the latest one is not kept as the snapshot. */
  private generation = 0;
  private wakers = new Set<() => void>();
  /** Set when the application shuts down: requests are answered at once, and their connections closed. */
  closing = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Ordered, and without a time of its own, so that an unchanged list is an unchanged answer. */
  async read(): Promise<RevocationList> {
    const users = await this.dataSource.getRepository(PortalUser).find({
      select: { id: true, sessionsValidAfter: true },
      where: { sessionsValidAfter: MoreThan(new Date(Date.now() - TOKEN_HOURS * 3_600_000)) },
      order: { id: 'ASC' },
    });
    const body = JSON.stringify({ items: users.map((u) => ({ sub: u.id, validAfter: u.sessionsValidAfter!.toISOString() })) });
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
  }

  /** The list, read again when the last read is older than `maxAgeMs`; concurrent callers share one read. */
  private current(maxAgeMs: number): Promise<RevocationList> {
    if (this.snapshot && Date.now() - this.snapshot.at < maxAgeMs) return Promise.resolve(this.snapshot.list);
    if (this.reading) return this.reading;
    const generation = this.generation;
    const reading = this.read()
      .then((list) => {
        if (generation === this.generation) this.snapshot = { list, at: Date.now() };
        return list;
      })
      .finally(() => {
        if (this.reading === reading) this.reading = undefined;
      });
    this.reading = reading;
    return reading;
  }

  /**
   * The list once it differs from every ETag in `known`, or after `waitMs` (whatever it is then), or at once when the
   * request has gone (`gone`), the application shuts down or MAX_WAITING requests are held already.
   */
  async next(known: string[], waitMs: number, gone?: AbortSignal): Promise<RevocationList> {
    const until = Date.now() + waitMs;
    let list = await this.current(0);
    while (known.includes(list.etag) && Date.now() < until && !this.closing && !gone?.aborted && this.wakers.size < MAX_WAITING) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          gone?.removeEventListener('abort', wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(RECHECK_MS, until - Date.now()));
        this.wakers.add(wake);
        gone?.addEventListener('abort', wake);
      });
      if (gone?.aborted) break;
      list = await this.current(RECHECK_MS / 2);
    }
    return list;
  }

  /** How many requests are held now. */
  get waiting(): number {
    return this.wakers.size;
  }

  /** Called after a commit that ended sessions: waiting requests read the list again and answer. */
  changed(): void {
    this.generation++;
    this.snapshot = undefined;
    this.reading = undefined;
    for (const wake of [...this.wakers]) wake();
  }

  /** Held requests are answered before the HTTP server closes (it would otherwise wait for them). */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const wake of [...this.wakers]) wake();
  }
}
