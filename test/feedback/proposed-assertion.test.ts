import { describe, expect, it } from 'vitest';
import { judgeProposedAssertion } from '../../src/suggest/proposed-assertion.js';
import { loadSuite } from '../../src/suite/load.js';
import type { RunReport, SampleResult, Status, Suite, TestResult } from '../../src/types.js';

// The proposed assertion is the critique made testable: judged on a targeted test's samples before
// and after the edit, by Fisher's exact test on its pass counts. The p-values below are worked by
// hand from the hypergeometric law (16 samples, 8 a side).

const TEXT = `model: m
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: refund window
    vars:
      question: Can I return boots?
    assert:
      - contains: "30 days"
`;

function suite(): Suite {
  const { suite } = loadSuite('p.prompt.yaml', TEXT);
  return suite!;
}

const WITH_REFUND = 'A full refund within 30 days.';
const WITHOUT = 'Within 30 days.';

/** Samples with these outputs; `errored` ones have no output the assertion could be judged on. */
function samples(outputs: (string | 'errored')[], status: Status = 'passed'): SampleResult[] {
  return outputs.map((output, sample) => ({
    sample,
    status: output === 'errored' ? 'errored' : status,
    output: output === 'errored' ? '' : output,
    assertions: [],
    latencyMs: 1,
    tokens: { prompt: 1, completion: 1, total: 2 },
    cached: false,
  }));
}

function report(sampled: SampleResult[], minPassRate = 1): RunReport {
  const result: TestResult = {
    file: 'p.prompt.yaml',
    suite: 'p',
    test: 'refund window',
    testIndex: 0,
    line: 6,
    vars: { question: 'Can I return boots?' },
    status: 'passed',
    pass: true,
    flaky: false,
    passRate: 1,
    minPassRate,
    output: sampled[0]?.output ?? '',
    assertions: [],
    samples: sampled,
    latencyMs: 1,
    tokens: { prompt: 1, completion: 1, total: 2 },
  };
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    summary: { total: 1, passed: 1, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 1 },
    results: [result],
  };
}

const times = (count: number, output: string) => Array.from({ length: count }, () => output);
const judging = { falseAlarmRate: 0.05, family: 1 };

function judge(before: (string | 'errored')[], after: (string | 'errored')[], options: { family?: number; minPassRate?: number; status?: Status } = {}) {
  return judgeProposedAssertion(
    { icontains: 'refund' },
    suite(),
    ['refund window'],
    report(samples(before), options.minPassRate),
    report(samples(after, options.status), options.minPassRate),
    { ...judging, family: options.family ?? 1 },
  );
}

describe('judgeProposedAssertion', () => {
  it('keeps an assertion that fails on every sample before and passes on every one after: p = 1/C(16,8)', () => {
    const verdict = judge(times(8, WITHOUT), times(8, WITH_REFUND));
    expect(verdict).toMatchObject({ kept: true, test: 'refund window', before: { passed: 0, samples: 8 }, after: { passed: 8, samples: 8 } });
    expect(verdict.pValue).toBeCloseTo(1 / 12870, 12);
  });

  it('multiplies the p-value by the pairs it could have been found on: 4/8 → 8/8 is p = C(8,4)/C(16,4) = 70/1820 alone, twice that among two', () => {
    const alone = judge([...times(4, WITHOUT), ...times(4, WITH_REFUND)], times(8, WITH_REFUND));
    expect(alone.kept).toBe(true);
    expect(alone.pValue).toBeCloseTo(70 / 1820, 12);
    const amongTwo = judge([...times(4, WITHOUT), ...times(4, WITH_REFUND)], times(8, WITH_REFUND), { family: 2 });
    expect(amongTwo).toMatchObject({
      kept: false,
      reason: 'it does not show a change on "refund window": 4/8 → 8/8 (p = 0.077) is not evidence at a 5% false-alarm rate',
    });
  });

  it('leaves errored samples out of the counts, as the comparison does', () => {
    const verdict = judge(['errored', 'errored', ...times(6, WITHOUT)], times(8, WITH_REFUND));
    expect(verdict).toMatchObject({ kept: true, before: { passed: 0, samples: 6 }, after: { passed: 8, samples: 8 } });
    // 1/C(14,6) = 1/3003.
    expect(verdict.pValue).toBeCloseTo(1 / 3003, 12);
  });

  it('keeps one that passes most samples after when the test, with it added, still reaches its minPassRate: 0/8 → 6/8 is p = C(8,2)/C(16,10) = 28/8008', () => {
    const mostly = [...times(6, WITH_REFUND), ...times(2, WITHOUT)];
    const atHalf = judge(times(8, WITHOUT), mostly, { minPassRate: 0.5 });
    expect(atHalf.kept).toBe(true);
    expect(atHalf.pValue).toBeCloseTo(28 / 8008, 12);
    const atAll = judge(times(8, WITHOUT), mostly);
    expect(atAll).toMatchObject({
      kept: false,
      reason:
        'it fails on the new output of "refund window" too: with it, the test would pass 6/8 after the edit, below its minPassRate of 100%: ' +
        'expected output to contain "refund" (ignoring case), got "Within 30 days."',
    });
  });

  it('counts a sample as passing with it added only when the test passed it too', () => {
    // The assertion passes every sample after, but the test's own assertions failed them all.
    const verdict = judge(times(8, WITHOUT), times(8, WITH_REFUND), { status: 'failed' });
    expect(verdict.kept).toBe(false);
    expect(verdict.reason).toMatch(/^it fails on the new output of "refund window" too: with it, the test would pass 0\/8 after the edit/);
  });

  it('does not keep one that already passes before the edit', () => {
    expect(judge(times(8, WITH_REFUND), times(8, WITH_REFUND))).toMatchObject({
      kept: false,
      reason: 'it does not tell the old prompt from the new: it already passes on the old output of "refund window" (8/8 → 8/8)',
    });
  });
});
