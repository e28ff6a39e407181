import { describe, expect, it } from 'vitest';
import { checkAssertionValue, isKnownAssertionType, isNegatableAssertionType, knownAssertionTypes } from '../../src/assert/index.js';

describe('known types', () => {
  it('lists every base type once, in table order', () => {
    expect(knownAssertionTypes()).toEqual([
      'equals',
      'contains',
      'icontains',
      'contains-any',
      'contains-all',
      'icontains-any',
      'icontains-all',
      'starts-with',
      'istarts-with',
      'ends-with',
      'iends-with',
      'regex',
      'is-json',
      'json-schema',
      'min-length',
      'max-length',
      'max-words',
      'latency',
      'max-tokens',
      'unsupported',
    ]);
  });

  it('knows base types only, not their not- forms', () => {
    expect(isKnownAssertionType('contains')).toBe(true);
    expect(isKnownAssertionType('not-contains')).toBe(false);
    expect(isKnownAssertionType('llm-rubric')).toBe(false);
  });

  it('every type except the internal unsupported can be negated', () => {
    expect(isNegatableAssertionType('regex')).toBe(true);
    expect(isNegatableAssertionType('max-tokens')).toBe(true);
    expect(isNegatableAssertionType('unsupported')).toBe(false);
    expect(isNegatableAssertionType('nope')).toBe(false);
  });
});

describe('checkAssertionValue', () => {
  it('accepts good values', () => {
    expect(checkAssertionValue('equals', '')).toBeUndefined();
    expect(checkAssertionValue('contains', '30 days')).toBeUndefined();
    expect(checkAssertionValue('contains', 30)).toBeUndefined();
    expect(checkAssertionValue('contains-any', ['a', 'b'])).toBeUndefined();
    expect(checkAssertionValue('regex', '/x/i')).toBeUndefined();
    expect(checkAssertionValue('is-json', undefined)).toBeUndefined();
    expect(checkAssertionValue('is-json', true)).toBeUndefined();
    expect(checkAssertionValue('json-schema', { type: 'object' })).toBeUndefined();
    expect(checkAssertionValue('max-words', 0)).toBeUndefined();
    expect(checkAssertionValue('latency', 1500)).toBeUndefined();
    expect(checkAssertionValue('unsupported', { evaluator: 'similarity' })).toBeUndefined();
  });

  it('wrong type for text checks', () => {
    expect(checkAssertionValue('contains', ['a'])).toBe('contains needs a text value, got a list; write e.g. contains: "30 days"');
    expect(checkAssertionValue('equals', { a: 1 })).toBe('equals needs a text value, got a mapping; write e.g. equals: "Paris"');
    expect(checkAssertionValue('starts-with', undefined)).toBe('starts-with needs a text value, got nothing; write e.g. starts-with: "30 days"');
  });

  it('empty text that would always match', () => {
    expect(checkAssertionValue('icontains', '')).toBe(
      'icontains needs non-empty text (an empty string always matches); write e.g. icontains: "30 days"',
    );
  });

  it('lists: wrong type, empty, bad item', () => {
    expect(checkAssertionValue('contains-any', 'refund')).toBe(
      'contains-any needs a list of strings, got a string; write e.g. contains-any: ["refund", "return"]',
    );
    expect(checkAssertionValue('icontains-all', [])).toBe(
      'icontains-all needs at least one string, got an empty list; write e.g. icontains-all: ["refund", "return"]',
    );
    expect(checkAssertionValue('contains-all', ['a', null])).toBe(
      'contains-all item 2 is null, not a string; write e.g. contains-all: ["refund", "return"]',
    );
  });

  it('regex: wrong type and the engine message for a bad pattern', () => {
    expect(checkAssertionValue('regex', 5)).toBe('regex needs a pattern string; write e.g. regex: "^\\\\d{3}-\\\\d{4}$" or regex: "/refund/i"');
    expect(checkAssertionValue('regex', 'a[b')).toMatch(
      /^invalid regex "a\[b": Invalid regular expression: .*Unterminated character class; escape special characters such as \( \[ \+ \? with a backslash$/,
    );
  });

  it('json-schema: not a mapping, does not compile', () => {
    expect(checkAssertionValue('json-schema', 'object')).toBe(
      'json-schema needs a JSON Schema mapping; write e.g. json-schema: {type: object, required: [name], properties: {name: {type: string}}}',
    );
    expect(checkAssertionValue('json-schema', { type: 'object', required: 'name' })).toBe(
      'json-schema value is not a valid JSON Schema: schema is invalid: data/required must be array',
    );
    expect(checkAssertionValue('json-schema', { $ref: '#/definitions/missing' })).toBe(
      "json-schema value is not a valid JSON Schema: can't resolve reference #/definitions/missing from id #",
    );
  });

  it('is-json takes no value', () => {
    expect(checkAssertionValue('is-json', { type: 'object' })).toBe('is-json takes no value, got a mapping; to check the shape of the JSON, use json-schema');
  });

  it('numbers: negative, fractional, wrong type', () => {
    expect(checkAssertionValue('max-words', -3)).toBe('max-words needs a non-negative whole number of words, got -3; write e.g. max-words: 50');
    expect(checkAssertionValue('min-length', 2.5)).toBe('min-length needs a non-negative whole number of characters, got 2.5; write e.g. min-length: 20');
    expect(checkAssertionValue('latency', '2s')).toBe('latency needs a non-negative whole number of milliseconds, got a string; write e.g. latency: 2000');
    expect(checkAssertionValue('max-tokens', null)).toBe(
      'max-tokens needs a non-negative whole number of completion tokens, got null; write e.g. max-tokens: 500',
    );
    expect(checkAssertionValue('max-length', Number.NaN)).toBe(
      'max-length needs a non-negative whole number of characters, got NaN; write e.g. max-length: 280',
    );
  });

  it('unsupported needs an evaluator name; unknown types are named', () => {
    expect(checkAssertionValue('unsupported', {})).toBe('unsupported needs {evaluator: "<name>"}');
    expect(checkAssertionValue('similar', 'x')).toMatch(/^unknown assertion type "similar"; known types: equals, contains, /);
  });
});
