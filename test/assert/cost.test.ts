import { describe, expect, it } from 'vitest';
import { checkAssertionValue, isNegatableAssertionType } from '../../src/assert/index.js';
import { check } from './helpers.js';

const usage = { prompt: 1000, completion: 500, total: 1500 };
const priced = (costUsd: number) => ({ latencyMs: 10, usage, model: 'gpt-4o-mini', costUsd });

describe('cost', () => {
  it('passes when the call cost at most the limit, in both polarities', () => {
    expect(check('cost', 0.002, 'x', priced(0.00045))).toEqual({ pass: true, score: 1, reason: 'expected a cost of at most $0.002' });
    expect(check('cost', 0.002, 'x', priced(0.002))).toEqual({ pass: true, score: 1, reason: 'expected a cost of at most $0.002' });
    expect(check('cost', 0.0001, 'x', priced(0.000123))).toEqual({
      pass: false,
      score: 0,
      reason: 'expected a cost of at most $0.0001, got $0.000123',
    });
    expect(check('not-cost', 0.0001, 'x', priced(0.000123))).toEqual({ pass: true, score: 1, reason: 'expected a cost of more than $0.0001' });
    expect(check('not-cost', 0.002, 'x', priced(0.00045))).toEqual({
      pass: false,
      score: 0,
      reason: 'expected a cost of more than $0.002, got $0.00045',
    });
  });

  it('accepts a limit of zero and whole-dollar limits', () => {
    expect(check('cost', 0, 'x', priced(0)).pass).toBe(true);
    expect(check('cost', 2, 'x', priced(2.5))).toEqual({ pass: false, score: 0, reason: 'expected a cost of at most $2.00, got $2.50' });
  });

  it('fails as invalid, naming the model and where to add a price, when the model has no price', () => {
    const result = check('cost', 0.002, 'x', { latencyMs: 10, usage, model: 'openai/my-model' });
    expect(result).toEqual({
      pass: false,
      score: 0,
      reason:
        'cost could not be checked: model "openai/my-model" has no price; add it under `prices:` in promptgate.config.yaml ' +
        '(USD per 1M tokens), e.g. `openai/my-model: { input: 0.15, output: 0.6 }`',
    });
    // A budget that cannot be checked must not read as met in either polarity.
    expect(check('not-cost', 0.002, 'x', { latencyMs: 10, usage, model: 'openai/my-model' }).pass).toBe(false);
  });

  it('is skipped, as max-tokens is, when the provider returned no token usage', () => {
    expect(check('cost', 0.002, 'x', { latencyMs: 10, model: 'gpt-4o' })).toEqual({
      pass: true,
      score: 1,
      skipped: true,
      reason: 'the provider returned no token usage for model "gpt-4o", so the cost could not be checked; skipped',
    });
  });

  it('still explains itself when the model is not known', () => {
    expect(check('cost', 0.002, 'x', { latencyMs: 10, usage }).reason).toBe(
      'cost could not be checked: the model has no price; add it under `prices:` in promptgate.config.yaml ' +
        '(USD per 1M tokens), e.g. `my-model: { input: 0.15, output: 0.6 }`',
    );
  });

  it('rejects limits that are not a non-negative number of dollars before any call', () => {
    const hint = 'write e.g. `cost: 0.002`, or `type: cost` with `threshold: 0.002`';
    expect(checkAssertionValue('cost', 0.002)).toBeUndefined();
    expect(checkAssertionValue('cost', 0)).toBeUndefined();
    expect(checkAssertionValue('cost', -1)).toBe(`cost needs a non-negative number of US dollars per call, got -1; ${hint}`);
    expect(checkAssertionValue('cost', '$0.01')).toBe(`cost needs a non-negative number of US dollars per call, got the text "$0.01"; ${hint}`);
    expect(checkAssertionValue('cost', undefined)).toBe(`cost needs a non-negative number of US dollars per call, got no limit; ${hint}`);
    expect(checkAssertionValue('cost', Number.POSITIVE_INFINITY)).toBe(`cost needs a non-negative number of US dollars per call, got Infinity; ${hint}`);
  });

  it('can be negated', () => {
    expect(isNegatableAssertionType('cost')).toBe(true);
  });
});
