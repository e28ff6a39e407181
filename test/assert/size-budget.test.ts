import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

describe('min-length / max-length (characters)', () => {
  it('min-length in both polarities', () => {
    expect(check('min-length', 5, 'hello')).toEqual({ pass: true, score: 1, reason: 'expected at least 5 characters' });
    expect(check('min-length', 6, 'hello')).toEqual({ pass: false, score: 0, reason: 'expected at least 6 characters, got 5' });
    expect(check('not-min-length', 6, 'hello')).toEqual({ pass: true, score: 1, reason: 'expected fewer than 6 characters' });
    expect(check('not-min-length', 5, 'hello')).toEqual({ pass: false, score: 0, reason: 'expected fewer than 5 characters, got 5' });
  });

  it('max-length in both polarities', () => {
    expect(check('max-length', 5, 'hello')).toEqual({ pass: true, score: 1, reason: 'expected at most 5 characters' });
    expect(check('max-length', 4, 'hello')).toEqual({ pass: false, score: 0, reason: 'expected at most 4 characters, got 5' });
    expect(check('not-max-length', 4, 'hello')).toEqual({ pass: true, score: 1, reason: 'expected more than 4 characters' });
    expect(check('not-max-length', 5, 'hello')).toEqual({ pass: false, score: 0, reason: 'expected more than 5 characters, got 5' });
  });

  it('counts code points, so an emoji or a CJK character is one', () => {
    expect(check('max-length', 3, '日本語').pass).toBe(true);
    expect(check('max-length', 2, '👍👍')).toEqual({ pass: true, score: 1, reason: 'expected at most 2 characters' });
    expect(check('max-length', 1, '👍👍').reason).toBe('expected at most 1 character, got 2');
  });

  it('empty output has zero characters', () => {
    expect(check('min-length', 1, '')).toEqual({ pass: false, score: 0, reason: 'expected at least 1 character, got 0' });
    expect(check('max-length', 0, '').pass).toBe(true);
  });
});

describe('max-words', () => {
  it('counts whitespace-separated words in both polarities', () => {
    expect(check('max-words', 3, 'one two  three\n')).toEqual({ pass: true, score: 1, reason: 'expected at most 3 words' });
    expect(check('max-words', 2, 'one two  three\n')).toEqual({ pass: false, score: 0, reason: 'expected at most 2 words, got 3' });
    expect(check('not-max-words', 2, 'one two three')).toEqual({ pass: true, score: 1, reason: 'expected more than 2 words' });
    expect(check('not-max-words', 3, 'one two three')).toEqual({ pass: false, score: 0, reason: 'expected more than 3 words, got 3' });
  });

  it('empty and whitespace-only outputs have no words; unicode spaces separate words', () => {
    expect(check('max-words', 0, '   \n\t')).toEqual({ pass: true, score: 1, reason: 'expected at most 0 words' });
    expect(check('max-words', 1, 'a\u00a0b\u3000c').reason).toBe('expected at most 1 word, got 3');
  });
});

describe('latency', () => {
  it('compares ctx.latencyMs with the limit in both polarities', () => {
    expect(check('latency', 500, 'x', { latencyMs: 120 })).toEqual({ pass: true, score: 1, reason: 'expected latency of at most 500 ms' });
    expect(check('latency', 500, 'x', { latencyMs: 811.6 })).toEqual({ pass: false, score: 0, reason: 'expected latency of at most 500 ms, got 812 ms' });
    expect(check('not-latency', 500, 'x', { latencyMs: 812 })).toEqual({ pass: true, score: 1, reason: 'expected latency of more than 500 ms' });
    expect(check('not-latency', 500, 'x', { latencyMs: 500 })).toEqual({ pass: false, score: 0, reason: 'expected latency of more than 500 ms, got 500 ms' });
  });
});

describe('max-tokens', () => {
  const usage = (completion: number) => ({ latencyMs: 1, usage: { prompt: 7, completion, total: 7 + completion } });

  it('compares completion tokens with the limit in both polarities', () => {
    expect(check('max-tokens', 100, 'x', usage(100))).toEqual({ pass: true, score: 1, reason: 'expected at most 100 completion tokens' });
    expect(check('max-tokens', 100, 'x', usage(140))).toEqual({ pass: false, score: 0, reason: 'expected at most 100 completion tokens, got 140' });
    expect(check('not-max-tokens', 100, 'x', usage(140))).toEqual({ pass: true, score: 1, reason: 'expected more than 100 completion tokens' });
    expect(check('not-max-tokens', 100, 'x', usage(3))).toEqual({ pass: false, score: 0, reason: 'expected more than 100 completion tokens, got 3' });
  });

  it('is skipped, not guessed, when the provider returned no usage (either polarity)', () => {
    const expected = {
      pass: true,
      score: 1,
      skipped: true,
      reason: 'the provider returned no token usage, so completion tokens could not be checked; skipped',
    };
    expect(check('max-tokens', 100, 'x', { latencyMs: 1 })).toEqual(expected);
    expect(check('not-max-tokens', 100, 'x', { latencyMs: 1 })).toEqual(expected);
  });
});
