// The run's verdict with release gates (src/verdict.ts, gatedVerdict): the rule the CLI's exit code
// follows, worked out on summaries built by hand.
import { describe, expect, it } from 'vitest';
import type { ComparisonSummary, Summary } from '../src/types.js';
import { gatedVerdict } from '../src/verdict.js';

const comparison: ComparisonSummary = { regression: 1, improvement: 0, unchanged: 3, inconclusive: 0, new: 0, falseAlarmRate: 0.05, maxSamples: 24, calls: 40, budget: 80 };

function summary(counts: { passed: number; failed: number; errored?: number }, compared?: ComparisonSummary): { summary: Summary } {
  const errored = counts.errored ?? 0;
  return {
    summary: {
      total: counts.passed + counts.failed + errored,
      ...counts,
      errored,
      flaky: 0,
      passRate: counts.passed / (counts.passed + counts.failed),
      tokens: { prompt: 0, completion: 0, total: 0 },
      requests: 0,
      cacheHits: 0,
      durationMs: 0,
      ...(compared ? { comparison: compared } : {}),
    },
  };
}

const failedGate = { status: 'failed' as const };
const passedGate = { status: 'passed' as const };
const skippedGate = { status: 'skipped' as const };

describe('gatedVerdict', () => {
  it('fails a run on a failed gate whatever its tests did, unless --fail-on never', () => {
    const allPassed = summary({ passed: 4, failed: 0 });
    expect(gatedVerdict(allPassed, { gates: [passedGate, failedGate] })).toBe('failed');
    expect(gatedVerdict(allPassed, { gates: [failedGate], failOn: 'failure' })).toBe('failed');
    expect(gatedVerdict(allPassed, { gates: [failedGate], failOn: 'never' })).toBe('passed');
  });

  it('lets the gates alone decide a compared run without --fail-on: a regression the gates do not look at passes, and --fail-on regression adds it', () => {
    // 3 of 4 passing, one of them a regression; the declared gates passed.
    const compared = summary({ passed: 3, failed: 1 }, comparison);
    expect(gatedVerdict(compared, { gates: [passedGate, skippedGate] })).toBe('passed');
    expect(gatedVerdict(compared, { gates: [passedGate], failOn: 'regression' })).toBe('failed');
    expect(gatedVerdict(compared, { gates: [passedGate], failOn: 'failure' })).toBe('failed');
    // The minimum pass rate still holds: 3 of 4 is under 0.8.
    expect(gatedVerdict(compared, { gates: [passedGate], minPassRate: 0.8 })).toBe('failed');
    expect(gatedVerdict(compared, { gates: [passedGate], minPassRate: 0.75 })).toBe('passed');
  });

  it('fails a run compared with nothing on any failing test, as --fail-on failure does, the gates on top', () => {
    expect(gatedVerdict(summary({ passed: 3, failed: 1 }), { gates: [] })).toBe('failed');
    expect(gatedVerdict(summary({ passed: 3, failed: 1 }), { gates: [passedGate], minPassRate: 0.7 })).toBe('passed');
    expect(gatedVerdict(summary({ passed: 4, failed: 0 }), { gates: [skippedGate] })).toBe('passed');
  });

  it('says errored when cases could not be judged and nothing failed; a failed gate outranks that', () => {
    const errored = summary({ passed: 3, failed: 0, errored: 1 }, { ...comparison, regression: 0 });
    expect(gatedVerdict(errored, { gates: [passedGate] })).toBe('errored');
    expect(gatedVerdict(errored, { gates: [failedGate] })).toBe('failed');
    expect(gatedVerdict(summary({ passed: 3, failed: 0, errored: 1 }), { gates: [] })).toBe('errored');
  });
});
