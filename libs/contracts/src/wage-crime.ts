/**
 * "A large amount" for the wage-refusal crime (Criminal Law art. 276-1; SPC interpretation 法释〔2013〕3号 art. 3): one
 * worker unpaid for 3 months or more at ¥5,000–20,000, or 10 or more workers at ¥30,000–100,000 in total, the figure
 * within the range fixed by each province's high court. Jiangxi's figure has not been found in a primary text: until an
 * administrator sets it (WAGE_CRIME_ONE_WORKER_YUAN, WAGE_CRIME_GROUP_YUAN), the floor of the national range is used, so
 * the platform points a case out to the clerk rather than miss it — the public security bureau applies the province's
 * figure when it decides to file.
 */
export interface WageCrimeThreshold {
  oneWorkerFen: number;
  groupFen: number;
  groupWorkers: number;
  /** Set from the province's own text; false while the national floor stands in for it (shown 待核实). */
  confirmed: boolean;
  basis: string;
}

export const NATIONAL_RANGE = { oneWorker: [500_000, 2_000_000], group: [3_000_000, 10_000_000] } as const;

export function wageCrimeThreshold(env: Record<string, string | undefined> = process.env): WageCrimeThreshold {
  const yuan = (name: string, [lo, hi]: readonly [number, number]) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const fen = Math.round(Number(raw) * 100);
    if (!Number.isFinite(fen) || fen < lo || fen > hi) throw new Error(`${name}=${raw}: must be within the national range ${lo / 100}–${hi / 100} 元 (法释〔2013〕3号 art. 3)`);
    return fen;
  };
  const one = yuan('WAGE_CRIME_ONE_WORKER_YUAN', NATIONAL_RANGE.oneWorker);
  const group = yuan('WAGE_CRIME_GROUP_YUAN', NATIONAL_RANGE.group);
  return {
    oneWorkerFen: one ?? NATIONAL_RANGE.oneWorker[0],
    groupFen: group ?? NATIONAL_RANGE.group[0],
    groupWorkers: 10,
    confirmed: one !== undefined && group !== undefined,
    basis: '《刑法》第二百七十六条之一；最高人民法院法释〔2013〕3号第三条（数额由省高级人民法院在幅度内确定）、第四条（经责令支付仍不支付）',
  };
}

/**
 * Whether the arrears may reach "a large amount": the intake knows the total, not each worker's share, and any one worker
 * owed the one-worker figure for three months or more suffices (art. 3(1)) — so a total of at least that figure is pointed
 * out, and the clerk checks the worker's share and the months. Ten or more workers at the group figure always qualify.
 */
export function reachesWageCrimeThreshold(amountFen: number, workers: number, t: WageCrimeThreshold): boolean {
  return amountFen >= t.oneWorkerFen || (workers >= t.groupWorkers && amountFen >= t.groupFen);
}
