import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { lines, loadSuite, problemsOf, suiteOf } from './load-helpers.js';

describe('native prompt files', () => {
  test('the refund fixture converts field by field', () => {
    const text = readFileSync('test/fixtures/suites/refund.prompt.yaml', 'utf8');
    const { suite, problems } = loadSuite('test/fixtures/suites/refund.prompt.yaml', text);
    expect(problems).toEqual([]);
    expect(suite).toMatchObject({
      file: 'test/fixtures/suites/refund.prompt.yaml',
      format: 'promptgate',
      name: 'Refund answers',
      description: 'The support bot quotes the refund policy correctly.',
      model: 'gpt-4o-mini',
      modelParameters: { temperature: 0, maxTokens: 200, seed: 7 },
    });
    expect(suite!.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: 'system', content: 'You are the support assistant of {{company.name}}.\nRefunds are possible within {{company.refundDays}} days.\n' },
      { role: 'user', content: '{{question}}' },
    ]);
    expect(suite!.messages[0]!.span).toEqual({ start: { line: 10, column: 5 }, end: { line: 13, column: 62 } });
    expect(suite!.messages[0]!.contentSpan).toEqual({ start: { line: 11, column: 14 }, end: { line: 13, column: 62 } });

    const [first, second] = suite!.tests;
    expect(first).toMatchObject({
      index: 0,
      name: 'refund window',
      vars: { company: { name: 'Acme', refundDays: 30 }, question: 'How long do I have to return a toaster?' },
      repeat: 2,
      minPassRate: 0.5,
      span: { start: { line: 27, column: 5 } },
    });
    // File-level assertions first, then the test's own; both forms, `not-` mapped to negate.
    expect(first!.assert.map(({ type, baseType, negate, value, name }) => ({ type, baseType, negate, value, name }))).toEqual([
      { type: 'not-icontains', baseType: 'icontains', negate: true, value: 'as an AI', name: undefined },
      { type: 'max-length', baseType: 'max-length', negate: false, value: 600, name: undefined },
      { type: 'contains', baseType: 'contains', negate: false, value: '{{company.refundDays}} days', name: undefined },
      { type: 'not-regex', baseType: 'regex', negate: true, value: '\\bsorry\\b', name: 'no apology' },
    ]);
    expect(first!.assert[0]!.span).toEqual({ start: { line: 21, column: 5 }, end: { line: 21, column: 29 } });
    expect(first!.assert[3]!.span?.start).toEqual({ line: 32, column: 9 });

    // Unnamed test: default name, nested vars merged (company.refundDays kept from the file), own repeat.
    expect(second).toMatchObject({
      index: 1,
      name: 'test 2',
      description: "Uses the company name from the test's vars.",
      vars: { company: { name: 'Globex', refundDays: 30 }, question: 'Who are you?' },
      repeat: 1,
      minPassRate: 1,
    });
    expect(second!.assert.map((a) => a.type)).toEqual(['not-icontains', 'max-length', 'icontains-any']);
    expect(second!.assert[2]!.value).toEqual(['{{company.name}}', 'support']);
  });

  test('a file with vars or assert but no tests is one test named after the suite', () => {
    const { suite, problems } = loadSuite('test/fixtures/suites/json-answer.prompt.yml', readFileSync('test/fixtures/suites/json-answer.prompt.yml', 'utf8'));
    expect(problems).toEqual([]);
    expect(suite!.tests).toEqual([
      {
        index: 0,
        name: 'JSON answer',
        vars: { thing: 'colour' },
        assert: [
          { type: 'is-json', baseType: 'is-json', negate: false, value: null, span: { start: { line: 20, column: 5 }, end: { line: 20, column: 12 } } },
          {
            type: 'json-schema',
            baseType: 'json-schema',
            negate: false,
            value: { type: 'object', required: ['name'] },
            span: { start: { line: 21, column: 5 }, end: { line: 24, column: 22 } },
          },
        ],
        repeat: 1,
        minPassRate: 1,
      },
    ]);
    expect(suite!.messages[0]!.role).toBe('developer');
    expect(suite!.modelParameters.responseFormat).toEqual({
      type: 'json_schema',
      json_schema: { name: 'thing', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    });
  });

  test('the suite name defaults to the file name', () => {
    const suite = suiteOf(lines('messages:', '  - role: user', '    content: hi', 'tests:', '  - vars: {}'), 'prompts/refund.prompt.yaml');
    expect(suite.name).toBe('refund');
    expect(suite.tests.map((t) => t.name)).toEqual(['test 1']);
    expect(suite.model).toBeUndefined();
  });

  test('response formats given as text', () => {
    const text = (format: string) => lines('modelParameters:', `  responseFormat: ${format}`, 'messages:', '  - {role: user, content: hi}');
    expect(suiteOf(text('json_object')).modelParameters).toEqual({ responseFormat: { type: 'json_object' } });
    expect(suiteOf(text('text')).modelParameters).toEqual({ responseFormat: { type: 'text' } });
  });

  test('a file with no tests at all has zero tests and a warning', () => {
    const { suite, problems } = loadSuite('a.prompt.yaml', lines('name: lonely', 'messages:', '  - {role: user, content: hi}'));
    expect(suite?.tests).toEqual([]);
    expect(problems).toEqual([{ file: 'a.prompt.yaml', line: 1, column: 1, severity: 'warning', message: 'no tests: nothing to run; add `tests:`' }]);
  });

  test('an empty tests list also warns, at the list', () => {
    expect(problemsOf(lines('messages:', '  - {role: user, content: hi}', 'tests: []'))).toEqual([
      '3:8 warning: no tests: nothing to run; add `tests:`',
    ]);
  });

  test('placeholders filled by file vars, test vars, dotted paths or dotted keys pass validation', () => {
    const suite = suiteOf(
      lines(
        'vars:',
        '  user: {name: Ann}',
        '  "a.b": flat',
        'messages:',
        '  - role: user',
        '    content: "{{user.name}} {{ a.b }} {{topic}}"',
        'tests:',
        '  - vars: {topic: refunds}',
      ),
    );
    expect(suite.tests[0]!.vars).toEqual({ user: { name: 'Ann' }, 'a.b': 'flat', topic: 'refunds' });
  });
});
