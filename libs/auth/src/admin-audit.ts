import { ForbiddenException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { GANZHOU_CITY_CODE, officeId } from '@yuanlian/contracts';
import { schemaOf } from '@yuanlian/database';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from './claims';

/**
 * The area an administrator answers for — the city (GANZHOU_CITY_CODE) or one county — or undefined when the
 * token's division is not its office's own area, which answers for nothing.
 */
export function adminArea(caller: Caller): string | undefined {
  if (!caller.roles.includes('admin')) return undefined;
  return caller.agencyId === officeId(caller.agencyType, caller.divisionCode) ? caller.divisionCode : undefined;
}

/**
 * Whether an administrator may change what belongs to `divisionCode` (GANZHOU_CITY_CODE for what is city-wide):
 * the city's administrators anything, a county's only its own county's.
 */
export function mayAdminister(caller: Caller, divisionCode: string): boolean {
  const area = adminArea(caller);
  return area === GANZHOU_CITY_CODE || (area !== undefined && area === divisionCode);
}

/**
 * Why an administrator may not change what belongs to `divisionCode` (for a 403), or undefined when they may: one
 * message for a caller who administers nothing, one for what is the city's, one for another county's.
 */
export function areaRefusal(caller: Caller, divisionCode: string, messages: { none: string; city: string; county: string }): string | undefined {
  if (mayAdminister(caller, divisionCode)) return undefined;
  if (!adminArea(caller)) return messages.none;
  return divisionCode === GANZHOU_CITY_CODE ? messages.city : messages.county;
}

/** One administrative change, as a service records it. */
export interface AdminChange {
  /** What was done, `<thing>.<verb>`: `rules.put`, `office.update`, `user.create`. */
  action: string;
  /** What it was done to: `rules:360703`, `office:legal-aid:360703`, `user:<id>`. */
  target: string;
  /** The area the target belongs to (GANZHOU_CITY_CODE for city-wide things): whose administrators may read the entry. */
  divisionCode: string;
  /** The target as it was (null when created) and as it is now (null when removed). */
  before: unknown;
  after: unknown;
  reason?: string | null;
}

export interface AdminAuditEntry {
  id: string;
  at: string;
  actor: { sub: string; name: string; agencyId: string; roles: string[] };
  action: string;
  target: string;
  divisionCode: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** `GET /admin/audit`: filters and paging of the audit trail. */
export class AdminAuditQuery {
  @ApiPropertyOptional({ description: '起始时间（ISO 8601），含' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: '起始时间应为有效的 ISO 8601 时间' }) since?: string;
  @ApiPropertyOptional({ description: '操作，如 rules.put、office.update' })
  @IsOptional() @IsString() @Length(1, 100, { message: '操作应为1至100个字符' }) action?: string;
  @ApiPropertyOptional({ description: '对象，如 rules:360703、office:legal-aid:360703' })
  @IsOptional() @IsString() @Length(1, 200, { message: '对象应为1至200个字符' }) target?: string;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数应为整数' }) @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt({ message: '偏移量应为整数' }) @Min(0) @Max(1_000_000) offset?: number;
}

/**
 * The audit trail's table, for a service's migration: `schemaMigration(name, ADMIN_AUDIT_TABLE)`. UPDATE, DELETE
 * and TRUNCATE are refused by triggers: entries are only ever added.
 */
export const ADMIN_AUDIT_TABLE = {
  up: [
    `CREATE TABLE {schema}.admin_audit (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_sub text NOT NULL,
      actor_name text NOT NULL,
      actor_agency_id text NOT NULL,
      actor_roles text[] NOT NULL,
      action text NOT NULL,
      target text NOT NULL,
      division_code text NOT NULL,
      before jsonb,
      after jsonb,
      reason text
    )`,
    `CREATE INDEX admin_audit_division_at ON {schema}.admin_audit (division_code, at)`,
    `CREATE INDEX admin_audit_target_at ON {schema}.admin_audit (target, at)`,
    `CREATE FUNCTION {schema}.admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'admin_audit is append-only'; END $$`,
    `CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON {schema}.admin_audit
      FOR EACH ROW EXECUTE FUNCTION {schema}.admin_audit_append_only()`,
    `CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON {schema}.admin_audit
      FOR EACH STATEMENT EXECUTE FUNCTION {schema}.admin_audit_append_only()`,
  ],
  down: [`DROP TABLE {schema}.admin_audit`, `DROP FUNCTION {schema}.admin_audit_append_only()`],
};

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Records a change in the caller's transaction, so the entry and the change commit or fail together. */
export async function recordAdminChange(manager: EntityManager, caller: Caller, change: AdminChange): Promise<void> {
  await manager.query(
    `INSERT INTO "${schemaOf(manager)}".admin_audit
       (actor_sub, actor_name, actor_agency_id, actor_roles, action, target, division_code, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [caller.sub, caller.name, caller.agencyId, caller.roles, change.action, change.target, change.divisionCode, json(change.before), json(change.after), change.reason ?? null],
  );
}

interface AuditRow {
  id: string; at: Date; actor_sub: string; actor_name: string; actor_agency_id: string; actor_roles: string[];
  action: string; target: string; division_code: string; before: unknown; after: unknown; reason: string | null;
}

/**
 * The audit trail as an administrator may read it, newest first: the city's administrators everything, a county's
 * the changes in its county; anyone else is refused.
 */
export async function readAdminAudit(source: DataSource | EntityManager, caller: Caller, query: AdminAuditQuery = {}): Promise<{ items: AdminAuditEntry[] }> {
  const area = adminArea(caller);
  if (!area) throw new ForbiddenException('无权查看管理操作记录');
  const where: string[] = [];
  const params: unknown[] = [];
  const filter = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (area !== GANZHOU_CITY_CODE) filter('division_code = ?', area);
  if (query.since !== undefined) filter('at >= ?::timestamptz', query.since);
  if (query.action !== undefined) filter('action = ?', query.action);
  if (query.target !== undefined) filter('target = ?', query.target);
  params.push(query.limit ?? 50, query.offset ?? 0);
  const rows: AuditRow[] = await source.query(
    `SELECT * FROM "${schemaOf(source)}".admin_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id), at: new Date(r.at).toISOString(),
      actor: { sub: r.actor_sub, name: r.actor_name, agencyId: r.actor_agency_id, roles: r.actor_roles },
      action: r.action, target: r.target, divisionCode: r.division_code, before: r.before, after: r.after, reason: r.reason,
    })),
  };
}
