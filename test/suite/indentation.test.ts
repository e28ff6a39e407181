// An indentation mistake used to come back as yaml's raw errors ("All mapping items must start at
// the same column", "A block sequence may not be used as an implicit map key" and two more on the
// same line), at column 1, hiding every other problem of the file. Now each mistake is said once,
// at the line and column to edit, in the file's own terms, and the rest of the file is still checked.
import { describe, expect, test } from 'vitest';
import { lines, loadSuite, problemsOf } from './load-helpers.js';

const HEAD = [
  'model: m', //                  1
  'messages:', //                 2
  '  - role: user', //            3
  '    content: "{{question}}"', // 4
  'tests:', //                    5
  '  - name: refund', //          6
  '    vars:', //                 7
  '      question: Returns?', //  8
];

describe('a key out of line with its siblings', () => {
  test('indented one space too far: said at the key, with the column its siblings start at, and the rest of the file still checked', () => {
    const text = lines(
      ...HEAD, //                               1-8
      '     assert:', //                        9
      '      - contains: 30 days', //           10
      '  - name: other', //                     11
      '    vars: {question: q, tone: warm}', // 12
      '    assert:', //                         13
      '      - contians: x', //                 14
    );
    expect(problemsOf(text)).toEqual([
      '9:6 error: `assert:` is indented 5 spaces but the other keys of this test start at column 5 (4 spaces): line it up with `vars:` on line 7',
      '12:25 warning: test "other": variable "tone" is not used: no placeholder {{tone}} in the messages or the test\'s assertions; use it, or remove it',
      '14:9 error: unknown assertion type "contians"; did you mean "contains"?',
    ]);
    expect(loadSuite('test.prompt.yaml', text).suite).toBeUndefined();
  });

  test('indented too little, or too far after a value', () => {
    expect(problemsOf(lines(...HEAD, '   assert:', '      - contains: x'))).toEqual([
      '9:4 error: `assert:` is indented 3 spaces but the other keys of this test start at column 5 (4 spaces): line it up with `vars:` on line 7',
    ]);
    // Deeper than `question:` after its value: yaml blames line 8; the key to move is on line 9.
    expect(problemsOf(lines(...HEAD, '       assert:', '      - contains: x'))).toEqual([
      '9:8 error: `assert:` is indented 7 spaces but the other keys of this test start at column 5 (4 spaces): line it up with `vars:` on line 7',
    ]);
  });

  test('a top-level key indented by a space; nothing is reported at the line once moved', () => {
    // Moved to the top level, `model:` would also be a duplicate of line 1: not said, the move is ours.
    expect(problemsOf(lines(...HEAD, '    assert: [{contains: x}]', ' model: other'))).toEqual([
      '10:2 error: `model:` is indented 1 space but the other top-level keys start at column 1 (no spaces): line it up with `tests:` on line 5',
    ]);
  });

  test('the first key of a mapping out of line with the ones after it', () => {
    expect(problemsOf(lines('model: m', 'modelParameters:', ' temperature: 0', '  maxTokens: 50', '  seed: 1', ...HEAD.slice(1), '    assert: [{contains: x}]'))).toEqual([
      '3:2 error: `temperature:` is indented 1 space but the next keys of `modelParameters:` start at column 3 (2 spaces): line it up with `maxTokens:` on line 4',
    ]);
  });
});

describe('a list item out of line', () => {
  test('a list item where keys belong: one message instead of yaml’s three', () => {
    expect(problemsOf(lines(...HEAD, '      - contains: 30 days'))).toEqual([
      '9:7 error: a list item here belongs under a key: is `assert:` missing above it, or is it indented too far?',
    ]);
    expect(problemsOf(lines(...HEAD, '    - contains: 30 days'))).toEqual([
      '9:5 error: a list item here belongs under a key: is `assert:` missing above it, or is it indented too far?',
    ]);
  });

  test('an item indented less or more than the list’s other items', () => {
    const list = [...HEAD, '    assert:', '      - contains: a']; // 1-10
    expect(problemsOf(lines(...list, '     - contains: b'))).toEqual([
      '11:6 error: this list item is indented 5 spaces but the other items of `assert:` start at column 7 (6 spaces): line it up with the `-` on line 10',
    ]);
    expect(problemsOf(lines(...list, '        - contains: b'))).toEqual([
      '11:9 error: this list item is indented 8 spaces but the other items of `assert:` start at column 7 (6 spaces): line it up with the `-` on line 10',
    ]);
  });

  test('a whole test indented a space too little is one mistake, and problems inside it are still found where they are', () => {
    expect(
      problemsOf(
        lines(
          ...HEAD, //                      1-8
          '    assert: [{contains: x}]', // 9
          ' - name: two', //               10
          '   vars: {question: q}', //     11
          '   assert:', //                 12
          '     - contians: x', //         13
        ),
      ),
    ).toEqual([
      '10:2 error: this list item is indented 1 space but the other items of `tests:` start at column 3 (2 spaces): line it up with the `-` on line 6',
      '13:8 error: unknown assertion type "contians"; did you mean "contains"?',
    ]);
  });
});

describe('more than one mistake, and other mistakes', () => {
  test('each mistake is said once', () => {
    expect(
      problemsOf(
        lines(
          ...HEAD, //                 1-8
          '     assert:', //          9
          '      - contains: x', //   10
          '  - name: two', //         11
          '    vars:', //             12
          '      question: q', //     13
          '   assert:', //            14
          '      - contains: y', //   15
        ),
      ),
    ).toEqual([
      '9:6 error: `assert:` is indented 5 spaces but the other keys of this test start at column 5 (4 spaces): line it up with `vars:` on line 7',
      '14:4 error: `assert:` is indented 3 spaces but the other keys of this test start at column 5 (4 spaces): line it up with `vars:` on line 12',
    ]);
  });

  test('a line of a `content: |` text indented less than the text', () => {
    expect(
      problemsOf(
        lines(
          'model: m', //                                  1
          'messages:', //                                 2
          '  - role: system', //                          3
          '    content: |', //                            4
          '      You answer questions about returns.', // 5
          '     Keep it short.', //                       6
          '  - role: user', //                            7
          '    content: "{{question}}"', //               8
          'tests:', //                                    9
          '  - vars: {question: q}', //                   10
          '    assert: [{contains: x}]', //               11
        ),
      ),
    ).toEqual([
      '6:6 error: this line is indented 5 spaces, less than the lines of the `content:` text above it (6 spaces), so the text ends before it: line it up with line 5',
    ]);
  });

  test('a syntax error that is not about indentation keeps yaml’s words', () => {
    const problems = problemsOf(lines(...HEAD, '    assert', '      - contains: x'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^9:5 error: YAML syntax error: /);
  });
});
