import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { knownAssertionTypes } from '../../src/assert/index.js';

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
  enum?: string[];
  $ref?: string;
}

const schema = JSON.parse(readFileSync('schema/promptgate.schema.json', 'utf8')) as {
  properties: Record<string, SchemaNode>;
  additionalProperties: boolean;
  definitions: Record<string, SchemaNode>;
};

describe('schema/promptgate.schema.json', () => {
  test('is a valid draft-07 schema', () => {
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('lists exactly the assertion types that have handlers, with and without not-', () => {
    // `unsupported` stands for GitHub evaluators promptgate cannot run; users never write it.
    const expected = knownAssertionTypes()
      .filter((type) => type !== 'unsupported')
      .flatMap((type) => [type, `not-${type}`])
      .sort();
    expect([...schema.definitions.assertionType!.enum!].sort()).toEqual(expected);
    expect(Object.keys(schema.definitions.shortAssertion!.properties!).sort()).toEqual(expected);
    expect(expected).toContain('not-icontains-any');
    expect(expected).not.toContain('unsupported');
  });

  test('rejects unknown keys in every object a person writes, so editors flag typos', () => {
    expect(schema.additionalProperties).toBe(false);
    for (const name of ['modelParameters', 'message', 'test', 'longAssertion', 'shortAssertion', 'evaluator']) {
      expect({ name, additionalProperties: schema.definitions[name]!.additionalProperties }).toEqual({ name, additionalProperties: false });
    }
  });

  test('describes every property, for editor hovers', () => {
    const undocumented: string[] = [];
    const visit = (where: string, properties: Record<string, SchemaNode>) => {
      for (const [key, property] of Object.entries(properties)) {
        const target = property.$ref ? schema.definitions[property.$ref.replace('#/definitions/', '')] : undefined;
        if (!property.description && !target?.description) undocumented.push(`${where}.${key}`);
      }
    };
    visit('file', schema.properties);
    for (const name of ['modelParameters', 'message', 'test', 'longAssertion', 'shortAssertion', 'evaluator']) visit(name, schema.definitions[name]!.properties!);
    expect(undocumented).toEqual([]);
  });
});
