import { describe, expect, it } from 'vitest';
import { buildReport, ResultAssembler } from '../../src/run/score.js';
import type { Assertion, CallOutcome, Case, Suite, TestResult } from '../../src/types.js';

function contains(value: string): Assertion {
  return { type: 'contains', baseType: 'contains', negate: false, value };
}

function makeSuite(file: string, tests: number, repeat = 1): Suite {
  return {
    file,
    format: 'promptgate',
    name: `suite ${file}`,
    modelParameters: {},
    messages: [],
    tests: Array.from({ length: tests }, (_, index) => ({ index, name: `test ${index}`, vars: {}, assert: [contains('yes')], repeat, minPassRate: 1 })),
  };
}

function casesOf(suite: Suite): Case[] {
  return suite.tests.flatMap((test) =>
    Array.from({ length: test.repeat }, (_, sample) => ({ suite, test, sample, model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], parameters: {}, assert: test.assert })),
  );
}

function answer(output: string): CallOutcome {
  return { ok: true, completion: { output, latencyMs: 100, usage: { prompt: 10, completion: 5, total: 15 }, cached: false } };
}

const META = { startedAt: '2025-01-02T03:04:05.000Z', durationMs: 4321, requests: 7, cacheHits: 2, version: '0.1.0' };

describe('ResultAssembler', () => {
  // Files given out of order (z before a), two samples a test, answers arriving in a scrambled order.
  const cases = [...casesOf(makeSuite('z.prompt.yaml', 2, 2)), ...casesOf(makeSuite('a.prompt.yaml', 3, 2))];
  const outcomes = cases.map((testCase) => answer(testCase.test.index === 1 && testCase.sample === 1 ? 'no' : 'yes'));
  const arrival = [9, 3, 0, 1, 8, 2, 4, 5, 7, 6];

  it('hands out each test once its samples are in and every test before it is out, in report order', () => {
    const emitted: string[] = [];
    const assembler = new ResultAssembler(cases, undefined, (result) => emitted.push(`${result.file}#${result.test}`));
    const seen: number[] = [];
    for (const index of arrival) {
      assembler.add(index, outcomes[index]!);
      seen.push(emitted.length);
    }
    // a.prompt.yaml test 0 is cases 4 and 5: out after the 8th answer (5), and test 1 (6, 7) right after it is complete.
    expect(seen).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 5]);
    expect(emitted).toEqual(['a.prompt.yaml#test 0', 'a.prompt.yaml#test 1', 'a.prompt.yaml#test 2', 'z.prompt.yaml#test 0', 'z.prompt.yaml#test 1']);
  });

  it('gives the same results and summary as the report built from every answer at once', () => {
    const results: TestResult[] = [];
    const assembler = new ResultAssembler(cases, undefined, (result) => results.push(result));
    for (const index of arrival) assembler.add(index, outcomes[index]!);
    expect({ ...assembler.head(META), results }).toEqual(buildReport(cases, outcomes, META));
    expect(results.map((result) => result.status)).toEqual(['passed', 'failed', 'passed', 'passed', 'failed']);
    // Worked by hand: 5 tests, test 1 of each file fails (its second sample says no); 10 answers of 15 tokens.
    expect(assembler.head(META).summary).toMatchObject({ total: 5, passed: 3, failed: 2, errored: 0, requests: 7, cacheHits: 2, tokens: { prompt: 100, completion: 50, total: 150 } });
  });
});
