import { describe, expect, it } from 'vitest';
import { checkGates } from '../../src/gates/check-gates.js';
import type { Gate } from '../../src/gates/gate.js';
import type { ComparisonChange, RunReport, SampleResult, TestResult } from '../../src/types.js';

// Small runs written by hand; every measured figure below is worked out from them.

function sample(status: SampleResult['status'], latencyMs: number, cost?: number): SampleResult {
  return { sample: 0, status, output: '', assertions: [], latencyMs, tokens: { prompt: 0, completion: 0, total: 0 }, cached: false, ...(cost === undefined ? {} : { cost }) };
}

function test(name: string, status: TestResult['status'], extra: { tags?: string[]; change?: ComparisonChange; samples?: SampleResult[]; file?: string } = {}): TestResult {
  const result: TestResult = {
    file: extra.file ?? 'a.yml',
    suite: 'a',
    test: name,
    testIndex: 0,
    line: 1,
    vars: {},
    status,
    pass: status === 'passed',
    flaky: false,
    passRate: status === 'passed' ? 1 : 0,
    minPassRate: 1,
    output: '',
    assertions: [],
    samples: extra.samples ?? [sample(status, 100)],
    latencyMs: 100,
    tokens: { prompt: 0, completion: 0, total: 0 },
  };
  if (extra.tags) result.tags = extra.tags;
  if (extra.change) result.comparison = { change: extra.change, head: { passed: 0, samples: 0, interval: { low: 0, high: 1 } } };
  return result;
}

function report(results: TestResult[]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2026-12-05T00:00:00.000Z',
    summary: { total: 0, passed: 0, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 }, requests: 0, cacheHits: 0, durationMs: 0 },
    results,
  };
}

const check = (gate: Gate, head: TestResult[], base?: TestResult[]) => checkGates([gate], report(head), base ? report(base) : undefined)[0]!;

describe('checkGates', () => {
  it('fails no-regression on a regression, naming it, and looks only at the tag it is given', () => {
    const head = [test('refund', 'failed', { change: 'regression', tags: ['billing'] }), test('tone', 'passed', { change: 'unchanged', tags: ['safety'] })];
    expect(check({ kind: 'no-regression' }, head)).toMatchObject({ name: 'no regression', status: 'failed', measured: '1 regression', limit: '0', blamed: ['a.yml › refund'] });
    expect(check({ kind: 'no-regression', tag: 'safety' }, head)).toMatchObject({ name: 'no regression (tag safety)', status: 'passed', measured: '0 regressions' });
  });

  it('skips no-regression when nothing was compared', () => {
    expect(check({ kind: 'no-regression' }, [test('t', 'passed', { change: 'new' })]).status).toBe('skipped');
  });

  it('fails no-lost-pass when a test that passed in the baseline does not pass now, even without a significant regression', () => {
    const base = [test('refund', 'passed'), test('tone', 'failed')];
    const head = [test('refund', 'failed', { change: 'inconclusive' }), test('tone', 'failed')];
    expect(check({ kind: 'no-lost-pass' }, head, base)).toMatchObject({ status: 'failed', measured: '1 pass lost', blamed: ['a.yml › refund'] });
    expect(check({ kind: 'no-lost-pass' }, head)).toMatchObject({ status: 'skipped', measured: 'no baseline' });
  });

  it('measures the pass rate over evaluated tests: 2 of 3 is 66.6%, short of 70%', () => {
    const head = [test('a', 'passed'), test('b', 'passed'), test('c', 'failed'), test('d', 'errored')];
    expect(check({ kind: 'min-pass-rate', limit: 0.7 }, head)).toMatchObject({ status: 'failed', measured: '66.6%', limit: '≥ 70%' });
    expect(check({ kind: 'min-pass-rate', limit: 0.6 }, head).status).toBe('passed');
  });

  it('counts errored tests against max-errored', () => {
    expect(check({ kind: 'max-errored', limit: 0 }, [test('d', 'errored')])).toMatchObject({ status: 'failed', measured: '1 test errored', limit: '≤ 0' });
  });

  it('compares cost per priced sample, so a side sampled more is not blamed for its count: $0.02 → $0.025 is +25%', () => {
    const base = [test('a', 'passed', { samples: [sample('passed', 100, 0.02)] })];
    const head = [test('a', 'passed', { samples: [sample('passed', 100, 0.02), sample('passed', 100, 0.03), sample('passed', 100, 0.025), sample('passed', 100, 0.025)] })];
    expect(check({ kind: 'max-cost-increase', limit: 0.1 }, head, base)).toMatchObject({ status: 'failed', measured: '+25%', limit: '≤ +10%' });
    expect(check({ kind: 'max-cost-increase', limit: 0.25 }, head, base).status).toBe('passed');
  });

  it('takes the nearest-rank p95 of answered samples: of 20 latencies 1..20 ms it is 19', () => {
    const ms = (offset: number) => Array.from({ length: 20 }, (_, i) => sample('passed', (i + 1) * offset));
    const base = [test('a', 'passed', { samples: ms(1) })];
    const head = [test('a', 'passed', { samples: [...ms(2), sample('errored', 10_000)] })];
    expect(check({ kind: 'max-latency-increase', limit: 0.5, percentile: 95 }, head, base)).toMatchObject({ name: 'p95 latency', status: 'failed', measured: '+100% (19 → 38 ms)' });
    expect(check({ kind: 'max-latency-increase', limit: 1, percentile: 50 }, head, base)).toMatchObject({ status: 'passed', measured: '+100% (10 → 20 ms)' });
  });
});
