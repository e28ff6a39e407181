import { describe, expect, it } from 'vitest';
import { evaluateAssertion } from '../../src/assert/index.js';
import { assertion } from './helpers.js';

const CTX = { latencyMs: 10 };

describe('evaluateAssertion', () => {
  it('reports the type as written, the name and the line', () => {
    const span = { start: { line: 12, column: 7 }, end: { line: 12, column: 30 } };
    expect(evaluateAssertion(assertion('not-contains', 'sorry', { name: 'no apology', span }), 'ok', CTX)).toEqual({
      type: 'not-contains',
      name: 'no apology',
      line: 12,
      pass: true,
      score: 1,
      reason: 'expected output not to contain "sorry"',
    });
  });

  it('unsupported evaluators are skipped, counted as neither', () => {
    expect(evaluateAssertion(assertion('unsupported', { evaluator: 'similarity' }), 'x', CTX)).toEqual({
      type: 'unsupported',
      pass: true,
      score: 1,
      skipped: true,
      reason: 'similarity is not supported yet; skipped',
    });
  });

  it('never throws: unknown types, bad values and impossible negations fail with a reason', () => {
    expect(evaluateAssertion(assertion('llm-rubric', 'be nice'), 'x', CTX)).toEqual({
      type: 'llm-rubric',
      pass: false,
      score: 0,
      reason: 'unknown assertion type "llm-rubric"',
    });
    expect(evaluateAssertion(assertion('not-max-words', -1), 'x', CTX)).toEqual({
      type: 'not-max-words',
      pass: false,
      score: 0,
      reason: 'invalid assertion value: max-words needs a non-negative whole number of words, got -1; write e.g. max-words: 50',
    });
    expect(evaluateAssertion(assertion('not-unsupported', { evaluator: 'x' }), 'x', CTX)).toEqual({
      type: 'not-unsupported',
      pass: false,
      score: 0,
      reason: '"not-unsupported" cannot be negated with not-',
    });
    expect(evaluateAssertion(assertion('not-json-schema', 'not a schema'), '{}', CTX).pass).toBe(false);
  });
});
