import { describe, expect, it } from 'vitest';
import { releaseReport } from '../../src/gates/release-report.js';
import type { GateOutcome } from '../../src/gates/gate.js';
import type { ComparisonChange, RunReport, SampleResult, SideEvidenceReport, TestResult } from '../../src/types.js';

function samples(latencies: number[], cost: number): SampleResult[] {
  return latencies.map((latencyMs, sample) => ({ sample, status: 'passed', output: '', assertions: [], latencyMs, tokens: { prompt: 0, completion: 0, total: 0 }, cached: false, cost }));
}

const side = (passed: number, samples: number, low: number, high: number): SideEvidenceReport => ({ passed, samples, interval: { low, high } });

function result(test: string, change: ComparisonChange, base: SideEvidenceReport | undefined, head: SideEvidenceReport, latencies = [100], cost = 0.002): TestResult {
  return {
    file: 'prompts/support.prompt.yml',
    suite: 'support',
    test,
    testIndex: 0,
    line: 1,
    vars: {},
    status: 'passed',
    pass: true,
    flaky: false,
    passRate: 1,
    minPassRate: 1,
    output: '',
    assertions: [],
    samples: samples(latencies, cost),
    latencyMs: 100,
    tokens: { prompt: 0, completion: 0, total: 0 },
    comparison: { change, ...(base ? { base } : {}), head },
  };
}

function report(results: TestResult[], comparison?: RunReport['summary']['comparison']): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2026-12-05T00:00:00.000Z',
    summary: { total: results.length, passed: 0, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 0, ...(comparison ? { comparison } : {}) },
    results,
  };
}

describe('releaseReport', () => {
  it('leads with the gates and their figures, then lists what changed with its evidence, cost and latency, and the tests added and removed', () => {
    const head = report(
      [
        result('refund window', 'regression', side(10, 10, 0.72, 1), side(2, 8, 0.07, 0.59), [100, 300], 0.003),
        result('tone <b>@team</b>', 'improvement', side(1, 8, 0.02, 0.47), side(8, 8, 0.68, 1), [100, 300], 0.003),
        result('greeting', 'new', undefined, side(1, 1, 0.21, 1), [100, 300], 0.003),
      ],
      { regression: 1, improvement: 1, unchanged: 0, inconclusive: 0, new: 1, falseAlarmRate: 0.05, maxSamples: 24, calls: 32, budget: 60 },
    );
    const base = report([result('refund window', 'unchanged', undefined, side(10, 10, 0.72, 1), [100, 200], 0.002)]);
    const gates: GateOutcome[] = [
      { gate: { kind: 'no-regression' }, name: 'no regression', status: 'failed', measured: '1 regression', limit: '0', blamed: ['prompts/support.prompt.yml › refund window'] },
      { gate: { kind: 'min-pass-rate', limit: 0.9 }, name: 'pass rate', status: 'passed', measured: '100%', limit: '≥ 90%' },
    ];
    const text = releaseReport({ head, base, removed: [{ file: 'prompts/support.prompt.yml', test: 'old test' }], gates, headLabel: 'v1.4.0', baseLabel: 'v1.3.0' });
    expect(text).toBe(
      [
        '## promptgate: `v1.4.0` against `v1.3.0`',
        '',
        '**1 gate failed** of 2: no regression.',
        '',
        '| gate | measured | limit | |',
        '| --- | --- | --- | --- |',
        '| no regression | 1 regression | 0 | ❌ failed |',
        '| pass rate | 100% | ≥ 90% | ✅ passed |',
        '',
        'no regression: `prompts/support.prompt.yml › refund window`',
        '',
        '1 regression, 1 improvement, 0 unchanged, 0 inconclusive, 1 new, 1 removed (false-alarm rate 5%, 32 calls).',
        '',
        '### Regressions (1)',
        '',
        '| test | before → now |',
        '| --- | --- |',
        '| `prompts/support.prompt.yml` › refund window | 10/10 (72–100%) → 2/8 (7–59%) |',
        '',
        '### Improvements (1)',
        '',
        '| test | before → now |',
        '| --- | --- |',
        '| `prompts/support.prompt.yml` › tone &lt;b&gt;@\u200dteam&lt;/b&gt; | 1/8 (2–47%) → 8/8 (68–100%) |',
        '',
        // Cost per sample $0.002 → $0.003 is +50%. Latencies: before 100 and 200 ms; now three answers at 100 and three
        // at 300, so the nearest-rank p50 is 100 (the 3rd of 6) and the p95 300.
        '### Cost and latency',
        '',
        '| | before | now | change |',
        '| --- | --- | --- | --- |',
        '| cost per sample | $0.002 | $0.003 | +50% |',
        '| p50 latency | 100 ms | 100 ms | +0% |',
        '| p95 latency | 200 ms | 300 ms | +50% |',
        '',
        '### Tests added (1)',
        '',
        '- `prompts/support.prompt.yml` › greeting',
        '',
        '### Tests removed (1)',
        '',
        '- `prompts/support.prompt.yml` › old test',
        '',
      ].join('\n'),
    );
  });
});

describe('a file name in a table row', () => {
  it('keeps a pipe in the name inside its cell, so it cannot shift the evidence into another column', () => {
    const forged = { ...result('refund window', 'regression', side(10, 10, 0.72, 1), side(0, 8, 0, 0.32)), file: 'prompts/x| 10/10 → 10/10 |.prompt.yml' };
    const text = releaseReport({ head: report([forged]), removed: [], gates: [], headLabel: 'v2' });
    expect(text).toContain('| `prompts/x\\| 10/10 → 10/10 \\|.prompt.yml` › refund window | 10/10 (72–100%) → 0/8 (0–32%) |');
  });
});

describe('the gates verdict line', () => {
  const gate = (status: GateOutcome['status']): GateOutcome => ({ gate: { kind: 'no-regression' }, name: 'no regression', status, measured: 'nothing compared', limit: '0' });
  const verdictOf = (gates: GateOutcome[]) => releaseReport({ head: report([]), removed: [], gates, headLabel: 'v1' }).split('\n')[2];

  it('does not call skipped gates passed', () => {
    expect(verdictOf([gate('skipped')])).toBe('**No gate could be checked** (1 gate skipped).');
    expect(verdictOf([gate('passed'), gate('skipped')])).toBe('**Gates passed** (1; 1 skipped).');
    expect(verdictOf([gate('passed')])).toBe('**Gates passed** (1).');
  });
});
