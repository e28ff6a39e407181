// The cost and latency figures a gate checks and the release report shows, measured one way for
// both. Per sample, not per test: a side sampled more often is not made to look dearer or slower.
import type { TestResult } from '../types.js';

/** Mean cost of a priced sample; undefined when none was priced. */
export function costPerSample(tests: readonly TestResult[]): number | undefined {
  let cost = 0;
  let priced = 0;
  for (const test of tests) {
    for (const sample of test.samples) {
      if (sample.cost === undefined) continue;
      cost += sample.cost;
      priced++;
    }
  }
  return priced === 0 ? undefined : cost / priced;
}

/** Nearest-rank percentile of the answered samples' latencies (a value some sample took); undefined without answers. */
export function latencyPercentile(tests: readonly TestResult[], p: number): number | undefined {
  const values = tests.flatMap((test) => test.samples.filter((sample) => sample.status !== 'errored').map((sample) => sample.latencyMs));
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  return values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];
}

/** `+12.5%` / `−3%`: how far `now` is from `was`, as a share of `was`. */
export function signedChange(fraction: number, format: (rate: number) => string): string {
  return `${fraction >= 0 ? '+' : '−'}${format(Math.abs(fraction))}`;
}
