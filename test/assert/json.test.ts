import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

describe('is-json', () => {
  it('passes when the trimmed output parses', () => {
    expect(check('is-json', undefined, '  {"a": 1}\n')).toEqual({ pass: true, score: 1, reason: 'expected output to be valid JSON' });
    expect(check('is-json', true, '[1, 2]').pass).toBe(true);
    expect(check('is-json', undefined, '"just a string"').pass).toBe(true);
  });

  it('fails with the parser message', () => {
    // The parser's own wording differs between Node versions, so only its presence is checked.
    const result = check('is-json', undefined, '{"a": 1,}');
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.reason).toMatch(/^expected output to be valid JSON, got invalid JSON: \S.+$/);
    expect(check('is-json', undefined, '')).toEqual({ pass: false, score: 0, reason: 'expected output to be valid JSON, got an empty output' });
  });

  it('points out a Markdown code fence', () => {
    expect(check('is-json', undefined, '```json\n{"a": 1}\n```').reason).toMatch(
      /^expected output to be valid JSON, got invalid JSON \(the output is wrapped in a ``` code fence\): \S.+$/,
    );
  });

  it('negated', () => {
    expect(check('not-is-json', undefined, 'plain words')).toEqual({ pass: true, score: 1, reason: 'expected output not to be valid JSON' });
    expect(check('not-is-json', undefined, '{"a":1}')).toEqual({ pass: false, score: 0, reason: 'expected output not to be valid JSON, got "{\\"a\\":1}"' });
  });
});

const PERSON = {
  type: 'object',
  required: ['name', 'age'],
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, email: { type: 'string', format: 'email' } },
  additionalProperties: false,
};

describe('json-schema', () => {
  it('passes when the output matches', () => {
    expect(check('json-schema', PERSON, '{"name": "Ada", "age": 36}')).toEqual({ pass: true, score: 1, reason: 'expected output to match the JSON schema' });
  });

  it('names the failing paths', () => {
    expect(check('json-schema', PERSON, '{"age": 3.5, "extra": true}')).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output to match the JSON schema, got /name is required; /extra is not allowed; /age must be integer',
    });
  });

  it('lists at most three failures and counts the rest', () => {
    const output = JSON.stringify({ age: -1, email: 'not-an-email', x: 1, y: 2 });
    expect(check('json-schema', PERSON, output).reason).toBe(
      'expected output to match the JSON schema, got /name is required; /x is not allowed; /y is not allowed; and 2 more',
    );
  });

  it('checks formats through ajv-formats', () => {
    expect(check('json-schema', PERSON, '{"name": "Ada", "age": 36, "email": "ada@example.com"}').pass).toBe(true);
    expect(check('json-schema', PERSON, '{"name": "Ada", "age": 36, "email": "nope"}').reason).toBe(
      'expected output to match the JSON schema, got /email must match format "email"',
    );
  });

  it('fails, rather than throws, on output that is not JSON', () => {
    const result = check('json-schema', PERSON, 'Sure! Here is the JSON');
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.reason).toMatch(/^expected output to match the JSON schema, got invalid JSON: \S.+$/);
    expect(check('json-schema', PERSON, ' ')).toEqual({ pass: false, score: 0, reason: 'expected output to match the JSON schema, got an empty output' });
    // Not matching includes not being JSON at all.
    expect(check('not-json-schema', PERSON, 'Sure!')).toEqual({ pass: true, score: 1, reason: 'expected output not to match the JSON schema' });
  });

  it('names the root when the top level is wrong', () => {
    expect(check('json-schema', PERSON, '[1]').reason).toBe('expected output to match the JSON schema, got (root) must be object');
  });

  it('negated', () => {
    expect(check('not-json-schema', PERSON, '{"name": "Ada", "age": 36}')).toEqual({
      pass: false,
      score: 0,
      reason: 'expected output not to match the JSON schema, it matches',
    });
    expect(check('not-json-schema', PERSON, '{"name": 1}')).toEqual({ pass: true, score: 1, reason: 'expected output not to match the JSON schema' });
  });

  it('understands 2020-12 schemas', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
    };
    expect(check('json-schema', schema, '["a", 1]').pass).toBe(true);
    expect(check('json-schema', schema, '[1, "a"]').reason).toBe('expected output to match the JSON schema, got /0 must be string; /1 must be number');
  });

  it('two different schemas with the same $id do not collide', () => {
    const a = { $id: 'https://example.com/answer', type: 'string' };
    const b = { $id: 'https://example.com/answer', type: 'number' };
    expect(check('json-schema', a, '"x"').pass).toBe(true);
    expect(check('json-schema', b, '1').pass).toBe(true);
    expect(check('json-schema', b, '"x"').pass).toBe(false);
  });

  it('a schema that does not compile is a failing result', () => {
    expect(check('json-schema', { type: 'strnig' }, '"x"')).toEqual({
      pass: false,
      score: 0,
      reason: 'invalid assertion value: json-schema value is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    });
  });
});

describe('json-schema patterns', () => {
  // JavaScript's own engine tries 2^40 ways to match 40 a's before giving up on the b.
  const HOSTILE = '^(a|a)*$';
  const LONG = `${'a'.repeat(40)}b`;

  it('answers a hostile pattern at once, with the right verdict', () => {
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: HOSTILE } } };
    expect(check('json-schema', schema, JSON.stringify({ code: LONG }))).toEqual({
      pass: false,
      score: 0,
      reason: `expected output to match the JSON schema, got /code must match pattern "${HOSTILE}"`,
    });
    expect(check('json-schema', schema, JSON.stringify({ code: 'aaaa' })).pass).toBe(true);
  });

  it('runs patternProperties and propertyNames patterns the same way', () => {
    const byPattern = { type: 'object', patternProperties: { [HOSTILE]: { type: 'number' } } };
    expect(check('json-schema', byPattern, JSON.stringify({ [LONG]: 'not checked', aaa: 'checked' })).reason).toBe(
      'expected output to match the JSON schema, got /aaa must be number',
    );
    const names = { type: 'object', propertyNames: { pattern: HOSTILE } };
    expect(check('json-schema', names, JSON.stringify({ [LONG]: 1 })).reason).toBe(
      `expected output to match the JSON schema, got (root) must match pattern "${HOSTILE}"; (root) property name must be valid`,
    );
  });

  it('keeps two patterns of one schema apart', () => {
    const schema = {
      type: 'object',
      properties: { zip: { type: 'string', pattern: '^\\d{5}$' }, state: { type: 'string', pattern: '^[A-Z]{2}$' } },
    };
    expect(check('json-schema', schema, '{"zip": "12345", "state": "NY"}').pass).toBe(true);
    expect(check('json-schema', schema, '{"zip": "NY", "state": "12345"}').reason).toBe(
      'expected output to match the JSON schema, got /zip must match pattern "^\\d{5}$"; /state must match pattern "^[A-Z]{2}$"',
    );
  });

  it('refuses a pattern RE2 cannot run as an invalid schema, naming the construct', () => {
    const schema = { type: 'string', pattern: '^(?!admin)' };
    expect(check('json-schema', schema, '"root"')).toEqual({
      pass: false,
      score: 0,
      reason:
        'invalid assertion value: json-schema value is not a valid JSON Schema: pattern "^(?!admin)": a lookahead (?!…) is not supported ' +
        '(promptgate matches patterns with RE2, which runs in time linear in the output, without lookaround); ' +
        'match the text itself, or check what must not appear with a separate not-regex assertion',
    });
  });
});

describe('json-schema pattern work budget', () => {
  it('fails with the reason rather than run a large pattern long on a long string', () => {
    const schema = { type: 'string', pattern: '^[\\s\\S]{0,1000}$' };
    expect(check('json-schema', schema, JSON.stringify('a'.repeat(900))).pass).toBe(true);
    expect(check('json-schema', schema, JSON.stringify('a'.repeat(3_000)))).toMatchObject({
      pass: false,
      score: 0,
      reason: expect.stringMatching(/^json-schema could not be evaluated: the pattern \/\^\[\\s\\S\]\{0,1000\}\$\/u could take seconds on this text \(2,0\d\d RE2 instructions × 3,000 characters /),
    });
  });

  it('shares one budget over every string of the output, so many strings cannot add up to minutes', () => {
    // Each string alone is within the budget (a few instructions × 2,000 characters); 3,000 of them
    // are 6,000,000 characters, past 5,000,000 units of work for any pattern of two or more instructions.
    const schema = { type: 'array', items: { type: 'string', pattern: '^a+$' } };
    expect(check('json-schema', schema, JSON.stringify(['a'.repeat(2_000), 'a'.repeat(2_000)])).pass).toBe(true);
    const many = JSON.stringify(Array.from({ length: 3_000 }, () => 'a'.repeat(2_000)));
    expect(check('json-schema', schema, many)).toMatchObject({
      pass: false,
      score: 0,
      errored: true,
      reason: expect.stringMatching(/^json-schema could not be evaluated: the patterns could take seconds on this output: .* more than the 5,000,000 units of work/),
    });
    // The budget belongs to one evaluation: the next starts afresh.
    expect(check('json-schema', schema, JSON.stringify(['a'.repeat(2_000)])).pass).toBe(true);
  });
});
