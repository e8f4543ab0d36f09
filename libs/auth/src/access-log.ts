import { Column, DataSource, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';
import { Type } from 'class-transformer';
import { schemaMigration } from '@yuanlian/database';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ForbiddenException } from '@nestjs/common';
import type { Caller } from './claims';

/** `?purpose=…` on a case or referral read: full ID number and phone, for roles that may, with the reason logged. */
export class RevealQuery {
  @ApiPropertyOptional({ description: '查看完整身份信息的事由（需具备相应角色），将记录在案' })
  @IsOptional() @IsString() @Length(2, 200, { message: '事由应为2至200个字符' }) purpose?: string;
}

/** The reveal a read asks for, refused for callers without the role. */
export function revealFor(caller: Caller, q: RevealQuery): { purpose: string } | undefined {
  if (q.purpose === undefined) return undefined;
  if (!caller.roles.includes('pii_reveal')) throw new ForbiddenException('无权查看完整身份信息');
  return { purpose: q.purpose };
}

/** Who read which case, when, and — for full personal data — why. Append-only. */
@Entity('access_log')
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId: string;
  /** Full ID number or phone shown. */
  @Column({ type: 'boolean' }) revealed: boolean;
  @Column({ type: 'text', nullable: true }) purpose: string | null;
  /** The reader's name as their token gave it (entries before it was kept have none). */
  @Column({ name: 'user_name', type: 'text', nullable: true }) userName: string | null;
}

export async function recordAccess(
  manager: EntityManager,
  caller: Caller,
  read: { subjectType: string; subjectId: string; revealed?: boolean; purpose?: string | null },
): Promise<void> {
  await manager.insert(AccessLogEntry, {
    at: new Date(), userId: caller.sub, userName: caller.name, agencyId: caller.agencyId, subjectType: read.subjectType, subjectId: read.subjectId,
    revealed: read.revealed ?? false, purpose: read.purpose ?? null,
  });
}

/** The access log, with a trigger that refuses UPDATE and DELETE. */
export const CreateAccessLog1764300001200 = schemaMigration('CreateAccessLog1764300001200', {
  up: [
    `CREATE TABLE {schema}.access_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      user_id text NOT NULL,
      agency_id text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      revealed boolean NOT NULL,
      purpose text
    )`,
    `CREATE INDEX access_log_subject ON {schema}.access_log (subject_id, at)`,
    `CREATE FUNCTION {schema}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`,
    `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON {schema}.access_log
      FOR EACH ROW EXECUTE FUNCTION {schema}.access_log_append_only()`,
  ],
  down: [`DROP TABLE {schema}.access_log`, `DROP FUNCTION {schema}.access_log_append_only()`],
});

/** The reader's name beside their id, so that the audit screen says who read a case. */
export const AccessLogUserName1764300003300 = schemaMigration('AccessLogUserName1764300003300', {
  up: [`ALTER TABLE {schema}.access_log ADD COLUMN user_name text`, `CREATE INDEX access_log_at ON {schema}.access_log (agency_id, at DESC)`],
  down: [`DROP INDEX {schema}.access_log_at`, `ALTER TABLE {schema}.access_log DROP COLUMN user_name`],
});

export const SUBJECT_TYPES: Record<string, string> = { application: '法律援助案件', referral: '转介案件' };

export class AccessLogQuery {
  @ApiPropertyOptional({ description: '起始日期（含），YYYY-MM-DD' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }) since?: string;
  @ApiPropertyOptional({ description: '截止日期（含），YYYY-MM-DD' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }) until?: string;
  @ApiPropertyOptional({ description: '只看查看完整身份信息的记录' }) @IsOptional() @IsIn(['true', 'false'], { message: 'revealed 应为 true 或 false' }) revealed?: 'true' | 'false';
  @ApiPropertyOptional({ description: '案件或转介编号' }) @IsOptional() @IsUUID('all', { message: '编号格式无效' }) subjectId?: string;
  @ApiPropertyOptional({ description: '查看人姓名' }) @IsOptional() @IsString() @Length(1, 50) user?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

/** The office's access log, newest first, with the reader's name, the subject and — for a reveal — the purpose. */
export async function readAccessLog(dataSource: DataSource, caller: Caller, q: AccessLogQuery) {
  const query = dataSource.getRepository(AccessLogEntry).createQueryBuilder('l').where('l.agency_id = :agency', { agency: caller.agencyId });
  // Days are China Standard Time calendar days.
  if (q.since) query.andWhere(`l.at >= (:since::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, { since: q.since });
  if (q.until) query.andWhere(`l.at < ((:until::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { until: q.until });
  if (q.revealed === 'true') query.andWhere('l.revealed');
  if (q.subjectId) query.andWhere('l.subject_id = :subject', { subject: q.subjectId });
  if (q.user) query.andWhere(`l.user_name ILIKE :user`, { user: `%${q.user.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
  const [rows, total] = await query.orderBy('l.at', 'DESC').addOrderBy('l.id', 'DESC').take(q.limit ?? 50).skip(q.offset ?? 0).getManyAndCount();
  return {
    total,
    items: rows.map((r) => ({
      at: r.at, userId: r.userId, userName: r.userName ?? '（未记录姓名）', subjectType: r.subjectType, subjectTypeLabel: SUBJECT_TYPES[r.subjectType] ?? '记录',
      subjectId: r.subjectId, revealed: r.revealed, purpose: r.purpose,
    })),
  };
}
