/** Calendar days, working days, or months (a court's trial period: 立案之日起三个月内审结). */
export type DayUnit = 'calendar' | 'working' | 'month';

export interface ClockRule {
  label: string;
  /** The period's length in its unit: days, working days, or months. */
  days: number;
  unit: DayUnit;
  /** Most days an approved extension may add. */
  extensionDays?: number;
  basis: string;
  /**
   * Whose period it is: the office's by default (overdue is reported to supervision); `worker` for a period the worker
   * must meet (limitation, the days to sue) — shown and warned on the case, never reported as the office's delay.
   */
  party?: 'office' | 'worker';
  /** Widely stated but not confirmed from a primary text: configurable, and marked 待核实 where it is shown. */
  unconfirmed?: boolean;
}

export interface ClockRulesData {
  rules: Record<string, ClockRule>;
  /** Per county or zone code: fields replacing those of a rule. */
  overrides: Record<string, Record<string, Partial<ClockRule>>>;
}

/** The statutory clock rules, with local overrides per county or functional zone. */
export class ClockRules {
  constructor(private readonly data: ClockRulesData) {
    for (const [id, rule] of Object.entries(data.rules)) ClockRules.check(id, rule);
    for (const [area, rules] of Object.entries(data.overrides)) {
      for (const [id, o] of Object.entries(rules)) {
        if (!data.rules[id]) throw new Error(`override for ${area} names unknown clock ${id}`);
        ClockRules.check(`${id}@${area}`, { ...data.rules[id], ...o });
      }
    }
  }

  private static check(id: string, r: ClockRule) {
    if (!Number.isInteger(r.days) || r.days < 1) throw new Error(`clock ${id}: days must be a positive integer`);
    if (r.unit !== 'calendar' && r.unit !== 'working' && r.unit !== 'month') throw new Error(`clock ${id}: unit must be calendar, working or month`);
    if (r.extensionDays !== undefined && (!Number.isInteger(r.extensionDays) || r.extensionDays < 0)) throw new Error(`clock ${id}: bad extensionDays`);
    if (!r.basis) throw new Error(`clock ${id}: the legal basis is required`);
    if (r.party !== undefined && r.party !== 'office' && r.party !== 'worker') throw new Error(`clock ${id}: party must be office or worker`);
  }

  /** The rule in force for an area (its local override applied). */
  get(id: string, area?: string): ClockRule & { id: string } {
    const base = this.data.rules[id];
    if (!base) throw new Error(`unknown clock ${id}`);
    return { id, ...base, ...(area ? this.data.overrides[area]?.[id] : undefined) };
  }

  ids(): string[] {
    return Object.keys(this.data.rules);
  }
}
