import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { isNegatableAssertionType } from '../../src/assert/index.js';
import { userAssertionTypes } from '../../src/suite/assertions.js';

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

  test('lists exactly the assertion types a person may write, with not- only where it means something', () => {
    const expected = userAssertionTypes()
      .flatMap((type) => (isNegatableAssertionType(type) ? [type, `not-${type}`] : [type]))
      .sort();
    expect([...schema.definitions.assertionType!.enum!].sort()).toEqual(expected);
    expect(Object.keys(schema.definitions.shortAssertion!.properties!).sort()).toEqual(expected);
    // Spot checks written out by hand, so the test cannot pass on an empty or wrong list from src.
    expect(expected).toEqual(expect.arrayContaining(['not-icontains-any', 'cost', 'not-cost', 'llm-rubric', 'similar', 'not-similar']));
    for (const absent of ['not-llm-rubric', 'unsupported', 'github-evaluator', 'llm-evaluator', 'not-github-evaluator']) {
      expect(expected).not.toContain(absent);
    }
    expect(expected).toHaveLength(2 * 21 + 1);
  });

  test('a long-form assertion is checked against the enum: llm-rubric takes a threshold, not-llm-rubric does not exist', () => {
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(schema, 'promptgate');
    const validate = ajv.getSchema('promptgate#/definitions/assertion')!;
    expect(validate({ type: 'llm-rubric', value: 'Apologises once', threshold: 0.8 })).toBe(true);
    expect(validate({ type: 'not-similar', value: ['a', 'b'], threshold: 0.9 })).toBe(true);
    expect(validate({ 'not-similar': 'a' })).toBe(true);
    expect(validate({ type: 'not-llm-rubric', value: 'x' })).toBe(false);
    expect(validate({ 'not-llm-rubric': 'x' })).toBe(false);
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
