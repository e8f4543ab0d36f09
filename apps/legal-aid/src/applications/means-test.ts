import { GREEN_CHANNEL_MATTERS, MATTERS } from '@yuanlian/contracts';
import type { Matter } from '@yuanlian/contracts';

/**
 * Matters whose applicants skip the economic-hardship check. Wage and work-injury claims of migrant workers are
 * exempt by statute (Legal Aid Law art. 42) and cannot be taken off; a locality may add others with
 * MEANS_TEST_EXEMPT_MATTERS (comma-separated matter codes).
 */
export function meansTestExemptMatters(env = process.env.MEANS_TEST_EXEMPT_MATTERS): ReadonlySet<Matter> {
  const extra = (env ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  const unknown = extra.filter((m) => !(m in MATTERS));
  if (unknown.length) throw new Error(`MEANS_TEST_EXEMPT_MATTERS names unknown matters: ${unknown.join(', ')}`);
  return new Set<Matter>([...GREEN_CHANNEL_MATTERS, ...(extra as Matter[])]);
}
