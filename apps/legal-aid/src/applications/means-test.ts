import { GREEN_CHANNEL_MATTERS, MATTERS } from '@yuanlian/contracts';
import type { Matter } from '@yuanlian/contracts';

/**
 * Matters a locality exempts from the economic-hardship check for every applicant (its own wider rules, e.g. a
 * province's legal aid regulations): MEANS_TEST_EXEMPT_MATTERS, comma-separated matter codes; none by default.
 */
export function meansTestExemptMatters(env = process.env.MEANS_TEST_EXEMPT_MATTERS): ReadonlySet<Matter> {
  const extra = (env ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  const unknown = extra.filter((m) => !(m in MATTERS));
  if (unknown.length) throw new Error(`MEANS_TEST_EXEMPT_MATTERS names unknown matters: ${unknown.join(', ')}`);
  return new Set<Matter>(extra as Matter[]);
}

/**
 * The green channel and the means check (Legal Aid Law art. 42(3)): a migrant worker (进城务工人员) claiming labor
 * remuneration or work-injury compensation is exempt from the check, and handled first; anyone else is checked unless
 * the locality exempts the matter for all.
 */
export function meansCheck(matter: Matter, migrantWorker: boolean, localExempt: ReadonlySet<Matter>): { greenChannel: boolean; meansTestRequired: boolean } {
  const greenChannel = migrantWorker && GREEN_CHANNEL_MATTERS.includes(matter);
  return { greenChannel, meansTestRequired: !greenChannel && !localExempt.has(matter) };
}
