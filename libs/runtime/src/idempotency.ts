import { ConflictException, HttpException, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { from, lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { withIdempotencyKey } from '@yuanlian/database';
import { findPersonalNumbers } from '@yuanlian/identity';
import { crashPoint } from '@yuanlian/messaging';
import { invalidFields } from './validation';

/** The request header (as in the IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** The answer header of a repeated key: what the first request answered, not a new action. */
export const REPLAYED_HEADER = 'Idempotency-Replayed';
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;
/** A key whose request has neither committed nor answered for this long died with its process; a retry may redo it. */
export const IDEMPOTENCY_STALE_SECONDS = 120;
/** Keys are kept a day: long enough for any retry from a screen, not a second copy of the records for ever. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const PURGE_EVERY_MS = 10 * 60_000;

interface KeyRow {
  route: string;
  fingerprint: string;
  state: 'running' | 'done';
  committed: boolean;
  status: number | null;
  body: string | null;
  age: number;
}

type Req = { method: string; headers: Record<string, unknown>; user?: { sub?: string }; route?: { path?: string }; path: string; originalUrl?: string; body?: unknown };
type Res = { statusCode: number; setHeader: (name: string, value: string) => void };

/**
 * A POST that carries an `Idempotency-Key` is done once per user and key: a repeat (a clerk pressing 提交 again after
 * a lost answer, the screen retrying on a weak county network) gets the first request's answer, marked
 * `Idempotency-Replayed: true`, and creates nothing. While the first is still running a repeat gets 409 (try again);
 * the same key with another request gets 422. The key is claimed before the handler runs (one runs at a time), and
 * marked committed inside the handler's own transactions (IdempotencySubscriber) — a crash after the commit and
 * before the answer was kept leaves a key that says so, never one a retry would redo. A request that failed without
 * committing frees its key. Only authenticated callers: keys are per user, so no one can read another's answer.
 */
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly table: string;
  private lastPurge = 0;

  constructor(private readonly dataSource: DataSource) {
    this.table = `"${String((dataSource.options as { schema?: string }).schema ?? 'public')}".idempotency_keys`;
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Req>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined || !req.user?.sub) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw invalidFields({ [IDEMPOTENCY_HEADER]: ['请求编号应为 16 至 100 位字母、数字、- 或 _'] });
    }
    return this.serve(req, ctx.switchToHttp().getResponse<Res>(), req.user.sub, key, next);
  }

  private async serve(req: Req, res: Res, principal: string, key: string, next: CallHandler): Promise<Observable<unknown>> {
    const route = `${req.method} ${req.route?.path ?? req.path}`;
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl ?? req.path}\n${JSON.stringify(req.body ?? null)}`).digest('base64url');
    await this.purge();
    if (!(await this.claim(principal, key, route, fingerprint))) {
      const [row] = await this.dataSource.query<KeyRow[]>(
        `SELECT route, fingerprint, state, committed, status, body, extract(epoch FROM now() - created_at)::float8 AS age
           FROM ${this.table} WHERE principal = $1 AND key = $2`,
        [principal, key],
      );
      if (!row) {
        // The first request failed and freed the key between our claim and our look: claim it again, once.
        if (!(await this.claim(principal, key, route, fingerprint))) throw this.running();
      } else if (row.fingerprint !== fingerprint || row.route !== route) {
        throw new UnprocessableEntityException({
          statusCode: 422, error: 'Unprocessable Entity',
          message: '这个请求编号已用于另一项提交：此前那项已经保存，请先在列表中查看，不要重复录入',
        });
      } else if (row.state === 'done') {
        res.setHeader(REPLAYED_HEADER, 'true');
        if (row.status === 0) throw new ConflictException('这项提交此前已经完成；结果未留存，请在列表中查看');
        const body = row.body === null ? undefined : JSON.parse(row.body);
        if (row.status && row.status >= 400) throw new HttpException(body, row.status);
        return from([body]);
      } else if (row.age < IDEMPOTENCY_STALE_SECONDS) {
        // Committed or not, the first may still answer: the repeat waits.
        throw this.running();
      } else if (row.committed) {
        throw new ConflictException('这项提交已经保存，结果未能返回；请在列表中查看，不要重复录入');
      } else if (!(await this.takeOver(principal, key))) {
        throw this.running();
      } else {
        this.logger.warn(`a request under an idempotency key died before it committed (${Math.round(row.age)} s ago); running it again`);
      }
    }
    return from(this.run(principal, key, next));
  }

  private async run(principal: string, key: string, next: CallHandler): Promise<unknown> {
    try {
      const body = await withIdempotencyKey({ table: this.table, principal, key }, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      crashPoint('idempotency.after-commit');
      await this.finish(principal, key, null, body);
      return body;
    } catch (e) {
      const [row] = await this.dataSource.query<{ committed: boolean }[]>(`SELECT committed FROM ${this.table} WHERE principal = $1 AND key = $2`, [principal, key]);
      if (row?.committed && e instanceof HttpException) await this.finish(principal, key, e.getStatus(), e.getResponse());
      else if (!row?.committed) await this.dataSource.query(`DELETE FROM ${this.table} WHERE principal = $1 AND key = $2`, [principal, key]);
      throw e;
    }
  }

  /** Keeps the answer for a repeat — unless it holds an ID or phone number in full, which is not copied anywhere. */
  private async finish(principal: string, key: string, status: number | null, body: unknown): Promise<void> {
    const text = body === undefined ? null : JSON.stringify(body);
    const found = text ? findPersonalNumbers(text) : { idNumbers: [], phones: [] };
    const keep = !found.idNumbers.length && !found.phones.length;
    await this.dataSource.query(`UPDATE ${this.table} SET state = 'done', status = $3, body = $4 WHERE principal = $1 AND key = $2`, [
      principal, key, keep ? status : 0, keep ? text : null,
    ]);
  }

  private async claim(principal: string, key: string, route: string, fingerprint: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO ${this.table} (principal, key, route, fingerprint) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [principal, key, route, fingerprint],
    );
    return rows.length === 1;
  }

  private async takeOver(principal: string, key: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE ${this.table} SET created_at = now() WHERE principal = $1 AND key = $2 AND state = 'running' AND NOT committed
         AND created_at < now() - make_interval(secs => $3) RETURNING 1`,
      [principal, key, IDEMPOTENCY_STALE_SECONDS],
    );
    // An UPDATE's answer through TypeORM is [rows, count].
    return (rows as [unknown[], number])[1] === 1;
  }

  private running() {
    return new ConflictException('同一项提交正在处理中，请稍候再试');
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_RETENTION_HOURS]);
  }
}
