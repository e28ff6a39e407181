// The 95% interval shown next to a pass count (`7/10, 40–89%`). Wilson's score interval keeps
// its stated coverage for the small sample counts a prompt test has, where the textbook
// normal-approximation interval collapses to a point at 0/n or n/n.
import type { PassCount } from './exact-test.js';

/** z for a two-sided 95% interval. */
const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson's score interval for the pass rate; [0, 1] when there are no samples. */
export function wilsonInterval(count: PassCount, z = Z_95): Interval {
  const { passed, samples } = count;
  if (samples === 0) return { low: 0, high: 1 };
  const rate = passed / samples;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * samples)) / (1 + z2 / samples);
  const halfWidth = (z / (1 + z2 / samples)) * Math.sqrt((rate * (1 - rate)) / samples + z2 / (4 * samples * samples));
  // At 0/n and n/n the formula lands on the bound up to rounding; the bound is exact.
  return { low: passed === 0 ? 0 : Math.max(0, centre - halfWidth), high: passed === samples ? 1 : Math.min(1, centre + halfWidth) };
}
