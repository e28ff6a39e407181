import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../src/review/diff.js';

const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);

describe('parsePatch', () => {
  it('reads several hunks: context and added lines are commentable, removed lines are not', () => {
    const patch = [
      '@@ -3,6 +3,7 @@ messages:',
      '   - role: system',
      '     content: |',
      '-      You are terse.',
      '+      You are the support assistant for {{shop}}.',
      '+      Be brief.',
      '   - role: user',
      '     content: "{{question}}"',
      ' vars:',
      '@@ -20,4 +21,3 @@ tests:',
      '   - name: refund window',
      '-    repeat: 3',
      '     vars:',
      '       question: Can I get my money back?',
    ].join('\n');
    const parsed = parsePatch(patch);
    expect(sorted(parsed.right)).toEqual([3, 4, 5, 6, 7, 8, 9, 21, 22, 23]);
    expect(sorted(parsed.added)).toEqual([5, 6]);
    expect(parsed.hunks).toEqual([
      { start: 3, end: 9 },
      { start: 21, end: 23 },
    ]);
  });

  it('ignores "\\ No newline at end of file" and counts the replaced last line once', () => {
    const patch = ['@@ -8,2 +8,2 @@', ' tests:', '-  - name: old', '\\ No newline at end of file', '+  - name: new', '\\ No newline at end of file'].join('\n');
    const parsed = parsePatch(patch);
    expect(sorted(parsed.right)).toEqual([8, 9]);
    expect(sorted(parsed.added)).toEqual([9]);
  });

  it('a deletions-only hunk offers no new-file line of its own, only its context', () => {
    const patch = ['@@ -10,5 +10,2 @@ assert:', '   - max-words: 80', '-  - not-icontains: "as an ai"', '-  - max-length: 900', '-  - contains: x', ' tests:'].join('\n');
    const parsed = parsePatch(patch);
    expect(sorted(parsed.right)).toEqual([10, 11]);
    expect(parsed.added.size).toBe(0);
  });

  it('a hunk that only removes lines, without context, has no commentable line', () => {
    const parsed = parsePatch(['@@ -5,2 +4,0 @@', '-  - max-length: 900', '-  - contains: x'].join('\n'));
    expect(parsed.right.size).toBe(0);
    expect(parsed.added.size).toBe(0);
    expect(parsed.hunks).toEqual([]);
  });

  it('a new file: every line is added', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `+line ${i + 1}`);
    const parsed = parsePatch(['@@ -0,0 +1,20 @@', ...lines].join('\n'));
    const oneToTwenty = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    expect(sorted(parsed.right)).toEqual(oneToTwenty);
    expect(sorted(parsed.added)).toEqual(oneToTwenty);
  });

  it('a count left out of the header means one line', () => {
    const parsed = parsePatch(['@@ -7 +7 @@', '-model: gpt-4o-mini', '+model: gpt-4.1-mini'].join('\n'));
    expect(sorted(parsed.right)).toEqual([7]);
    expect(sorted(parsed.added)).toEqual([7]);
  });

  it('treats an empty line inside a hunk as a blank context line, and stops at the announced count', () => {
    // Some tools trim the single space of a blank context line; a trailing newline must not add a line.
    const parsed = parsePatch('@@ -1,3 +1,4 @@\n name: a\n\n+model: b\n tests:\n');
    expect(sorted(parsed.right)).toEqual([1, 2, 3, 4]);
    expect(sorted(parsed.added)).toEqual([3]);
  });

  it('accepts CRLF line endings and skips a full diff header before the first hunk', () => {
    const parsed = parsePatch('diff --git a/x b/x\r\n--- a/x\r\n+++ b/x\r\n@@ -1,1 +1,2 @@\r\n a\r\n+b\r\n');
    expect(sorted(parsed.right)).toEqual([1, 2]);
    expect(sorted(parsed.added)).toEqual([2]);
  });

  it('an absent patch (binary or too large file) has no lines', () => {
    const parsed = parsePatch(undefined);
    expect(parsed.right.size).toBe(0);
    expect(parsed.added.size).toBe(0);
  });
});
