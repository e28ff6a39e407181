import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

const OUTPUT = 'Refunds are accepted within 30 days of purchase.';

describe('equals', () => {
  it('passes on an exact match and fails with what it got', () => {
    expect(check('equals', 'Paris', 'Paris')).toEqual({ pass: true, score: 1, reason: 'expected output to equal "Paris"' });
    expect(check('equals', 'Paris', 'Lyon')).toEqual({ pass: false, score: 0, reason: 'expected output to equal "Paris", got "Lyon"' });
  });

  it('is exact about whitespace and says when that is the only difference', () => {
    expect(check('equals', 'Paris', 'Paris\n')).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to equal "Paris", got "Paris\\n" (differs only in surrounding whitespace)',
    });
  });

  it('negated', () => {
    expect(check('not-equals', 'Paris', 'Lyon')).toEqual({ pass: true, score: 1, reason: 'expected output not to equal "Paris"' });
    expect(check('not-equals', 'Paris', 'Paris')).toEqual({ pass: false, score: 0, reason: 'expected output not to equal "Paris", got exactly that' });
  });

  it('treats a YAML number as its text and allows an empty expected output', () => {
    expect(check('equals', 42, '42').pass).toBe(true);
    expect(check('equals', '', '')).toEqual({ pass: true, score: 1, reason: 'expected output to equal ""' });
    expect(check('equals', '', 'x')).toEqual({ pass: false, score: 0, reason: 'expected output to equal "", got "x"' });
  });
});

describe('contains / icontains', () => {
  it('contains in both polarities', () => {
    expect(check('contains', '30 days', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to contain "30 days"' });
    expect(check('contains', '14 days', OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to contain "14 days", got "Refunds are accepted within 30 days of purchase."',
    });
    expect(check('not-contains', '14 days', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output not to contain "14 days"' });
    expect(check('not-contains', '30 days', OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output not to contain "30 days", found at character 29',
    });
  });

  it('is case-sensitive; icontains is not', () => {
    expect(check('contains', 'refunds', OUTPUT).pass).toBe(false);
    expect(check('icontains', 'REFUNDS', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to contain "REFUNDS" (ignoring case)' });
    expect(check('not-icontains', 'REFUNDS', OUTPUT)).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output not to contain "REFUNDS" (ignoring case), found at character 1',
    });
    expect(check('not-icontains', 'exchange', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output not to contain "exchange" (ignoring case)' });
  });

  it('handles unicode: case folding beyond ASCII and positions in characters, not UTF-16 units', () => {
    expect(check('icontains', 'ÉTÉ', "C'était l'été")).toEqual({ pass: true, score: 1, reason: 'expected output to contain "ÉTÉ" (ignoring case)' });
    expect(check('not-contains', '日本', '👍 日本語')).toEqual({ pass: false, score: 0, reason: 'expected output not to contain "日本", found at character 3' });
  });

  it('says so when the output is empty', () => {
    expect(check('contains', 'x', '')).toEqual({ pass: false, score: 0, reason: 'expected output to contain "x", got an empty output' });
  });

  it('shortens long outputs in reasons', () => {
    const long = 'a'.repeat(100);
    expect(check('contains', 'b', long).reason).toBe(`expected output to contain "b", got "${'a'.repeat(60)}…"`);
  });
});

describe('starts-with / ends-with and their i forms', () => {
  it('starts-with', () => {
    expect(check('starts-with', 'Refunds', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to start with "Refunds"' });
    expect(check('starts-with', 'Sure', OUTPUT).reason).toBe('expected output to start with "Sure", got "Refunds are accepted within 30 days of purchase."');
    expect(check('not-starts-with', 'Sure', 'No.')).toEqual({ pass: true, score: 1, reason: 'expected output not to start with "Sure"' });
    expect(check('not-starts-with', 'Sure', 'Sure!')).toEqual({ pass: false, score: 0, reason: 'expected output not to start with "Sure", got "Sure!"' });
  });

  it('istarts-with', () => {
    expect(check('istarts-with', 'refunds', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to start with "refunds" (ignoring case)' });
    expect(check('not-istarts-with', 'REFUNDS', OUTPUT).pass).toBe(false);
    expect(check('not-istarts-with', 'sure', OUTPUT).pass).toBe(true);
  });

  it('ends-with', () => {
    expect(check('ends-with', 'purchase.', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to end with "purchase."' });
    expect(check('ends-with', 'purchase', OUTPUT).pass).toBe(false);
    expect(check('not-ends-with', '?', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output not to end with "?"' });
    expect(check('not-ends-with', '.', 'Done.')).toEqual({ pass: false, score: 0, reason: 'expected output not to end with ".", got "Done."' });
  });

  it('iends-with', () => {
    expect(check('iends-with', 'PURCHASE.', OUTPUT)).toEqual({ pass: true, score: 1, reason: 'expected output to end with "PURCHASE." (ignoring case)' });
    expect(check('iends-with', 'refund', OUTPUT).pass).toBe(false);
    expect(check('not-iends-with', 'PURCHASE.', OUTPUT).pass).toBe(false);
    expect(check('not-iends-with', 'refund', OUTPUT).pass).toBe(true);
  });
});
