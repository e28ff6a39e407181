// YAML made to exhaust the reader: nesting deep enough to overflow the stack, and aliases that
// expand exponentially ("billion laughs"). Both are bad input, refused at their line and column in
// prompt files of either format and in the config file, never an internal error.
import { describe, expect, test } from 'vitest';
import { parseProjectConfig } from '../../src/settings/config.js';
import { MAX_NESTING } from '../../src/suite/nesting.js';
import { lines, problemsOf, suiteOf } from './load-helpers.js';

const NESTING_MESSAGE = `lists and mappings nest more than ${MAX_NESTING} levels deep here; promptgate reads at most ${MAX_NESTING} levels: flatten the structure`;
const ALIAS_MESSAGE = /^the aliases \(\*name\) in this file expand to too much data .*"billion laughs".*; write the values out, or use fewer aliases$/;

/** Nine anchors, each a list of nine aliases to the one before: 9^9 copies if expanded. */
const LAUGHS = [
  'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 8 }, (_, i) => `lol${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
];

/** A test whose `vars.deep` nests `levels` flow lists; the vars mapping is itself 4 levels down. */
function withNestedVar(levels: number): string {
  return lines(
    'messages:', //                         1
    '  - role: user', //                    2
    '    content: hi', //                   3
    'tests:', //                            4
    '  - name: deep', //                    5
    '    vars:', //                         6
    `      deep: ${'['.repeat(levels)}${']'.repeat(levels)}`, // 7
  );
}

describe('nesting', () => {
  test('a value nested up to the limit loads', () => {
    // Root mapping, tests, the test, vars: 4 levels before the lists.
    const suite = suiteOf(withNestedVar(MAX_NESTING - 4));
    let value: unknown = suite.tests[0]!.vars['deep'];
    let depth = 0;
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    expect(depth).toBe(MAX_NESTING - 4);
  });

  test('one level more is refused at the first list too deep', () => {
    // `      deep: ` is 12 characters; the 97th `[` is the 101st level.
    expect(problemsOf(withNestedVar(MAX_NESTING - 3))).toEqual([`7:${12 + MAX_NESTING - 3} error: ${NESTING_MESSAGE}`]);
  });

  test('ten thousand open brackets: one problem at the line, no stack overflow', () => {
    expect(problemsOf(`messages: ${'['.repeat(10_000)}\n`)).toEqual([`1:${11 + MAX_NESTING - 1} error: ${NESTING_MESSAGE}`]);
  });

  test('deep block nesting and deep flow mappings alike', () => {
    // Line n holds `- ` at column n, one level deeper than the line before: level n.
    const block = ['messages:', ...Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}- `)].join('\n') + '\n';
    expect(problemsOf(block)).toEqual([`${MAX_NESTING + 1}:${MAX_NESTING + 1} error: ${NESTING_MESSAGE}`]);
    expect(problemsOf(`messages: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`)).toEqual([`1:${11 + 4 * (MAX_NESTING - 1)} error: ${NESTING_MESSAGE}`]);
  });

  test('in a GitHub Models file', () => {
    const text = lines(
      'messages:', //                                  1
      '  - role: user', //                             2
      '    content: "{{input}}"', //                   3
      'testData:', //                                  4
      `  - input: ${'['.repeat(5_000)}`, //            5
    );
    expect(problemsOf(text, 'x.prompt.yml')).toEqual([`5:${12 + MAX_NESTING - 3} error: ${NESTING_MESSAGE}`]);
  });

  test('in the config file', () => {
    const { config, problems } = parseProjectConfig('promptgate.config.yaml', `model: gpt-4o\nprices: ${'{a: '.repeat(3_000)}\n`);
    expect(config).toEqual({});
    expect(problems).toEqual([
      { file: 'promptgate.config.yaml', line: 2, column: 9 + 4 * (MAX_NESTING - 1), severity: 'error', message: NESTING_MESSAGE },
    ]);
  });
});

describe('billion laughs', () => {
  test('in a prompt file: refused at the first alias', () => {
    const problems = problemsOf(lines('messages:', '  - role: user', '    content: hi', 'vars:', ...LAUGHS.map((line) => `  ${line}`)));
    expect(problems).toHaveLength(1);
    // The first alias is `*a0` on line 6, after `  lol1: &a1 [`.
    expect(problems[0]).toMatch(/^6:14 error: /);
    expect(problems[0]!.replace(/^6:14 error: /, '')).toMatch(ALIAS_MESSAGE);
  });

  test('in a GitHub Models file', () => {
    const problems = problemsOf(lines('messages:', '  - role: user', '    content: "{{input}}"', 'testData:', '  - input: x', ...LAUGHS), 'x.prompt.yml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^7:12 error: /);
    expect(problems[0]!.replace(/^7:12 error: /, '')).toMatch(ALIAS_MESSAGE);
  });

  test('in the config file: a problem at the first alias, not an exception', () => {
    const { config, problems } = parseProjectConfig('promptgate.config.yaml', lines('model: gpt-4o', ...LAUGHS));
    expect(config).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'promptgate.config.yaml', line: 3, column: 12, severity: 'error' });
    expect(problems[0]!.message).toMatch(ALIAS_MESSAGE);
  });
});
