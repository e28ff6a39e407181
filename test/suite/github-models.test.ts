import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Problem, Suite } from '../../src/types.js';
import { lines, loadSuite, problemsOf, suiteOf } from './load-helpers.js';

function loadFixture(name: string): { suite?: Suite; problems: Problem[] } {
  const file = `test/fixtures/gh-models/${name}`;
  return loadSuite(file, readFileSync(file, 'utf8'));
}

const summary = (problem: Problem) => `${problem.line}:${problem.column} ${problem.severity}: ${problem.message}`;

describe("GitHub's own example files load unchanged", () => {
  test('json_response: responseFormat json_object, one test per testData row, contains ignores case', () => {
    const { suite, problems } = loadFixture('examples_json_response_prompt.yml');
    expect(problems).toEqual([]);
    expect(suite!.format).toBe('github-models');
    expect(suite!.name).toBe('JSON Response Example');
    expect(suite!.model).toBe('openai/gpt-4o');
    expect(suite!.modelParameters).toEqual({ responseFormat: { type: 'json_object' } });
    expect(suite!.messages.map((m) => m.content)).toEqual([
      'You are a helpful assistant that responds in JSON format.',
      'Provide a summary of {{topic}} in JSON format with title, description, and key_points array.',
    ]);
    expect(suite!.tests.map((t) => [t.index, t.name, t.vars, t.repeat, t.minPassRate])).toEqual([
      [0, 'artificial intelligence', { topic: 'artificial intelligence' }, 1, 1],
      [1, 'climate change', { topic: 'climate change' }, 1, 1],
    ]);
    expect(suite!.tests[1]!.span?.start).toEqual({ line: 12, column: 5 });
    expect(suite!.tests[0]!.assert.map(({ type, baseType, negate, value, name }) => ({ type, baseType, negate, value, name }))).toEqual([
      { type: 'icontains', baseType: 'icontains', negate: false, value: '{', name: 'contains-json-structure' },
      { type: 'icontains', baseType: 'icontains', negate: false, value: 'title', name: 'has-title' },
    ]);
    expect(suite!.tests[0]!.assert[0]!.span?.start).toEqual({ line: 14, column: 5 });
  });

  test('json_schema: the jsonSchema string becomes a json_schema response format', () => {
    const { suite, problems } = loadFixture('examples_json_schema_prompt.yml');
    expect(problems).toEqual([]);
    expect(suite!.modelParameters.responseFormat).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'animal_description',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'The name of the animal' },
            habitat: { type: 'string', description: 'The habitat where the animal lives' },
            diet: { type: 'string', description: 'What the animal eats', enum: ['carnivore', 'herbivore', 'omnivore'] },
            characteristics: { type: 'array', description: 'Key characteristics of the animal', items: { type: 'string' } },
          },
          required: ['name', 'habitat', 'diet'],
          additionalProperties: false,
        },
      },
    });
    expect(suite!.tests.map((t) => t.name)).toEqual(['dog', 'cat', 'elephant']);
    expect(suite!.tests[2]!.assert.map((a) => [a.type, a.value, a.name])).toEqual([
      ['icontains', 'name', 'has-name'],
      ['icontains', 'habitat', 'has-habitat'],
    ]);
  });

  test('sample: a templated string evaluator and github/similarity as a graded evaluator', () => {
    const { suite, problems } = loadFixture('examples_sample_prompt.yml');
    expect(problems).toEqual([]);
    expect(suite!.modelParameters).toEqual({ temperature: 0.5, maxTokens: 50 });
    expect(suite!.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(suite!.tests.map((t) => [t.name, t.vars])).toEqual([
      ['hello world', { input: 'hello world', string: 'hello', expected: 'greeting response' }],
      ['goodbye world', { input: 'goodbye world', string: 'goodbye', expected: 'farewell response' }],
    ]);
    expect(suite!.tests[0]!.assert.map(({ type, baseType, negate, value, name }) => ({ type, baseType, negate, value, name }))).toEqual([
      { type: 'icontains', baseType: 'icontains', negate: false, value: '{{string}}', name: 'string evaluator' },
      { type: 'github-evaluator', baseType: 'github-evaluator', negate: false, value: { evaluator: 'similarity' }, name: 'similarity check' },
    ]);
  });

  test('test_single_evaluator: a quoted-everything file with only a github/fluency evaluator', () => {
    const { suite, problems } = loadFixture('examples_test_single_evaluator.yml');
    expect(problems).toEqual([]);
    expect(suite!.name).toBe('Test Single Evaluator');
    expect(suite!.messages.map(({ role, content }) => ({ role, content }))).toEqual([{ role: 'user', content: '{{input}}' }]);
    expect(suite!.tests.map((t) => t.name)).toEqual(['What is machine learning?']);
    expect(suite!.tests[0]!.assert).toEqual([
      {
        type: 'github-evaluator',
        baseType: 'github-evaluator',
        negate: false,
        value: { evaluator: 'fluency' },
        name: 'fluency-test',
        span: { start: { line: 11, column: 5 }, end: { line: 12, column: 26 } },
      },
    ]);
  });

  test('template files without testData: zero tests and a warning, no placeholder errors', () => {
    const advanced = loadFixture('examples_advanced_template_prompt.yml');
    expect(advanced.problems.map(summary)).toEqual(['2:1 warning: no tests: nothing to run; add `tests:`']);
    expect(advanced.suite!.tests).toEqual([]);
    expect(advanced.suite!.modelParameters).toEqual({ temperature: 0.7, maxTokens: 300 });
    expect(advanced.suite!.messages[1]!.content.split('\n')[0]).toBe("Hello! I'm {{user_name}} from {{company}}.");

    const variables = loadFixture('examples_template_variables_prompt.yml');
    expect(variables.problems.map(summary)).toEqual(['2:1 warning: no tests: nothing to run; add `tests:`']);
    expect(variables.suite!.name).toBe('Template Variables Example');
    expect(variables.suite!.messages[1]!.content).toBe('Hello {{name}}! I need help with {{topic}}. {{input}}');
  });
});

describe('GitHub Models conversion', () => {
  const head = ['name: x', 'messages:', '  - role: user', '    content: "{{q}}"'];

  test('string evaluators map to GitHub semantics: equals exact, the rest ignore case; llm and uses become graded kinds', () => {
    const suite = suiteOf(
      lines(
        ...head,
        'testData:',
        '  - q: a',
        'evaluators:',
        '  - {name: e, string: {equals: A}}',
        '  - {name: c, string: {contains: B}}',
        '  - {name: s, string: {startsWith: C}}',
        '  - {name: f, string: {endsWith: D}}',
        '  - name: judge',
        '    llm: {modelId: openai/gpt-4o, prompt: "grade {{completion}}", choices: [{choice: good, score: 1}]}',
        '  - {name: rel, uses: github/relevance}',
      ),
    );
    expect(suite.tests[0]!.assert.map((a) => [a.type, a.baseType, a.value, a.name])).toEqual([
      ['equals', 'equals', 'A', 'e'],
      ['icontains', 'icontains', 'B', 'c'],
      ['istarts-with', 'istarts-with', 'C', 's'],
      ['iends-with', 'iends-with', 'D', 'f'],
      // The llm mapping is kept as written: the grader fills {{completion}} with the answer.
      [
        'llm-evaluator',
        'llm-evaluator',
        { modelId: 'openai/gpt-4o', prompt: 'grade {{completion}}', choices: [{ choice: 'good', score: 1 }] },
        'judge',
      ],
      ['github-evaluator', 'github-evaluator', { evaluator: 'relevance' }, 'rel'],
    ]);
    expect(suite.tests[0]!.assert.map((a) => a.negate)).toEqual(suite.tests[0]!.assert.map(() => false));
  });

  test('rows without a usable label, or sharing one, are named by position', () => {
    const suite = suiteOf(lines(...head, 'testData:', '  - q: same', '  - q: same', '  - {q: 3, input: first}', '  - {q: ""}'), 'x.prompt.yml');
    expect(suite.tests.map((t) => t.name)).toEqual(['testData[1]', 'testData[2]', 'first', 'testData[4]']);
  });

  test('a long label is shortened to one line', () => {
    const suite = suiteOf(lines(...head, 'testData:', '  - q: |', '      A very long question that goes on and on and on until it is', '      well past fifty characters')); 
    expect(suite.tests[0]!.name).toBe('A very long question that goes on and on and on u…');
  });

  test('file-level vars, repeat and minPassRate also apply to testData rows', () => {
    const suite = suiteOf(lines(...head, 'vars: {tone: calm}', 'repeat: 3', 'minPassRate: 0.6', 'testData:', '  - q: hi'));
    expect(suite.tests[0]).toMatchObject({ vars: { tone: 'calm', q: 'hi' }, repeat: 3, minPassRate: 0.6 });
  });

  test('a GitHub file without testData has zero tests and a warning', () => {
    const { suite, problems } = loadSuite('g.prompt.yml', lines(...head, 'responseFormat: text'));
    expect(suite!.tests).toEqual([]);
    expect(suite!.modelParameters.responseFormat).toEqual({ type: 'text' });
    expect(problems.map(summary)).toEqual([
      '1:1 warning: no testData: nothing to run; add `testData:` with one row of placeholder values per test',
    ]);
  });
});

describe('GitHub Models problems', () => {
  const head = ['messages:', '  - role: user', '    content: "{{q}}"'];

  test('mixing native keys with GitHub keys', () => {
    expect(problemsOf(lines(...head, 'testData:', '  - q: a', 'tests:', '  - vars: {q: b}'))).toEqual([
      '6:1 error: "tests" belongs to promptgate\'s format, but this file uses GitHub Models keys (testData); use one format per file: tests/assert, or testData/evaluators',
    ]);
  });

  test('invalid JSON in jsonSchema is reported inside the string', () => {
    expect(
      problemsOf(
        lines(
          ...head, //                         1-3
          'responseFormat: json_schema', //   4
          'jsonSchema: |', //                 5
          '  {', //                           6
          '    "name": "x",', //              7
          '    "schema": {"type": "object"}', //  8
          '    "strict": true', //            9
          '  }', //                           10
          'testData:', //                     11
          '  - q: a', //                      12
        ),
      ),
    ).toEqual([expect.stringMatching(/^9:5 error: jsonSchema is not valid JSON: /)]);
  });

  test('json_schema without jsonSchema, and jsonSchema without name', () => {
    expect(problemsOf(lines(...head, 'responseFormat: json_schema', 'testData:', '  - q: a'))).toEqual([
      '4:17 error: responseFormat json_schema needs `jsonSchema:` with a JSON string such as {"name": "answer", "schema": {...}}',
    ]);
    expect(problemsOf(lines(...head, 'responseFormat: json_schema', `jsonSchema: '{"schema": {}}'`, 'testData:', '  - q: a'))).toEqual([
      '5:13 error: jsonSchema must contain "name", e.g. {"name": "answer", "strict": true, "schema": {...}}',
    ]);
  });

  test('evaluators with none or two kinds, and unknown string checks', () => {
    expect(
      problemsOf(
        lines(
          ...head, //                                          1-3
          'testData:', //                                      4
          '  - q: a', //                                       5
          'evaluators:', //                                    6
          '  - name: both', //                                 7
          '    uses: github/similarity', //                    8
          '    string: {contains: x}', //                      9
          '  - name: neither', //                              10
          '  - name: typo', //                                 11
          '    string: {startswith: x}', //                    12
          '  - name: two', //                                  13
          '    string: {contains: x, equals: y}', //           14
        ),
      ),
    ).toEqual([
      '7:5 error: evaluator "both" needs exactly one of string, llm or uses; found string and uses',
      '10:5 error: evaluator "neither" needs exactly one of string, llm or uses',
      '12:14 error: unknown property "startswith" in string; did you mean "startsWith"?',
      '14:13 error: string needs exactly one of: equals, contains, startsWith, endsWith',
    ]);
  });

  test('an unknown `uses:` evaluator is an error at its value, with a suggestion when one is close', () => {
    expect(
      problemsOf(
        lines(
          ...head, //                               1-3
          'testData:', //                           4
          '  - q: a', //                            5
          'evaluators:', //                         6
          '  - name: typo', //                      7
          '    uses: github/similarty', //          8
          '  - name: foreign', //                   9
          '    uses: acme/toxicity', //             10
          '  - name: fine', //                      11
          '    uses: github/coherence', //          12
        ),
      ),
    ).toEqual([
      '8:11 error: unknown evaluator "github/similarty"; did you mean "github/similarity"?',
      '10:11 error: unknown evaluator "acme/toxicity"; the built-in evaluators are github/similarity, github/coherence, github/fluency, github/relevance, github/groundedness',
    ]);
  });

  test('{{completion}} in an llm evaluator is the answer, not a missing var; any other unknown placeholder is', () => {
    expect(
      problemsOf(
        lines(
          ...head, //                                                              1-3
          'testData:', //                                                          4
          '  - q: a', //                                                           5
          'evaluators:', //                                                        6
          '  - name: judge', //                                                    7
          '    llm:', //                                                           8
          '      prompt: "Q: {{q}} A: {{completion}} ({{nope}})"', //              9
          '      choices: [{choice: good, score: 1}, {choice: bad, score: 0}]', // 10
        ),
      ),
    ).toEqual(['9:44 error: test "a": {{nope}} has no value; add "nope" to its testData row']);
  });

  test('a placeholder missing from a testData row names the row', () => {
    expect(
      problemsOf(
        lines(
          ...head, //                                   1-3
          'testData:', //                               4
          '  - q: a', //                                5
          '  - other: b', //                            6
          'evaluators:', //                             7
          '  - name: e', //                             8
          '    string: {contains: "{{expected}}"}', //  9
        ),
      ),
    ).toEqual([
      '3:15 error: test "b": {{q}} has no value; add "q" to its testData row',
      '9:25 error: {{expected}} has no value in any of the 2 tests; add "expected" to every testData row',
    ]);
  });
});
