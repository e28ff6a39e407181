import { describe, expect, it } from 'vitest';
import { SUPPORT_REPLY_PATCH } from '../fixtures/github/prompt-pull-request.js';
import { diffLineAtPosition, findDiffLine, parsePatch } from './lib/diff-hunks.js';

describe('parsePatch', () => {
  const patch = parsePatch(SUPPORT_REPLY_PATCH);

  it('reads the three hunks of the fixture with their ranges', () => {
    expect(patch.hunks.map((hunk) => [hunk.oldStart, hunk.oldCount, hunk.newStart, hunk.newCount])).toEqual([
      [3, 14, 3, 15],
      [19, 6, 20, 7],
      [36, 3, 38, 8],
    ]);
  });

  it('makes added and context lines commentable on the RIGHT, removed and context lines on the LEFT', () => {
    const right = (line: number) => findDiffLine(patch, 'RIGHT', line)?.kind;
    const left = (line: number) => findDiffLine(patch, 'LEFT', line)?.kind;

    expect([right(3), right(6), right(14), right(17), right(18), right(23), right(30), right(45), right(46)]).toEqual([
      'context',
      'added',
      'added',
      'context',
      undefined,
      'added',
      undefined,
      'added',
      undefined,
    ]);
    expect([left(6), left(13), left(16), left(17), left(24), left(38), left(39)]).toEqual([
      'removed',
      'removed',
      'context',
      undefined,
      'context',
      'context',
      undefined,
    ]);
  });

  it('counts positions from the first hunk header, later headers included', () => {
    // Position 18 is the second "@@" header itself; 19 is the line below it (new line 20).
    expect(diffLineAtPosition(patch, 1)?.newLine).toBe(3);
    expect(diffLineAtPosition(patch, 18)).toBeUndefined();
    expect(diffLineAtPosition(patch, 19)?.newLine).toBe(20);
  });

  it('takes a one-line hunk header without counts and skips "no newline" markers', () => {
    const single = parsePatch('@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file');
    expect(single.lines.map((line) => [line.kind, line.oldLine, line.newLine])).toEqual([
      ['removed', 1, undefined],
      ['added', undefined, 1],
    ]);
  });

  it('throws on a line that is not part of a hunk', () => {
    expect(() => parsePatch('+orphan')).toThrow(/comes before any @@ hunk header/);
  });
});
