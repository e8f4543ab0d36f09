import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';
import { schemaMigration } from '@yuanlian/database';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
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
}

export async function recordAccess(
  manager: EntityManager,
  caller: Caller,
  read: { subjectType: string; subjectId: string; revealed?: boolean; purpose?: string | null },
): Promise<void> {
  await manager.insert(AccessLogEntry, {
    at: new Date(), userId: caller.sub, agencyId: caller.agencyId, subjectType: read.subjectType, subjectId: read.subjectId,
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
