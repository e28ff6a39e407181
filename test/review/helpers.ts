// Hand-written results and reports for the review tests.
import type { AssertionResult, ComparisonChange, RunReport, SampleResult, SideEvidenceReport, Summary, TestResult } from '../../src/types.js';

export function pass(type: string, extra: Partial<AssertionResult> = {}): AssertionResult {
  return { type, pass: true, score: 1, reason: `expected ${type} to hold`, ...extra };
}

export function fail(type: string, reason: string, extra: Partial<AssertionResult> = {}): AssertionResult {
  return { type, pass: false, score: 0, reason, ...extra };
}

function sample(index: number, status: SampleResult['status'], output: string, assertions: AssertionResult[]): SampleResult {
  return { sample: index, status, output, assertions, latencyMs: 500, tokens: { prompt: 40, completion: 10, total: 50 }, cached: false };
}

/** A test result with one sample; `assertions` decide whether it passed. */
export function result(file: string, test: string, assertions: AssertionResult[], overrides: Partial<TestResult> = {}): TestResult {
  const failed = assertions.some((a) => !a.pass && !a.skipped);
  const status = overrides.status ?? (failed ? 'failed' : 'passed');
  const output = overrides.output ?? 'You can return it within 30 days.';
  return {
    file,
    suite: 'Support',
    test,
    testIndex: 0,
    line: 1,
    vars: {},
    status,
    pass: status === 'passed',
    flaky: false,
    passRate: status === 'passed' ? 1 : 0,
    minPassRate: 1,
    output,
    assertions,
    samples: [sample(0, status, output, assertions)],
    latencyMs: 500,
    tokens: { prompt: 40, completion: 10, total: 50 },
    ...overrides,
  };
}

export function passing(file: string, test: string, overrides: Partial<TestResult> = {}): TestResult {
  return result(file, test, [pass('contains')], overrides);
}

export function failing(file: string, test: string, overrides: Partial<TestResult> = {}): TestResult {
  return result(file, test, [fail('contains', 'expected output to contain "30 days"')], overrides);
}

export function errored(file: string, test: string, error = 'HTTP 500: upstream error (after 3 attempts)'): TestResult {
  return result(file, test, [], {
    status: 'errored',
    output: '',
    error,
    samples: [{ sample: 0, status: 'errored', output: '', error, assertions: [], latencyMs: 0, tokens: { prompt: 0, completion: 0, total: 0 }, cached: false }],
    latencyMs: 0,
    tokens: { prompt: 0, completion: 0, total: 0 },
  });
}

const EMPTY_SUMMARY: Summary = {
  total: 0,
  passed: 0,
  failed: 0,
  errored: 0,
  flaky: 0,
  passRate: 1,
  tokens: { prompt: 0, completion: 0, total: 0 },
  requests: 0,
  cacheHits: 0,
  durationMs: 0,
};

/** The summary is written by each test by hand; only what it checks needs to be set. */
export function report(results: TestResult[], summary: Partial<Summary> = {}): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: '0.1.0' },
    startedAt: '2025-11-21T09:00:00.000Z',
    summary: { ...EMPTY_SUMMARY, ...summary },
    results,
  };
}

/** Pass counts a side, `[passed, samples]`, with an interval written by hand (the renderers only print it). */
export type Side = [passed: number, samples: number, interval?: { low: number; high: number }];

/**
 * `result` as the comparison left it: its change and each side's evidence (no base side for a new
 * test). The interval defaults to the whole range: where it matters, a test gives its own.
 */
export function compared(result: TestResult, change: ComparisonChange, head: Side, base?: Side): TestResult {
  const side = ([passed, samples, interval]: Side): SideEvidenceReport => ({ passed, samples, interval: interval ?? { low: 0, high: 1 } });
  return { ...result, comparison: { change, head: side(head), ...(base ? { base: side(base) } : {}) } };
}
