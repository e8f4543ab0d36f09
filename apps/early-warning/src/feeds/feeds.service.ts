import { Injectable } from '@nestjs/common';
import type { EventDefinition } from '@yuanlian/contracts';
import { creditCodeProblem, isGanzhouServiceArea } from '@yuanlian/identity';
import { Outbox } from '@yuanlian/messaging';
import { invalidFields } from '@yuanlian/runtime';
import { DataSource } from 'typeorm';
import { schemaOf } from '@yuanlian/database';

interface FeedRecord {
  recordId: string;
  employerCreditCode: string;
  divisionCode?: string;
  project?: { generalContractorCreditCode?: string; developerCreditCode?: string };
}

@Injectable()
export class FeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async ingest<P extends FeedRecord>(definition: EventDefinition<P>, records: P[]): Promise<{ accepted: number; duplicates: number }> {
    const problems = records.reduce<Record<string, string[]>>((acc, r, i) => Object.assign(acc, recordProblems(r, `records.${i}`)), {});
    const ids = records.map((r) => r.recordId);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems[`records.${i}.recordId`] = ['同一批次中 recordId 重复'];
    });
    if (Object.keys(problems).length) throw invalidFields(problems);
    return this.dataSource.transaction(async (m) => {
      const schema = schemaOf(m);
      const fresh: { record_id: string }[] = await m.query(
        `INSERT INTO "${schema}".feed_records (feed, record_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING record_id`,
        [definition.type, ids],
      );
      const taken = new Set(fresh.map((r) => r.record_id));
      const events = records.filter((r) => taken.has(r.recordId)).map((payload) => ({ definition, payload }));
      if (events.length) await this.outbox.publishAll(m, events);
      return { accepted: events.length, duplicates: records.length - events.length };
    });
  }
}

/** What the contract's patterns cannot check: credit code check characters, Ganzhou's division codes. */
function recordProblems(r: FeedRecord, path: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const code = (field: string, value: string | undefined) => {
    const problem = value === undefined ? null : creditCodeProblem(value);
    if (problem) out[`${path}.${field}`] = [problem];
  };
  code('employerCreditCode', r.employerCreditCode);
  code('project.generalContractorCreditCode', r.project?.generalContractorCreditCode);
  code('project.developerCreditCode', r.project?.developerCreditCode);
  if (r.divisionCode !== undefined && !isGanzhouServiceArea(r.divisionCode)) out[`${path}.divisionCode`] = ['不是赣州市的县（市、区）或功能区代码'];
  return out;
}
