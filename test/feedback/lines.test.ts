import { describe, expect, it } from 'vitest';
import { changedLineRange, replaceLines, splitLines } from '../../src/suggest/index.js';
import { editLines, randomLines, seededRandom } from './random-texts.js';

describe('splitLines', () => {
  it('keeps each line terminator with its line, and a final newline ends the last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a\n', 'b\n']);
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('a\r\n\r\nb')).toEqual(['a\r\n', '\r\n', 'b']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['\n']);
  });
});

describe('changedLineRange', () => {
  const cases: [string, string, string, { start: number; end: number; replacement: string }][] = [
    ['one line changed', 'a\nb\nc\n', 'a\nB\nc\n', { start: 2, end: 2, replacement: 'B\n' }],
    ['a line inserted in the middle takes in the line above', 'a\nb\nc\n', 'a\nb\nX\nc\n', { start: 2, end: 2, replacement: 'b\nX\n' }],
    ['a line inserted at the top takes in the line below', 'a\nb\n', 'X\na\nb\n', { start: 1, end: 1, replacement: 'X\na\n' }],
    ['a line appended at the end', 'a\nb\n', 'a\nb\nc\n', { start: 2, end: 2, replacement: 'b\nc\n' }],
    ['a line deleted', 'a\nb\nc\n', 'a\nc\n', { start: 2, end: 2, replacement: '' }],
    ['no final newline', 'a\nb', 'a\nB', { start: 2, end: 2, replacement: 'B' }],
    ['a final newline added', 'a\nb', 'a\nb\n', { start: 2, end: 2, replacement: 'b\n' }],
    ['CRLF line endings', 'a\r\nb\r\n', 'a\r\nB\r\n', { start: 2, end: 2, replacement: 'B\r\n' }],
    ['two edits far apart make one range', 'a\nb\nc\nd\n', 'A\nb\nc\nD\n', { start: 1, end: 4, replacement: 'A\nb\nc\nD\n' }],
    ['no change at all', 'a\nb\n', 'a\nb\n', { start: 2, end: 2, replacement: 'b\n' }],
  ];
  for (const [title, oldText, newText, expected] of cases) {
    it(title, () => {
      expect(changedLineRange(oldText, newText)).toEqual(expected);
      expect(replaceLines(oldText, expected.start, expected.end, expected.replacement)).toBe(newText);
    });
  }

  it('reproduces the new text byte for byte for many random edits (with and without a final newline, LF and CRLF)', () => {
    const random = seededRandom(20260101);
    for (let round = 0; round < 2000; round++) {
      const ending = random() < 0.2 ? '\r\n' : '\n';
      const before = randomLines(random);
      const after = editLines(random, before);
      const oldText = before.join(ending) + (random() < 0.7 ? ending : '');
      const newText = after.join(ending) + (random() < 0.7 ? ending : '');
      const range = changedLineRange(oldText, newText);
      expect(replaceLines(oldText, range.start, range.end, range.replacement), `round ${round}`).toBe(newText);
      // The range covers at least one line of the old file, and only lines it has (an empty file has none).
      if (oldText === '') continue;
      expect(range.start).toBeGreaterThanOrEqual(1);
      expect(range.end).toBeGreaterThanOrEqual(range.start);
      expect(range.end).toBeLessThanOrEqual(oldText.split(/(?<=\n)/).filter((line) => line !== '').length);
    }
  });
});
