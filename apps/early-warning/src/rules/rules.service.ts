import { ForbiddenException, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { areaRefusal, recordAdminChange } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { GANZHOU_CITY_CODE } from '@yuanlian/contracts';
import { invalidFields, fieldErrors } from '@yuanlian/runtime';
import { DataSource, EntityManager } from 'typeorm';
import { RuleSet } from './rule-set.entity';
import { DEFAULT_THRESHOLDS, mergeThresholds, RuleThresholds, thresholdOrderProblems } from './thresholds';
import type { ThresholdOverride } from './thresholds';

export const DEFAULT_RULE_SET = 'default';

/** The area a rule set belongs to: the city-wide one to the city, a county's to the county. */
export const ruleSetArea = (divisionCode: string) => (divisionCode === DEFAULT_RULE_SET ? GANZHOU_CITY_CODE : divisionCode);

/** Why the caller may not change this rule set, or undefined when it may: a county's administrators keep their own county's only. */
export const ruleSetRefusal = (caller: Caller, divisionCode: string) =>
  areaRefusal(caller, ruleSetArea(divisionCode), { none: '无权修改预警阈值', city: '全市默认阈值只能由市级管理员修改', county: '只能修改本县（市、区）的预警阈值' });

/**
 * Thresholds per county: the built-in defaults, the city-wide rule set on top, the county's on top of that.
 * Cached briefly, so a change made on one instance reaches every instance within RULES_CACHE_MS.
 */
@Injectable()
export class RulesService {
  private readonly cache = new Map<string, { at: number; value: RuleThresholds }>();
  private readonly ttlMs = Number(process.env.RULES_CACHE_MS ?? 5000);

  constructor(private readonly dataSource: DataSource) {}

  async forDivision(divisionCode: string, manager: EntityManager = this.dataSource.manager): Promise<RuleThresholds> {
    const hit = this.cache.get(divisionCode);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const sets = await manager.getRepository(RuleSet).findBy([{ divisionCode: DEFAULT_RULE_SET }, { divisionCode }]);
    const city = sets.find((s) => s.divisionCode === DEFAULT_RULE_SET);
    const county = sets.find((s) => s.divisionCode === divisionCode && divisionCode !== DEFAULT_RULE_SET);
    const value = mergeThresholds(mergeThresholds(DEFAULT_THRESHOLDS, city?.thresholds), county?.thresholds);
    this.cache.set(divisionCode, { at: Date.now(), value });
    return value;
  }

  async list(): Promise<RuleSet[]> {
    return this.dataSource.getRepository(RuleSet).find({ order: { divisionCode: 'ASC' } });
  }

  /**
   * Replaces a county's (or the city-wide) override after checking the caller's area and the thresholds it results
   * in; the change and its audit entry commit together.
   */
  async put(caller: Caller, divisionCode: string, override: ThresholdOverride, reason?: string): Promise<{ ruleSet: RuleSet; effective: RuleThresholds }> {
    const refusal = ruleSetRefusal(caller, divisionCode);
    if (refusal) throw new ForbiddenException(refusal);
    const base = divisionCode === DEFAULT_RULE_SET ? DEFAULT_THRESHOLDS : await this.forDivision(DEFAULT_RULE_SET);
    const effective = plainToInstance(RuleThresholds, mergeThresholds(base, override));
    const problems = { ...fieldErrors(validateSync(effective, { forbidUnknownValues: true })), ...thresholdOrderProblems(effective) };
    if (Object.keys(problems).length) throw invalidFields(problems);
    const ruleSet = await this.dataSource.transaction(async (m) => {
      const current = await m.findOne(RuleSet, { where: { divisionCode }, lock: { mode: 'pessimistic_write' } });
      const saved = await m.save(RuleSet, { divisionCode, thresholds: override, version: (current?.version ?? 0) + 1, updatedBy: caller.sub, updatedAt: new Date() });
      await recordAdminChange(m, caller, {
        action: 'rules.put', target: `rules:${divisionCode}`, divisionCode: ruleSetArea(divisionCode), reason,
        before: current && { version: current.version, thresholds: current.thresholds }, after: { version: saved.version, thresholds: saved.thresholds },
      });
      return saved;
    });
    this.cache.clear();
    return { ruleSet, effective: await this.forDivision(divisionCode) };
  }
}
