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
