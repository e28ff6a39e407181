import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/report/problems.js';
import type { Problem } from '../../src/types.js';

const problems: Problem[] = [
  { file: 'prompts/b.prompt.yaml', line: 3, column: 5, message: 'unknown assertion type "contain"', severity: 'error' },
  { file: 'prompts/a.prompt.yaml', line: 10, column: 1, message: 'var "name" is never used', severity: 'warning' },
  { file: 'prompts/a.prompt.yaml', line: 2, column: 9, message: 'missing "messages"', severity: 'error' },
  { file: 'prompts/c.prompt.yml', line: 1, column: 1, message: 'file is empty', severity: 'error' },
];

describe('formatProblems', () => {
  it('prints one path:line:column line per problem, sorted, then a count', () => {
    expect(formatProblems(problems, { color: false })).toBe(
      [
        'prompts/a.prompt.yaml:2:9: error: missing "messages"',
        'prompts/a.prompt.yaml:10:1: warning: var "name" is never used',
        'prompts/b.prompt.yaml:3:5: error: unknown assertion type "contain"',
        'prompts/c.prompt.yml:1:1: error: file is empty',
        '3 errors, 1 warning in 3 files',
      ].join('\n'),
    );
  });

  it('sorts by column within a line and uses singular counts', () => {
    const sameLine: Problem[] = [
      { file: 'x.prompt.yaml', line: 4, column: 20, message: 'second', severity: 'error' },
      { file: 'x.prompt.yaml', line: 4, column: 3, message: 'first', severity: 'error' },
    ];
    expect(formatProblems(sameLine, { color: false })).toBe(
      'x.prompt.yaml:4:3: error: first\nx.prompt.yaml:4:20: error: second\n2 errors, 0 warnings in 1 file',
    );
  });

  it('does not reorder the caller’s array', () => {
    const copy = [...problems];
    formatProblems(problems, { color: false });
    expect(problems).toEqual(copy);
  });

  it('returns an empty string when there is nothing to report', () => {
    expect(formatProblems([], { color: false })).toBe('');
  });

  it('adds escape codes only when color is on', () => {
    const plain = formatProblems(problems, { color: false });
    const colored = formatProblems(problems, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31merror:\u001b[39m');
  });
});

describe('hidden characters in problems', () => {
  it('shows an escape sequence and a bidi override from a file as visible escapes', () => {
    const text = formatProblems([{ file: 'a\u202e.prompt.yaml', line: 2, column: 3, severity: 'error', message: 'unknown key "\u001b[2Jx"' }], { color: false });
    expect(text.split('\n')[0]).toBe('a\\u202e.prompt.yaml:2:3: error: unknown key "\\x1b[2Jx"');
  });
});
