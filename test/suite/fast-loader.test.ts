import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { YAML_CORE_SCHEMA } from '../../src/suite/fast/core-schema.js';
import { loadSuiteFast } from '../../src/suite/fast/load-fast.js';
import { loadSuitePrecisely } from '../../src/suite/load.js';
import type { Suite } from '../../src/types.js';
import { SNIPPETS } from './equivalence/snippets.js';

describe('the fast loader’s schema', () => {
  test('reads plain scalars as the yaml package’s YAML 1.2 core schema does', () => {
    const text = '[1_000, 0o17, 0x1F, -0x1F, +12, -0, 007, -.5, .5, 1., 1e3, .inf, -.Inf, .NaN, 0b101, 2001-01-01, yes, True, FALSE, ~, null, "12", <<]';
    expect(load(text, { schema: YAML_CORE_SCHEMA })).toStrictEqual([
      '1_000', 15, 31, '-0x1F', 12, -0, 7, -0.5, 0.5, 1, 1000, Infinity, -Infinity, NaN, '0b101', '2001-01-01', 'yes', true, false, null, null, '12', '<<',
    ]);
  });
});

/** The spans of a snippet's tests and their assertions, from both loaders, which must agree. */
function spansOf(snippet: string): { tests: unknown[]; assertions: unknown[]; messages: unknown[] } {
  const text = SNIPPETS[snippet]!;
  const fast = loadSuiteFast('a.prompt.yaml', text);
  expect(fast).toBeDefined();
  expect(fast).toStrictEqual(loadSuitePrecisely('a.prompt.yaml', text));
  const suite: Suite = fast!.suite!;
  const at = (span: { end: { line: number; column: number } } | undefined) => span && `${span.end.line}:${span.end.column}`;
  return {
    tests: suite.tests.map((test) => at(test.span)),
    assertions: suite.tests.flatMap((test) => test.assert.map((assertion) => at(assertion.span))),
    messages: suite.messages.map((message) => [at(message.span), at(message.contentSpan)]),
  };
}

describe('spans end where yaml ends them', () => {
  test('comments after a block collection’s last value belong to it when deeper than the list they close into', () => {
    // Test a: the comment deeper than the test's keys joins it, the ones at or left of them do not.
    // Test b: comments at the assertion's `-` and at the test's keys stay inside its assert list.
    // Test c: a comment at the flush list's `-` stays inside the list.
    expect(spansOf('comments after the last value, at every indentation')).toEqual({
      tests: ['7:30', '18:22', '23:16'],
      assertions: ['15:31', '22:17'],
      messages: [['3:23', '3:23']],
    });
  });

  test('a block scalar ends on its last visible character, whatever follows', () => {
    expect(spansOf('a block scalar last, then comments')).toEqual({
      tests: ['15:12'],
      assertions: [],
      messages: [
        ['4:14', '4:14'],
        ['10:10', '10:10'],
      ],
    });
  });
});
