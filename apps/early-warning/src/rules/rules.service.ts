import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalidFields, fieldErrors } from '@yuanlian/runtime';
import { DataSource, EntityManager } from 'typeorm';
import { RuleSet } from './rule-set.entity';
import { DEFAULT_THRESHOLDS, mergeThresholds, RuleThresholds, thresholdOrderProblems } from './thresholds';
import type { ThresholdOverride } from './thresholds';

export const DEFAULT_RULE_SET = 'default';

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

  /** Replaces a county's (or the city-wide) override after checking the thresholds it results in. */
  async put(divisionCode: string, override: ThresholdOverride, by: string): Promise<{ ruleSet: RuleSet; effective: RuleThresholds }> {
    const base = divisionCode === DEFAULT_RULE_SET ? DEFAULT_THRESHOLDS : await this.forDivision(DEFAULT_RULE_SET);
    const effective = plainToInstance(RuleThresholds, mergeThresholds(base, override));
    const problems = { ...fieldErrors(validateSync(effective, { forbidUnknownValues: true })), ...thresholdOrderProblems(effective) };
    if (Object.keys(problems).length) throw invalidFields(problems);
    const ruleSet = await this.dataSource.transaction(async (m) => {
      const current = await m.findOne(RuleSet, { where: { divisionCode }, lock: { mode: 'pessimistic_write' } });
      return m.save(RuleSet, { divisionCode, thresholds: override, version: (current?.version ?? 0) + 1, updatedBy: by, updatedAt: new Date() });
    });
    this.cache.clear();
    return { ruleSet, effective: await this.forDivision(divisionCode) };
  }
}
