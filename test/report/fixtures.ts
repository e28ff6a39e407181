// Hand-written reports for the reporter tests: one passing test, one failing with two failing
// assertions, one flaky (3 of 5 samples passed, 80% needed) and one errored by the provider.
import type { AssertionResult, RunReport, SampleResult, TestResult, TokenUsage } from '../../src/types.js';

const FILE_A = 'prompts/refund.prompt.yaml';
const FILE_B = 'prompts/summary.prompt.yml';

function tokens(prompt: number, completion: number): TokenUsage {
  return { prompt, completion, total: prompt + completion };
}

function passed(type: string, reason: string): AssertionResult {
  return { type, pass: true, score: 1, reason };
}

function failed(type: string, reason: string, extra: Partial<AssertionResult> = {}): AssertionResult {
  return { type, pass: false, score: 0, reason, ...extra };
}

function sample(index: number, status: SampleResult['status'], output: string, assertions: AssertionResult[]): SampleResult {
  return { sample: index, status, output, assertions, latencyMs: 400, tokens: tokens(50, 20), cached: false };
}

export function passingTest(overrides: Partial<TestResult> = {}): TestResult {
  const assertions = [passed('contains', 'output contains "30 days"')];
  return {
    file: FILE_A,
    suite: 'Refund policy',
    test: 'mentions the refund window',
    testIndex: 0,
    line: 12,
    vars: { question: 'Can I return my shoes?' },
    status: 'passed',
    pass: true,
    flaky: false,
    passRate: 1,
    minPassRate: 1,
    output: 'You can return them within 30 days.',
    assertions,
    samples: [sample(0, 'passed', 'You can return them within 30 days.', assertions)],
    latencyMs: 812,
    tokens: tokens(50, 20),
    ...overrides,
  };
}

export function failingTest(overrides: Partial<TestResult> = {}): TestResult {
  const output = "I'm sorry, I can't help with returns.\nPlease contact support.";
  const assertions = [
    passed('max-length', 'output is 61 characters, at most 500 allowed'),
    failed('contains', 'expected output to contain "30 days"', { line: 18 }),
    failed('not-icontains', 'expected output not to contain "sorry" (case-insensitive)', { name: 'no apology', line: 19 }),
  ];
  return {
    file: FILE_A,
    suite: 'Refund policy',
    test: 'answers without apologising',
    testIndex: 1,
    line: 16,
    vars: { question: 'Refund?', orderId: 12345 },
    status: 'failed',
    pass: false,
    flaky: false,
    passRate: 0,
    minPassRate: 1,
    output,
    assertions,
    samples: [sample(0, 'failed', output, assertions)],
    latencyMs: 1250,
    tokens: tokens(60, 25),
    ...overrides,
  };
}

export function flakyTest(overrides: Partial<TestResult> = {}): TestResult {
  const good = 'Summary: sales rose 4%.';
  const bad = 'Sales rose.';
  const fail = [failed('contains', 'expected output to contain "Summary:"')];
  const pass = [passed('contains', 'output contains "Summary:"')];
  return {
    file: FILE_B,
    suite: 'Summaries',
    test: 'starts with Summary',
    testIndex: 0,
    line: 9,
    vars: {},
    status: 'failed',
    pass: false,
    flaky: true,
    passRate: 0.6,
    minPassRate: 0.8,
    output: bad,
    assertions: fail,
    samples: [
      sample(0, 'passed', good, pass),
      sample(1, 'failed', bad, fail),
      sample(2, 'passed', good, pass),
      sample(3, 'failed', bad, fail),
      sample(4, 'passed', good, pass),
    ],
    latencyMs: 2000,
    tokens: tokens(250, 100),
    ...overrides,
  };
}

export function erroredTest(overrides: Partial<TestResult> = {}): TestResult {
  const error = 'HTTP 429: rate limit exceeded (after 3 attempts)';
  return {
    file: FILE_B,
    suite: 'Summaries',
    test: 'handles an empty document',
    testIndex: 1,
    line: 21,
    vars: { document: '' },
    status: 'errored',
    pass: false,
    flaky: false,
    passRate: 0,
    minPassRate: 1,
    output: '',
    error,
    assertions: [],
    samples: [{ sample: 0, status: 'errored', output: '', error, assertions: [], latencyMs: 0, tokens: tokens(0, 0), cached: false }],
    latencyMs: 0,
    tokens: tokens(0, 0),
    ...overrides,
  };
}

/** A report over the given results; the summary is written by hand to match the default four. */
export function buildReport(results: TestResult[] = [passingTest(), failingTest(), flakyTest(), erroredTest()]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: '0.1.0' },
    startedAt: '2025-11-21T09:00:00.000Z',
    summary: {
      total: 4,
      passed: 1,
      failed: 2,
      errored: 1,
      flaky: 1,
      passRate: 1 / 3,
      tokens: tokens(360, 145),
      requests: 7,
      cacheHits: 1,
      durationMs: 4200,
    },
    results,
  };
}

/**
 * The default four with prices and grading, for the usage sections. By file:
 * refund.prompt.yaml: 2 tests, 70 + 85 = 155 tokens, $0.0012 + $0.0003 = $0.0015; the failing test
 * was graded: 2 judge calls, 320 tokens, $0.00005.
 * summary.prompt.yml: 2 tests, 350 + 0 = 350 tokens, $0.002 (the errored test has no cost); nothing graded.
 */
export function buildCostedReport(): RunReport {
  const judge = { calls: 2, tokens: tokens(300, 20), cost: 0.00005 };
  const graded = failingTest();
  const report = buildReport([
    passingTest({ cost: 0.0012, samples: passingTest().samples.map((one) => ({ ...one, cost: 0.0012 })) }),
    failingTest({ cost: 0.0003, judge, samples: graded.samples.map((one) => ({ ...one, cost: 0.0003, judge })) }),
    flakyTest({ cost: 0.002, samples: flakyTest().samples.map((one) => ({ ...one, cost: 0.0004 })) }),
    erroredTest(),
  ]);
  report.summary = { ...report.summary, cost: 0.0035, judge: { ...judge, requests: 1, cacheHits: 1 } };
  return report;
}
