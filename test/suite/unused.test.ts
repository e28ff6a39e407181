// A misindented `assert:` nested under `vars:` used to become a variable: the file was "valid" and
// its tests, with nothing to check, passed whatever the model said. Variables no placeholder reads
// and tests without assertions are now reported before any call.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadSuiteFast } from '../../src/suite/fast/load-fast.js';
import { loadSuitePrecisely } from '../../src/suite/load.js';
import { lines, loadSuite, problemsOf } from './load-helpers.js';

const ASK = ['model: m', 'messages:', '  - role: user', '    content: "{{question}}"'];

describe('a key indented under vars:', () => {
  test('`assert:` under a test’s vars is an error at the key, saying to move it left, and the test is not valid', () => {
    const text = lines(
      ...ASK, //                           1-4
      'tests:', //                         5
      '  - name: refund', //               6
      '    vars:', //                      7
      '      question: Can I return it?', // 8
      '      assert:', //                  9
      '        - contains: 30 days', //    10
    );
    expect(problemsOf(text)).toEqual([
      '9:7 error: "assert" is indented under `vars:`, so it is a variable of test "refund" that no placeholder uses, not the test\'s `assert`: move it left to line up with `vars:`',
    ]);
    expect(loadSuite('test.prompt.yaml', text).suite).toBeUndefined();
  });

  test('the file’s `tests:` under its vars: one error, and no warning about tests without assertions', () => {
    expect(
      problemsOf(
        lines(
          ...ASK, //                        1-4
          'vars:', //                       5
          '  question: hi', //              6
          '  tests:', //                    7
          '    - name: a', //               8
          'assert:', //                     9
          '  - contains: x', //             10
        ),
      ),
    ).toEqual([
      '7:3 error: "tests" is indented under `vars:`, so it is a variable of the file that no placeholder uses, not the file\'s `tests`: move it left to line up with `vars:`',
    ]);
    expect(problemsOf(lines(...ASK, 'vars:', '  question: hi', '  assert:', '    - contains: x', 'tests:', '  - name: a', '  - name: b'))).toEqual([
      '7:3 error: "assert" is indented under `vars:`, so it is a variable of the file that no placeholder uses, not the file\'s `assert`: move it left to line up with `vars:`',
    ]);
  });

  test('a variable named like a key is fine when a placeholder uses it, and only a warning when the test has that key itself', () => {
    expect(problemsOf(lines('messages:', '  - role: user', '    content: "Hi {{name}}"', 'tests:', '  - vars: {name: Ann}', '    assert: [{contains: Ann}]'))).toEqual([]);
    expect(problemsOf(lines(...ASK, 'tests:', '  - name: a', '    vars: {question: q, name: b}', '    assert: [{contains: x}]'))).toEqual([
      '7:25 warning: test "a": variable "name" is not used: no placeholder {{name}} in the messages or the test\'s assertions; use it, or remove it',
    ]);
  });
});

describe('variables no placeholder uses', () => {
  test('a test’s variable used nowhere is a warning at its key; used in the test’s own assertion, it is used', () => {
    expect(
      problemsOf(
        lines(
          ...ASK, //                                     1-4
          'tests:', //                                   5
          '  - name: a', //                              6
          '    vars:', //                                7
          '      question: q', //                        8
          '      policy: 30 days', //                    9
          '      tone: warm', //                         10
          '    assert:', //                              11
          '      - contains: "{{policy}}"', //           12
          '  - name: b', //                              13
          '    vars: {question: q, policy: 14 days}', // 14
          '    assert: [{contains: x}]', //              15
        ),
      ),
    ).toEqual([
      '10:7 warning: test "a": variable "tone" is not used: no placeholder {{tone}} in the messages or the test\'s assertions; use it, or remove it',
      // Another test's assertion does not use this test's value.
      '14:25 warning: test "b": variable "policy" is not used: no placeholder {{policy}} in the messages or the test\'s assertions; use it, or remove it',
    ]);
  });

  test('one warning for a variable that every test sets and none uses', () => {
    expect(problemsOf(lines(...ASK, 'assert: [{contains: x}]', 'tests:', '  - vars: {question: a, note: x}', '  - vars: {question: b, note: y}'))).toEqual([
      '7:25 warning: variable "note" is set in 2 tests and used in none: no placeholder {{note}} in the messages or their assertions; use it, or remove it',
    ]);
  });

  test('the file’s variables count as used by any placeholder, in the messages or any test’s assertions', () => {
    expect(
      problemsOf(
        lines(
          ...ASK, //                                1-4
          'vars:', //                               5
          '  question: q', //                       6
          '  company: Acme', //                     7
          '  unused: 1', //                         8
          'tests:', //                              9
          '  - assert: [{contains: "{{company}}"}]', // 10
        ),
      ),
    ).toEqual(['8:3 warning: variable "unused" is not used: no placeholder {{unused}} in the messages or the assertions; use it, or remove it']);
  });

  test('a placeholder inside a variable, or a flat key spelled with dots, uses it', () => {
    expect(
      problemsOf(
        lines(
          'messages:',
          '  - role: user',
          '    content: "{{user.name}} {{a.b}} {{c.d}}"',
          'tests:',
          '  - vars: {user: {name: Ann}, a.b: flat, c: {d: 1}}',
          '    assert: [{contains: Ann}]',
        ),
      ),
    ).toEqual([]);
  });

  test('GitHub Models rows carry values for evaluators, which no placeholder need show', () => {
    const text = readFileSync('test/fixtures/gh-models/examples_sample_prompt.yml', 'utf8');
    expect(text).toMatch(/expected:/);
    expect(loadSuite('sample.prompt.yml', text).problems).toEqual([]);
  });
});

describe('tests without an assertion', () => {
  test('a test with nothing to check is a warning at the test', () => {
    expect(problemsOf(lines(...ASK, 'tests:', '  - name: a', '    vars: {question: q}', '    assert: [{contains: x}]', '  - name: b', '    vars: {question: q}'))).toEqual([
      '9:5 warning: test "b" has no assertion, so any answer passes; add `assert:` to it',
    ]);
  });

  test('one warning when no test has one; none when the file’s assertions apply to every test', () => {
    expect(problemsOf(lines(...ASK, 'tests:', '  - vars: {question: a}', '  - vars: {question: b}'))).toEqual([
      '5:1 warning: none of the 2 tests has an assertion, so any answer passes; add `assert:` to each test, or to the file for all of them',
    ]);
    expect(problemsOf(lines(...ASK, 'assert: [{contains: x}]', 'tests:', '  - vars: {question: a}'))).toEqual([]);
  });

  test('a file without tests: is its own test', () => {
    expect(problemsOf(lines(...ASK, 'vars:', '  question: q'))).toEqual(['5:1 warning: this file has no assertion, so any answer passes; add `assert:`']);
  });
});

describe('the fast loader', () => {
  test('reports these warnings itself, exactly as the precise loader does', () => {
    const text = lines(...ASK, 'tests:', '  - vars: {question: a, note: x}', '  - name: b', '    vars:', '      question: b', '    assert: [{contains: x}]');
    const fast = loadSuiteFast('a.prompt.yaml', text);
    expect(fast?.problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      '6:5 test "test 1" has no assertion, so any answer passes; add `assert:` to it',
      '6:25 test "test 1": variable "note" is not used: no placeholder {{note}} in the messages or the test\'s assertions; use it, or remove it',
    ]);
    expect(fast).toStrictEqual(loadSuitePrecisely('a.prompt.yaml', text));
  });

  test('leaves an error, such as `assert:` under vars:, to the precise loader', () => {
    expect(loadSuiteFast('a.prompt.yaml', lines(...ASK, 'tests:', '  - vars:', '      question: q', '      assert: [{contains: x}]'))).toBeUndefined();
  });
});
