import { describe, expect, test } from 'vitest';
import { expandSuite } from '../../src/suite/expand.js';
import type { Assertion, Suite, TestDefinition } from '../../src/types.js';

const span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function makeTest(index: number, name: string, vars: Record<string, unknown>, repeat: number, assert: Assertion[] = []): TestDefinition {
  return { index, name, vars, assert, repeat, minPassRate: 1 };
}

function makeSuite(tests: TestDefinition[]): Suite {
  return {
    file: 'p.prompt.yaml',
    format: 'promptgate',
    name: 'p',
    modelParameters: { temperature: 0.2 },
    messages: [
      { role: 'system', content: 'You help {{user.name}}.', span, contentSpan: span },
      { role: 'user', content: '{{ question }}', span, contentSpan: span },
    ],
    tests,
  };
}

describe('expandSuite', () => {
  test('tests in file order, each repeated for its samples', () => {
    const suite = makeSuite([
      makeTest(0, 'a', { user: { name: 'Ann' }, question: 'q1' }, 2),
      makeTest(1, 'b', { user: { name: 'Bo' }, question: 'q2' }, 1),
    ]);
    const cases = expandSuite(suite, { model: 'gpt-test' });
    expect(cases.map((c) => [c.test.name, c.sample, c.model])).toEqual([
      ['a', 0, 'gpt-test'],
      ['a', 1, 'gpt-test'],
      ['b', 0, 'gpt-test'],
    ]);
    expect(cases[2]!.messages).toEqual([
      { role: 'system', content: 'You help Bo.' },
      { role: 'user', content: 'q2' },
    ]);
    expect(cases[0]!.parameters).toEqual({ temperature: 0.2 });
    expect(cases[0]!.suite).toBe(suite);
  });

  test('--repeat replaces every test repeat, including in the case test', () => {
    const suite = makeSuite([makeTest(0, 'a', { user: { name: 'A' }, question: 'q' }, 5), makeTest(1, 'b', { user: { name: 'B' }, question: 'q' }, 1)]);
    const cases = expandSuite(suite, { model: 'm', repeat: 2 });
    expect(cases.map((c) => [c.test.name, c.sample, c.test.repeat])).toEqual([
      ['a', 0, 2],
      ['a', 1, 2],
      ['b', 0, 2],
      ['b', 1, 2],
    ]);
    expect(cases[0]!.test).toBe(cases[1]!.test);
    expect(suite.tests[0]!.repeat).toBe(5);
  });

  test('without --repeat each test keeps its own repeat', () => {
    const cases = expandSuite(makeSuite([makeTest(0, 'a', { user: {}, question: 'q' }, 3)]), { model: 'm', repeat: undefined });
    expect(cases.map((c) => c.sample)).toEqual([0, 1, 2]);
  });

  test('assertion values are rendered deeply; value-less assertions stay value-less', () => {
    const assert: Assertion[] = [
      { type: 'icontains-any', baseType: 'icontains-any', negate: false, value: ['{{city}}', 'x'] },
      { type: 'not-equals', baseType: 'equals', negate: true, value: '{{n}}', name: 'label' },
      { type: 'json-schema', baseType: 'json-schema', negate: false, value: { properties: { city: { const: '{{city}}' } } } },
      { type: 'is-json', baseType: 'is-json', negate: false },
    ];
    const suite = makeSuite([makeTest(0, 'a', { city: 'Lyon', n: 3, user: {}, question: 'q' }, 1, assert)]);
    const [only] = expandSuite(suite, { model: 'm' });
    expect(only!.assert).toEqual([
      { type: 'icontains-any', baseType: 'icontains-any', negate: false, value: ['Lyon', 'x'] },
      { type: 'not-equals', baseType: 'equals', negate: true, value: '3', name: 'label' },
      { type: 'json-schema', baseType: 'json-schema', negate: false, value: { properties: { city: { const: 'Lyon' } } } },
      { type: 'is-json', baseType: 'is-json', negate: false },
    ]);
    expect('value' in only!.assert[3]!).toBe(false);
    // The suite's own assertions keep their placeholders for the next expansion.
    expect(suite.tests[0]!.assert[0]!.value).toEqual(['{{city}}', 'x']);
  });

  test('a suite without tests expands to nothing', () => {
    expect(expandSuite(makeSuite([]), { model: 'm', repeat: 3 })).toEqual([]);
  });
});
