import { describe, expect, it } from 'vitest';
import { buildReport, scoreSample } from '../../src/run/score.js';
import type { Assertion, CallOutcome, Case, Suite, TestDefinition } from '../../src/types.js';

function contains(value: string): Assertion {
  return { type: 'contains', baseType: 'contains', negate: false, value };
}

function makeSuite(file: string, tests: Array<Partial<TestDefinition>>): Suite {
  return {
    file,
    format: 'promptgate',
    name: `suite ${file}`,
    modelParameters: {},
    messages: [],
    tests: tests.map((test, index) => ({
      index,
      name: `test ${index}`,
      vars: { n: index },
      assert: [],
      repeat: 1,
      minPassRate: 1,
      ...test,
    })),
  };
}

function makeCase(suite: Suite, testIndex: number, sample = 0): Case {
  const test = suite.tests[testIndex];
  if (!test) throw new Error(`no test ${testIndex} in ${suite.file}`);
  return { suite, test, sample, model: 'm', messages: [{ role: 'user', content: 'hi' }], parameters: {}, assert: test.assert };
}

/** Every case of a suite: each test's samples in order. */
function casesOf(suite: Suite): Case[] {
  return suite.tests.flatMap((test) => Array.from({ length: test.repeat }, (_, sample) => makeCase(suite, test.index, sample)));
}

function answer(output: string, latencyMs = 100, usage = { prompt: 10, completion: 5, total: 15 }, cached = false): CallOutcome {
  return { ok: true, completion: { output, latencyMs, usage, cached } };
}

function failure(message: string): CallOutcome {
  return { ok: false, failure: { message, status: 500, attempts: 3 } };
}

const META = { startedAt: '2025-01-02T03:04:05.000Z', durationMs: 4321, requests: 7, cacheHits: 2, version: '0.1.0' };

describe('scoreSample', () => {
  const suite = makeSuite('a.prompt.yaml', [{ assert: [contains('yes'), contains('sure')] }, {}]);

  it('passes when every assertion passes', () => {
    expect(scoreSample(makeCase(suite, 0, 2), answer('yes, sure', 250, { prompt: 3, completion: 4, total: 7 }, true))).toEqual({
      sample: 2,
      status: 'passed',
      output: 'yes, sure',
      assertions: [
        { type: 'contains', pass: true, score: 1, reason: 'expected output to contain "yes"' },
        { type: 'contains', pass: true, score: 1, reason: 'expected output to contain "sure"' },
      ],
      latencyMs: 250,
      tokens: { prompt: 3, completion: 4, total: 7 },
      cached: true,
    });
  });

  it('fails when any assertion fails', () => {
    const result = scoreSample(makeCase(suite, 0), answer('yes'));
    expect(result.status).toBe('failed');
    expect(result.assertions.map((a) => a.pass)).toEqual([true, false]);
  });

  it('a test without assertions passes when the call succeeds; missing usage counts as zero tokens', () => {
    const outcome: CallOutcome = { ok: true, completion: { output: '', latencyMs: 5, cached: false } };
    expect(scoreSample(makeCase(suite, 1), outcome)).toEqual({
      sample: 0,
      status: 'passed',
      output: '',
      assertions: [],
      latencyMs: 5,
      tokens: { prompt: 0, completion: 0, total: 0 },
      cached: false,
    });
  });

  it('skipped assertions do not count', () => {
    const maxTokens: Assertion = { type: 'max-tokens', baseType: 'max-tokens', negate: false, value: 1 };
    const skipping = makeSuite('s.prompt.yaml', [{ assert: [maxTokens, contains('x')] }, { assert: [maxTokens, contains('y')] }]);
    // Without token usage max-tokens cannot be checked: skipped, so the sample's fate is the rest's.
    const outcome: CallOutcome = { ok: true, completion: { output: 'x', latencyMs: 5, cached: false } };
    const passing = scoreSample(makeCase(skipping, 0), outcome);
    expect(passing.status).toBe('passed');
    expect(passing.assertions.map((a) => [a.skipped, a.pass])).toEqual([
      [true, true],
      [undefined, true],
    ]);
    expect(scoreSample(makeCase(skipping, 1), outcome).status).toBe('failed');
  });

  it('prices the call when its model has a price, and only then', () => {
    const priced = scoreSample(makeCase(suite, 1), answer('ok', 100, { prompt: 1000, completion: 500, total: 1500 }), undefined, {
      m: { input: 2, output: 8 },
    });
    // 1000 × $2/M + 500 × $8/M = $0.002 + $0.004
    expect(priced.cost).toBeCloseTo(0.006, 12);
    expect(scoreSample(makeCase(suite, 1), answer('ok'), undefined, { other: { input: 2, output: 8 } })).not.toHaveProperty('cost');
    expect(scoreSample(makeCase(suite, 1), answer('ok'))).not.toHaveProperty('cost');
  });

  it('a graded assertion without a usable verdict makes the sample errored, with who said what', () => {
    const rubric: Assertion = { type: 'llm-rubric', baseType: 'llm-rubric', negate: false, value: 'polite', name: 'politeness' };
    const graded = makeSuite('g.prompt.yaml', [{ assert: [contains('ok'), rubric] }]);
    const judge = { calls: 1, tokens: { prompt: 50, completion: 10, total: 60 } };
    const result = scoreSample(makeCase(graded, 0), answer('ok'), {
      results: [undefined, { type: 'llm-rubric', name: 'politeness', pass: false, score: 0, reason: 'the judge answered "maybe", not a verdict', errored: true }],
      usage: judge,
      unpriced: [],
    });
    expect(result).toMatchObject({ status: 'errored', error: 'politeness: the judge answered "maybe", not a verdict', judge });
    expect(result.assertions[0]).toEqual({ type: 'contains', pass: true, score: 1, reason: 'expected output to contain "ok"' });
  });

  it('an errored call evaluates no assertions and carries the failure message', () => {
    expect(scoreSample(makeCase(suite, 0, 1), failure('HTTP 500 after 3 attempts'))).toEqual({
      sample: 1,
      status: 'errored',
      output: '',
      error: 'HTTP 500 after 3 attempts',
      assertions: [],
      latencyMs: 0,
      tokens: { prompt: 0, completion: 0, total: 0 },
      cached: false,
    });
  });
});

describe('buildReport: repeats, minPassRate and flakiness', () => {
  const suite = makeSuite('r.prompt.yaml', [{ repeat: 5, minPassRate: 0.8, assert: [contains('ok')] }]);
  const cases = casesOf(suite);

  it('4 of 5 passing meets minPassRate 0.8: passed and flaky', () => {
    const outcomes = [answer('ok'), answer('no'), answer('ok'), answer('ok'), answer('ok')];
    const [result] = buildReport(cases, outcomes, META).results;
    expect(result).toMatchObject({ status: 'passed', pass: true, flaky: true, passRate: 0.8, minPassRate: 0.8, output: 'ok' });
    expect(result?.samples.map((s) => s.status)).toEqual(['passed', 'failed', 'passed', 'passed', 'passed']);
  });

  it('3 of 5 does not: failed, flaky, and the first failing sample represents it', () => {
    const outcomes = [answer('ok'), answer('no 1'), answer('ok'), answer('no 3'), answer('ok')];
    const report = buildReport(cases, outcomes, META);
    expect(report.results[0]).toMatchObject({ status: 'failed', pass: false, flaky: true, passRate: 0.6, output: 'no 1' });
    expect(report.results[0]?.assertions).toEqual([
      { type: 'contains', pass: false, score: 0, reason: 'expected output to contain "ok", got "no 1"' },
    ]);
    expect(report.summary).toMatchObject({ total: 1, passed: 0, failed: 1, errored: 0, flaky: 1, passRate: 0 });
  });

  it('takes the pass rate over evaluated samples, as the summary does over tests: 3 passed, 1 failed, 1 errored is 75%', () => {
    const outcomes = [answer('ok'), answer('no'), failure('timeout'), answer('ok'), answer('ok')];
    const [result] = buildReport(cases, outcomes, META).results;
    expect(result).toMatchObject({ status: 'errored', passRate: 0.75 });
    const allErrored = buildReport(cases, cases.map(() => failure('timeout')), META).results[0];
    expect(allErrored).toMatchObject({ status: 'errored', passRate: 1 });
  });

  it('all passing or all failing is not flaky', () => {
    const allPass = buildReport(cases, cases.map(() => answer('ok')), META).results[0];
    expect(allPass).toMatchObject({ status: 'passed', flaky: false, passRate: 1 });
    const allFail = buildReport(cases, cases.map(() => answer('nope')), META).results[0];
    expect(allFail).toMatchObject({ status: 'failed', flaky: false, passRate: 0 });
  });

  it('sums tokens and averages latency over samples', () => {
    const outcomes = [
      answer('ok', 100, { prompt: 1, completion: 2, total: 3 }),
      answer('ok', 200, { prompt: 1, completion: 2, total: 3 }),
      answer('ok', 101, { prompt: 1, completion: 2, total: 3 }),
      answer('ok', 100, { prompt: 1, completion: 2, total: 3 }),
      answer('ok', 100, { prompt: 1, completion: 2, total: 3 }),
    ];
    const [result] = buildReport(cases, outcomes, META).results;
    expect(result?.tokens).toEqual({ prompt: 5, completion: 10, total: 15 });
    expect(result?.latencyMs).toBe(120);
  });
});

describe('buildReport: errors', () => {
  const suite = makeSuite('e.prompt.yaml', [
    { repeat: 3, minPassRate: 0, assert: [contains('ok')] },
    { assert: [contains('ok')] },
  ]);
  const cases = casesOf(suite);

  it('a test with any errored sample is errored, carries the first error, and is neither passed nor failed', () => {
    const outcomes = [answer('ok', 90), failure('timeout'), failure('HTTP 503'), answer('ok')];
    const report = buildReport(cases, outcomes, META);
    expect(report.results[0]).toMatchObject({
      status: 'errored',
      pass: false,
      flaky: false,
      error: 'timeout',
      output: '',
      assertions: [],
      latencyMs: 90,
    });
    expect(report.results[1]).toMatchObject({ status: 'passed', pass: true });
    expect(report.summary).toMatchObject({ total: 2, passed: 1, failed: 0, errored: 1, flaky: 0, passRate: 1 });
  });

  it('pass rate is 1 when every test errored', () => {
    const report = buildReport(cases, cases.map(() => failure('down')), META);
    expect(report.summary).toMatchObject({ total: 2, passed: 0, failed: 0, errored: 2, passRate: 1 });
    expect(report.results[0]?.latencyMs).toBe(0);
  });
});

describe('buildReport: ordering, lines and summary', () => {
  const b = makeSuite('prompts/b.prompt.yaml', [
    { span: { start: { line: 8, column: 5 }, end: { line: 12, column: 1 } } },
    { repeat: 2, span: { start: { line: 13, column: 5 }, end: { line: 15, column: 1 } } },
  ]);
  const a = makeSuite('prompts/a.prompt.yaml', [{}]);
  const pairs: Array<[Case, CallOutcome]> = [
    [makeCase(b, 1, 1), answer('b1 s1', 10, { prompt: 1, completion: 1, total: 2 })],
    [makeCase(a, 0, 0), answer('a0', 20, { prompt: 2, completion: 2, total: 4 })],
    [makeCase(b, 0, 0), answer('b0', 30, { prompt: 3, completion: 3, total: 6 })],
    [makeCase(b, 1, 0), answer('b1 s0', 40, { prompt: 4, completion: 4, total: 8 })],
  ];

  it('orders by file, then test index, then sample whatever order calls finished in', () => {
    const expectedOrder = [
      ['prompts/a.prompt.yaml', 0, ['a0']],
      ['prompts/b.prompt.yaml', 0, ['b0']],
      ['prompts/b.prompt.yaml', 1, ['b1 s0', 'b1 s1']],
    ];
    const shuffles = [pairs, [...pairs].reverse(), [pairs[2], pairs[0], pairs[3], pairs[1]]] as Array<Array<[Case, CallOutcome]>>;
    for (const shuffled of shuffles) {
      const report = buildReport(
        shuffled.map(([c]) => c),
        shuffled.map(([, o]) => o),
        META,
      );
      expect(report.results.map((r) => [r.file, r.testIndex, r.samples.map((s) => s.output)])).toEqual(expectedOrder);
    }
  });

  it('takes the line from the test span, or 1 without one, and copies test metadata', () => {
    const report = buildReport(
      pairs.map(([c]) => c),
      pairs.map(([, o]) => o),
      META,
    );
    expect(report.results.map((r) => r.line)).toEqual([1, 8, 13]);
    expect(report.results[2]).toMatchObject({ suite: 'suite prompts/b.prompt.yaml', test: 'test 1', vars: { n: 1 }, minPassRate: 1 });
  });

  it('builds the summary and envelope', () => {
    const report = buildReport(
      pairs.map(([c]) => c),
      pairs.map(([, o]) => o),
      META,
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'promptgate', version: '0.1.0' });
    expect(report.startedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(report.summary).toEqual({
      total: 3,
      passed: 3,
      failed: 0,
      errored: 0,
      flaky: 0,
      passRate: 1,
      tokens: { prompt: 10, completion: 10, total: 20 },
      // No prices were given, so the model that used tokens is named rather than counted as free.
      unpricedModels: ['m'],
      requests: 7,
      cacheHits: 2,
      durationMs: 4321,
    });
  });

  it('with a price the summary sums the cost and names no unpriced model', () => {
    const report = buildReport(
      pairs.map(([c]) => c),
      pairs.map(([, o]) => o),
      META,
      { prices: { m: { input: 1_000_000, output: 2_000_000 } } },
    );
    // $1 per prompt token and $2 per completion token: 10 × 1 + 10 × 2.
    expect(report.summary.cost).toBeCloseTo(30, 9);
    expect(report.summary).not.toHaveProperty('unpricedModels');
    expect(report.results.map((r) => r.cost)).toEqual([6, 9, 15]);
  });

  it('passRate counts passed ÷ (passed + failed)', () => {
    const suite = makeSuite('m.prompt.yaml', [
      { assert: [contains('ok')] },
      { assert: [contains('ok')] },
      { assert: [contains('ok')] },
      { assert: [contains('ok')] },
    ]);
    const report = buildReport(casesOf(suite), [answer('ok'), answer('no'), answer('ok'), failure('boom')], META);
    expect(report.summary).toMatchObject({ total: 4, passed: 2, failed: 1, errored: 1 });
    expect(report.summary.passRate).toBeCloseTo(2 / 3, 10);
  });

  it('an empty run has an empty summary that passes', () => {
    const report = buildReport([], [], META);
    expect(report.results).toEqual([]);
    expect(report.summary).toMatchObject({ total: 0, passed: 0, failed: 0, errored: 0, flaky: 0, passRate: 1, tokens: { prompt: 0, completion: 0, total: 0 } });
  });
});
