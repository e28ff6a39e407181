import { describe, expect, test } from 'vitest';
import { lines, loadSuite, problemsOf } from './load-helpers.js';

const USER_HI = ['messages:', '  - role: user', '    content: hi'];

describe('YAML problems', () => {
  test('a syntax error is reported at its line and column, and nothing else is checked', () => {
    const result = loadSuite(
      'bad.prompt.yaml',
      lines(
        'messages:', //           1
        '  - role: user', //      2
        '    content: [a, b', //  3
        'tests: 5', //            4
      ),
    );
    expect(result.suite).toBeUndefined();
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.severity}`)).toEqual(['4:1 error']);
    expect(result.problems[0]!.message).toMatch(/^YAML syntax error: /);
  });

  test('duplicate keys are errors, and the rest of the file is still checked', () => {
    expect(
      problemsOf(
        lines(
          'name: a', //           1
          ...USER_HI, //          2-4
          'name: b', //           5
          'tests:', //            6
          '  - repeat: 0', //     7
          '    assert: [{contains: x}]', // 8
        ),
      ),
    ).toEqual([
      '5:1 error: duplicate key "name": each key may appear only once in a mapping',
      '7:13 error: repeat must be at least 1, got 0 (how many times each test is sampled)',
    ]);
  });

  test('tabs used for indentation', () => {
    expect(problemsOf(lines('messages:', '\t- role: user'))[0]).toBe(
      '2:1 error: YAML syntax error: tabs are not allowed for indentation; indent with spaces',
    );
  });

  test('an empty file', () => {
    expect(problemsOf('')).toEqual(['1:1 error: the file is empty; a prompt file needs at least `messages:`']);
    expect(problemsOf('# only a comment\n')).toEqual(['1:1 error: the file is empty; a prompt file needs at least `messages:`']);
  });

  test('a file that is a list, not a mapping', () => {
    expect(problemsOf(lines('- role: user', '  content: hi'))).toEqual([
      '1:1 error: a prompt file must be a mapping of keys such as name, model, messages and tests',
    ]);
  });
});

describe('structure problems from the schema', () => {
  test('unknown properties, with a suggestion when one is close', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //               1-3
          'modelParameters:', //       4
          '  max_tokens: 10', //       5
          'tset:', //                  6
          '  - vars: {}', //           7
          'flavour: sweet', //         8
        ),
      ),
    ).toEqual([
      '1:1 warning: no tests: nothing to run; add `tests:`',
      '5:3 error: unknown property "max_tokens" in modelParameters; did you mean "maxTokens"?',
      '6:1 error: unknown property "tset" at the top level; did you mean "tests"?',
      '8:1 error: unknown property "flavour" at the top level; allowed here: $schema, name, description, model, modelParameters, messages, vars, assert, repeat, minPassRate, tags, tests, responseFormat, jsonSchema, testData, evaluators',
    ]);
  });

  test('an unknown property inside a test and inside a long-form assertion', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                  1-3
          'tests:', //                    4
          '  - nmae: x', //               5
          '    assert:', //               6
          '      - type: is-json', //     7
          '        valeu: x', //          8
        ),
      ),
    ).toEqual([
      '5:5 error: unknown property "nmae" in item 1 of tests; did you mean "name"?',
      '8:9 error: unknown property "valeu" in item 1 of assert; did you mean "value"?',
    ]);
  });

  test('values of the wrong type', () => {
    expect(
      problemsOf(
        lines(
          'model: 4', //                   1
          'modelParameters:', //           2
          '  temperature: hot', //         3
          '  maxTokens: 1.5', //           4
          'messages:', //                  5
          '  - role: user', //             6
          '    content: hi', //            7
          'tests: some', //                8
        ),
      ),
    ).toEqual([
      '1:8 error: expected text for model, got 4 (put it in quotes to make it text)',
      '3:16 error: expected a number for temperature, got "hot"',
      '4:14 error: expected a whole number for maxTokens, got 1.5',
      '8:8 error: expected a list (lines starting with "- ") for tests, got "some"',
    ]);
  });

  test('one error per wrong value, even where the schema has alternatives; empty values get a hint', () => {
    expect(
      problemsOf(
        lines(
          'modelParameters: {responseFormat: 5}', //  1
          ...USER_HI, //                              2-4
          'vars:', //                                 5
          'tests:', //                                6
          '  - assert:', //                           7
          '      - "contains foo"', //                8
        ),
      ),
    ).toEqual([
      '1:35 error: expected text or a mapping (key: value lines) for responseFormat, got 5',
      '5:6 error: expected a mapping (key: value lines) for vars, got an empty value; write `{}` for none, or remove the line',
      '8:9 error: expected a mapping (key: value lines) for item 1 of assert, got "contains foo"',
    ]);
  });

  test('a value outside its allowed set, with a suggestion', () => {
    expect(problemsOf(lines('messages:', '  - role: sytem', '    content: hi', '  - role: robot', '    content: hi', 'tests: []'))).toEqual([
      '2:11 error: "sytem" is not a valid role; did you mean "system"?',
      '4:11 error: "robot" is not a valid role; expected one of: system, developer, user, assistant',
      '6:8 warning: no tests: nothing to run; add `tests:`',
    ]);
  });

  test('missing required properties', () => {
    expect(problemsOf(lines('name: x', 'tests: []'))).toEqual([
      '1:1 error: missing "messages" at the top level; a prompt file needs a list of messages, e.g. `messages:` then `- role: user` and `content: ...`',
      '2:8 warning: no tests: nothing to run; add `tests:`',
    ]);
    expect(problemsOf(lines('messages:', '  - role: user', 'tests: []'))).toEqual([
      '2:5 error: missing "content" in item 1 of messages; each message needs the text to send as `content:`',
      '3:8 warning: no tests: nothing to run; add `tests:`',
    ]);
  });

  test('an empty messages list', () => {
    expect(problemsOf(lines('messages: []', 'tests: []'))).toEqual([
      '1:11 error: messages is empty; add at least 1 item',
      '2:8 warning: no tests: nothing to run; add `tests:`',
    ]);
  });

  test('minPassRate outside 0..1 and repeat below 1 or not whole', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                1-3
          'minPassRate: 1.5', //        4
          'tests:', //                  5
          '  - repeat: 0', //           6
          '    minPassRate: -0.1', //   7
          '  - repeat: 2.5', //         8
          'assert: [{contains: x}]', // 9
        ),
      ),
    ).toEqual([
      '4:14 error: minPassRate must be at most 1, got 1.5 (a fraction: 0.8 means 80% of the samples must pass)',
      '6:13 error: repeat must be at least 1, got 0 (how many times each test is sampled)',
      '7:18 error: minPassRate must be at least 0, got -0.1 (a fraction: 0.8 means 80% of the samples must pass)',
      '8:13 error: expected a whole number for repeat, got 2.5',
    ]);
  });

  test('a json_schema response format without its schema', () => {
    expect(
      problemsOf(
        lines(
          'modelParameters:', //          1
          '  responseFormat:', //         2
          '    type: json_schema', //     3
          '    name: answer', //          4
          ...USER_HI, //                  5-7
          'tests: []', //                 8
        ),
      ),
    ).toEqual([
      '3:5 error: missing "schema" in responseFormat; a json_schema response format needs the JSON Schema under `schema:`',
      '8:8 warning: no tests: nothing to run; add `tests:`',
    ]);
  });

  test('a response format name that does not exist', () => {
    expect(problemsOf(lines('modelParameters:', '  responseFormat: json', ...USER_HI, 'tests: []'))[0]).toBe(
      '2:19 error: "json" is not a valid responseFormat; expected one of: text, json_object',
    );
  });
});

describe('assertion problems', () => {
  test('unknown assertion types in both forms, with suggestions', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                   1-3
          'assert:', //                    4
          '  - contians: x', //            5
          '  - type: not-icontain', //     6
          '    value: x', //               7
          '  - type: simlar', //           8
          '  - unsupported: x', //         9
          '  - github-evaluator: {evaluator: fluency}', // 10
        ),
      ),
    ).toEqual([
      '5:5 error: unknown assertion type "contians"; did you mean "contains"?',
      '6:11 error: unknown assertion type "not-icontain"; did you mean "not-icontains"?',
      '8:11 error: unknown assertion type "simlar"; did you mean "similar"?',
      // The kind GitHub evaluators once mapped to is gone, and the internal kinds they map to now are
      // not for writing by hand: neither is listed.
      expect.stringMatching(/^9:5 error: unknown assertion type "unsupported"; known types: equals, contains, .*, max-tokens, cost, llm-rubric, similar \(/),
      expect.stringMatching(/^10:5 error: unknown assertion type "github-evaluator"; known types: equals, contains, .*, max-tokens, cost, llm-rubric, similar \(/),
    ]);
  });

  test('short-form assertions with more than one key, or none', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                   1-3
          'assert:', //                    4
          '  - contains: x', //            5
          '    name: label', //            6
          '  - value: x', //               7
          '    name: y', //                8
          '  - {}', //                     9
        ),
      ),
    ).toEqual([
      '5:5 error: an assertion in the short form has exactly one key, its type (e.g. `contains: "text"`); found "contains", "name". For a name or threshold use the long form: type, value, name',
      '7:5 error: missing `type:`; an assertion in the short form has exactly one key, its type (e.g. `contains: "text"`); found "value", "name". For a name or threshold use the long form: type, value, name',
      '9:5 error: empty assertion; write e.g. `contains: "text"`, or `type: contains` with `value: "text"`',
    ]);
  });

  test('an assertion value its handler rejects is reported at the value', () => {
    const problems = problemsOf(
      lines(
        ...USER_HI, //                  1-3
        'assert:', //                   4
        '  - regex: "(unclosed"', //    5
        '  - type: min-length', //      6
        '    value: many', //           7
      ),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^5:12 error: .*regex/i);
    expect(problems[1]).toMatch(/^7:12 error: .*min-length/);
  });

  test('a pattern RE2 cannot run in linear time is reported at its value, with what to write instead', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                              1-3
          'assert:', //                               4
          '  - not-regex: "(?<!not )refund"', //      5
          '  - json-schema:', //                      6
          '      type: string', //                    7
          '      pattern: "^(\\\\w+) \\\\1$"', //     8
        ),
      ),
    ).toEqual([
      '5:16 error: invalid regex "(?<!not )refund": a lookbehind (?<!…) is not supported (promptgate matches patterns with RE2, ' +
        'which runs in time linear in the output, without lookaround); match the text itself, or check what must not appear with a separate not-regex assertion',
      '7:7 error: json-schema value is not a valid JSON Schema: pattern "^(\\\\w+) \\\\1$": a backreference \\1 is not supported ' +
        '(promptgate matches patterns with RE2, which runs in time linear in the output, without backreferences); write the repeated text out, or check it with a separate assertion',
    ]);
  });

  test('a value built from vars is checked for each test, naming the test', () => {
    const problems = problemsOf(
      lines(
        ...USER_HI, //                       1-3
        'assert:', //                        4
        '  - regex: "{{pattern}}"', //       5
        'tests:', //                         6
        '  - name: fine', //                 7
        '    vars: {pattern: "^ok$"}', //    8
        '  - name: broken', //               9
        '    vars: {pattern: "[a-"}', //     10
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^5:12 error: test "broken": .*regex/i);
  });
});

describe('placeholders without a value', () => {
  test('in a literal block scalar, at the placeholder itself', () => {
    expect(
      problemsOf(
        lines(
          'messages:', //                                 1
          '  - role: system', //                          2
          '    content: |', //                            3
          '      You work for {{company}}.', //           4
          '', //                                          5
          '        Policy: {{ policy }} and {{company}}', //  6
          'tests:', //                                    7
          '  - name: refund window', //                   8
          '    vars: {company: Acme}', //                 9
          '    assert: [{contains: x}]', //               10
        ),
      ),
    ).toEqual([
      '6:17 error: test "refund window": {{policy}} has no value; add "policy" to the test\'s vars or the file\'s vars',
    ]);
  });

  test('in a folded block scalar', () => {
    expect(
      problemsOf(
        lines(
          'messages:', //                       1
          '  - role: user', //                  2
          '    content: >-', //                 3
          '      first line', //                4
          '      second {{x}} line', //         5
          '      third {{y}}', //               6
          'tests:', //                          7
          '  - vars: {x: 1}', //                8
          '    assert: [{contains: x}]', //     9
        ),
      ),
    ).toEqual(['6:13 error: test "test 1": {{y}} has no value; add "y" to the test\'s vars or the file\'s vars']);
  });

  test('in double-quoted, single-quoted and plain scalars', () => {
    expect(
      problemsOf(
        lines(
          'messages:', //                                     1
          '  - role: user', //                                2
          '    content: "say \\"hi\\" \\u00e9 {{a}}"', //      3
          "  - role: user", //                                4
          "    content: 'it''s {{b}}'", //                     5
          '  - role: user', //                                6
          '    content: plain {{c}} text', //                 7
          'tests:', //                                        8
          '  - name: only', //                                9
          '    assert: [{contains: x}]', //                     10
        ),
      ),
    ).toEqual([
      '3:33 error: test "only": {{a}} has no value; add "a" to the test\'s vars or the file\'s vars',
      '5:21 error: test "only": {{b}} has no value; add "b" to the test\'s vars or the file\'s vars',
      '7:20 error: test "only": {{c}} has no value; add "c" to the test\'s vars or the file\'s vars',
    ]);
  });

  test('in a double-quoted scalar folded over lines (best effort, still on the right line)', () => {
    expect(
      problemsOf(
        lines(
          'messages:', //                     1
          '  - role: user', //                2
          '    content: "one', //             3
          '      two {{x}}"', //              4
          'tests:', //                        5
          '  - name: t', //                   6
          '    assert: [{contains: x}]', //   7
        ),
      ),
    ).toEqual(['4:11 error: test "t": {{x}} has no value; add "x" to the test\'s vars or the file\'s vars']);
  });

  test('in assertion values, including strings inside lists, and dotted paths', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //                                              1-3
          'assert:', //                                               4
          '  - icontains-any: ["{{ok}}", "{{user.city}}"]', //        5
          'tests:', //                                                6
          '  - name: t', //                                           7
          '    vars: {ok: yes, user: {name: Ann}}', //                8
        ),
      ),
    ).toEqual([
      '5:32 error: test "t": {{user.city}} has no value; add "user" with city inside to the test\'s vars or the file\'s vars',
    ]);
  });

  test('missing in every test: one report instead of one per test', () => {
    expect(
      problemsOf(
        lines(
          'messages:', //                        1
          '  - role: user', //                   2
          '    content: "{{topic}} {{tone}}"', // 3
          'tests:', //                           4
          '  - vars: {topic: a}', //             5
          '  - vars: {topic: b}', //             6
          '  - vars: {tone: c}', //              7
          'assert: [{contains: x}]', //          8
        ),
      ),
    ).toEqual([
      '3:15 error: test "test 3": {{topic}} has no value; add "topic" to the test\'s vars or the file\'s vars',
      '3:25 error: test "test 1": {{tone}} has no value; add "tone" to the test\'s vars or the file\'s vars',
      '3:25 error: test "test 2": {{tone}} has no value; add "tone" to the test\'s vars or the file\'s vars',
    ]);
    expect(problemsOf(lines('messages:', '  - role: user', '    content: "{{topic}}"', 'tests:', '  - name: a', '  - name: b', 'assert: [{contains: x}]'))).toEqual([
      "3:15 error: {{topic}} has no value in any of the 2 tests; add \"topic\" to the file's vars or to each test's vars",
    ]);
  });
});

describe('test names', () => {
  test('duplicate names are errors at the second name', () => {
    expect(
      problemsOf(
        lines(
          ...USER_HI, //              1-3
          'tests:', //                4
          '  - name: refund', //      5
          '  - name: other', //       6
          '  - name: refund', //      7
          'assert: [{contains: x}]', // 8
        ),
      ),
    ).toEqual([
      '7:11 error: duplicate test name "refund" (also used on line 5); give each test its own name: selecting tests and the results history find them by name',
    ]);
  });

  test('a default name that collides with a written one', () => {
    expect(problemsOf(lines(...USER_HI, 'tests:', '  - name: test 2', '  - vars: {}', 'assert: [{contains: x}]'))).toEqual([
      '6:5 error: duplicate test name "test 2" (also used on line 5); give each test its own name: selecting tests and the results history find them by name',
    ]);
  });
});

describe('every problem at once', () => {
  test('schema, assertion, placeholder and naming problems from one file together, in file order', () => {
    const { suite, problems } = loadSuite(
      'all.prompt.yaml',
      lines(
        'modelParameters:', //                  1
        '  temperature: "0.2"', //              2
        'messages:', //                         3
        '  - role: usr', //                     4
        '    content: Tell me about {{x}}', //  5
        'assert:', //                           6
        '  - startswith: A', //                 7
        'tests:', //                            8
        '  - name: a', //                       9
        '    repeat: 0', //                     10
        '  - name: a', //                       11
        '    vars: {x: 1}', //                  12
      ),
    );
    expect(suite).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:16 expected a number for temperature, got "0.2"',
      '4:11 "usr" is not a valid role; did you mean "user"?',
      '5:28 test "a": {{x}} has no value; add "x" to the test\'s vars or the file\'s vars',
      '7:5 unknown assertion type "startswith"; did you mean "starts-with"?',
      '10:13 repeat must be at least 1, got 0 (how many times each test is sampled)',
      '11:11 duplicate test name "a" (also used on line 9); give each test its own name: selecting tests and the results history find them by name',
    ]);
    expect(problems.filter((p) => p.file !== 'all.prompt.yaml' || p.severity !== 'error')).toEqual([]);
  });
});
