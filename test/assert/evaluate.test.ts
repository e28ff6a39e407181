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

  it('a graded kind evaluated without a grader fails and says so, never passes silently', () => {
    expect(evaluateAssertion(assertion('llm-rubric', 'be nice'), 'x', CTX)).toEqual({
      type: 'llm-rubric',
      pass: false,
      score: 0,
      reason: 'llm-rubric needs a judge or embeddings, and none was set up for this run',
    });
    // The missing grader fails the negated form too: `not-` must not turn it into a pass.
    expect(evaluateAssertion(assertion('not-similar', 'hello'), 'x', CTX)).toEqual({
      type: 'not-similar',
      pass: false,
      score: 0,
      reason: 'similar needs a judge or embeddings, and none was set up for this run',
    });
    expect(evaluateAssertion(assertion('github-evaluator', { evaluator: 'similarity' }, { name: 'similarity' }), 'x', CTX)).toEqual({
      type: 'github-evaluator',
      name: 'similarity',
      pass: false,
      score: 0,
      reason: 'a GitHub Models evaluator needs a judge or embeddings, and none was set up for this run',
    });
    expect(evaluateAssertion(assertion('llm-evaluator', { prompt: 'Polite? {{completion}}', choices: [{ choice: 'yes', score: 1 }] }), 'x', CTX)).toEqual({
      type: 'llm-evaluator',
      pass: false,
      score: 0,
      reason: 'an llm evaluator needs a judge or embeddings, and none was set up for this run',
    });
  });

  it('max-tokens without token usage is skipped, counted as neither', () => {
    expect(evaluateAssertion(assertion('max-tokens', 5), 'x', CTX)).toEqual({
      type: 'max-tokens',
      pass: true,
      score: 1,
      skipped: true,
      reason: 'the provider returned no token usage, so completion tokens could not be checked; skipped',
    });
  });

  it('never throws: unknown types, bad values and impossible negations fail with a reason', () => {
    expect(evaluateAssertion(assertion('unsupported', { evaluator: 'similarity' }), 'x', CTX)).toEqual({
      type: 'unsupported',
      pass: false,
      score: 0,
      reason: 'unknown assertion type "unsupported"',
    });
    expect(evaluateAssertion(assertion('not-max-words', -1), 'x', CTX)).toEqual({
      type: 'not-max-words',
      pass: false,
      score: 0,
      reason: 'invalid assertion value: max-words needs a non-negative whole number of words, got -1; write e.g. max-words: 50',
    });
    expect(evaluateAssertion(assertion('not-llm-rubric', 'be nice'), 'x', CTX)).toEqual({
      type: 'not-llm-rubric',
      pass: false,
      score: 0,
      reason: '"not-llm-rubric" cannot be negated with not-',
    });
    expect(evaluateAssertion(assertion('not-json-schema', 'not a schema'), '{}', CTX).pass).toBe(false);
  });
});
