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
      'cost',
      'llm-rubric',
      'similar',
      'github-evaluator',
      'llm-evaluator',
    ]);
  });

  it('knows base types only, not their not- forms', () => {
    expect(isKnownAssertionType('contains')).toBe(true);
    expect(isKnownAssertionType('not-contains')).toBe(false);
    expect(isKnownAssertionType('llm-rubric')).toBe(true);
    expect(isKnownAssertionType('not-similar')).toBe(false);
    // The old internal kind for GitHub Models evaluators is gone: they are graded now.
    expect(isKnownAssertionType('unsupported')).toBe(false);
  });

  it('every type can be negated except llm-rubric and the internal evaluator kinds', () => {
    expect(isNegatableAssertionType('regex')).toBe(true);
    expect(isNegatableAssertionType('max-tokens')).toBe(true);
    expect(isNegatableAssertionType('cost')).toBe(true);
    expect(isNegatableAssertionType('similar')).toBe(true);
    expect(isNegatableAssertionType('llm-rubric')).toBe(false);
    expect(isNegatableAssertionType('github-evaluator')).toBe(false);
    expect(isNegatableAssertionType('llm-evaluator')).toBe(false);
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
    expect(checkAssertionValue('cost', 0.002)).toBeUndefined();
    expect(checkAssertionValue('llm-rubric', 'Apologises, and states the refund policy')).toBeUndefined();
    expect(checkAssertionValue('similar', 'Refunds are possible within 30 days')).toBeUndefined();
    expect(checkAssertionValue('similar', ['Refunds within 30 days', 'You have a month to return it'])).toBeUndefined();
    expect(checkAssertionValue('github-evaluator', { evaluator: 'similarity' })).toBeUndefined();
    expect(
      checkAssertionValue('llm-evaluator', { prompt: 'Is {{completion}} polite?', choices: [{ choice: 'yes', score: 1 }, { choice: 1, score: 0 }] }),
    ).toBeUndefined();
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

  it('graded kinds: what each needs', () => {
    const rubricNeeds = 'llm-rubric needs the requirements the judge checks, in plain words; write e.g. llm-rubric: "Apologises, and states the 30-day refund policy"';
    expect(checkAssertionValue('llm-rubric', '')).toBe(rubricNeeds);
    expect(checkAssertionValue('llm-rubric', 42)).toBe(rubricNeeds);
    const similarNeeds =
      'similar needs the reference text the output should mean the same as (or a list of them); write e.g. similar: "Refunds are possible within 30 days"';
    expect(checkAssertionValue('similar', '  ')).toBe(similarNeeds);
    expect(checkAssertionValue('similar', [])).toBe(similarNeeds);
    expect(checkAssertionValue('similar', ['ok', 3])).toBe(similarNeeds);
    expect(checkAssertionValue('github-evaluator', { evaluator: 'toxicity' })).toBe(
      'unknown GitHub Models evaluator; the built-ins are github/similarity, github/coherence, github/fluency, github/relevance, github/groundedness',
    );
    expect(checkAssertionValue('llm-evaluator', { choices: [{ choice: 'yes', score: 1 }] })).toBe('an llm evaluator needs a `prompt:` for the judge');
    const choicesNeeded =
      'an llm evaluator needs `choices:`, a list like [{choice: "good", score: 1}, {choice: "bad", score: 0}], each score from 0 to 1 (GitHub\'s scale, which the pass mark is on)';
    expect(checkAssertionValue('llm-evaluator', { prompt: 'Polite?', choices: [{ choice: 'yes' }] })).toBe(choicesNeeded);
    // Scores on a 1–5 scale would put every choice above the 0.75 pass mark.
    expect(checkAssertionValue('llm-evaluator', { prompt: 'Polite?', choices: [{ choice: '1', score: 1 }, { choice: '5', score: 5 }] })).toBe(choicesNeeded);
    expect(checkAssertionValue('llm-evaluator', 'Polite?')).toBe('an llm evaluator needs prompt and choices');
  });

  it('unknown types are named, with the known ones', () => {
    expect(checkAssertionValue('unsupported', {})).toMatch(/^unknown assertion type "unsupported"; known types: equals, contains, /);
  });
});
