import { describe, expect, test } from 'vitest';
import { closestMatch, editDistance } from '../../src/suite/did-you-mean.js';

describe('editDistance', () => {
  test('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('tset', 'test')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestMatch', () => {
  const keys = ['name', 'model', 'messages', 'tests', 'vars', 'assert', 'modelParameters'];

  test('suggests the nearest name for typos', () => {
    expect(closestMatch('tset', keys)).toBe('tests');
    expect(closestMatch('mesages', keys)).toBe('messages');
    expect(closestMatch('asert', keys)).toBe('assert');
  });

  test('ignores case and separators between naming conventions', () => {
    expect(closestMatch('max_tokens', ['maxTokens', 'temperature'])).toBe('maxTokens');
    expect(closestMatch('model_parameters', keys)).toBe('modelParameters');
  });

  test('suggests nothing for an unrelated word', () => {
    expect(closestMatch('banana', keys)).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});
