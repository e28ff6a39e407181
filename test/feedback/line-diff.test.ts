import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/suggest/apply-edits.js';
import { editSize, unifiedDiff } from '../../src/suggest/line-diff.js';
import { editLines, randomLines, seededRandom } from './random-texts.js';

describe('unifiedDiff', () => {
  it('shows a change with three lines of context', () => {
    const oldText = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ''].join('\n');
    const newText = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', ''].join('\n');
    expect(unifiedDiff('p.prompt.yaml', oldText, newText)).toBe(
      ['--- a/p.prompt.yaml', '+++ b/p.prompt.yaml', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    );
  });

  it('marks a last line without a newline, and numbers an empty side by the line before it', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nb\n')).toBe(['--- a/f', '+++ b/f', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
    expect(unifiedDiff('f', 'a\n', 'a\nb\n', 0)).toBe(['--- a/f', '+++ b/f', '@@ -1,0 +2,1 @@', '+b', ''].join('\n'));
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('f', 'a\n', 'a\n')).toBe('');
  });

  it('produces diffs that git apply turns into the new file, for many random edits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptgate-diff-'));
    try {
      const random = seededRandom(7);
      const patches: string[] = [];
      const expected: string[] = [];
      for (let round = 0; round < 30; round++) {
        const before = randomLines(random, 30);
        const after = editLines(random, before);
        const oldText = before.join('\n') + (random() < 0.8 ? '\n' : '');
        const newText = after.join('\n') + (random() < 0.8 ? '\n' : '');
        if (oldText === newText) continue;
        writeFileSync(join(dir, `f${round}.yaml`), oldText);
        patches.push(unifiedDiff(`f${round}.yaml`, oldText, newText));
        expected.push(`f${round}.yaml\u0000${newText}`);
      }
      writeFileSync(join(dir, 'all.patch'), patches.join(''));
      // One git process for every file keeps this fast; git checks every hunk's context and counts.
      execFileSync('git', ['apply', '--whitespace=nowarn', 'all.patch'], { cwd: dir, stdio: 'pipe' });
      for (const entry of expected) {
        const [name, newText] = entry.split('\u0000') as [string, string];
        expect(readFileSync(join(dir, name), 'utf8'), name).toBe(newText);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('editSize', () => {
  it('counts only the characters that changed inside each changed block', () => {
    expect(editSize('a\nb\nc\n', 'a\nbX\nc\n')).toBe(1);
    expect(editSize('a\nb\nc\n', 'a\nc\n')).toBe(2);
    // 7 + 10: the blocks share their final newline, which is not counted.
    expect(editSize('one\ntwo\n', 'three\nfour\n')).toBe(17);
    expect(editSize('same\n', 'same\n')).toBe(0);
  });
});

describe('applyEdits', () => {
  it('applies edits in order, each to the text the previous one left', () => {
    expect(applyEdits('alpha beta', [{ find: 'alpha', replace: 'gamma' }, { find: 'gamma beta', replace: 'done' }])).toEqual({ ok: true, text: 'done' });
  });

  it('keeps $ patterns in the replacement literal', () => {
    expect(applyEdits('price: X', [{ find: 'X', replace: "$& $1 $$ $'" }])).toEqual({ ok: true, text: "price: $& $1 $$ $'" });
  });

  it('rejects a find that is missing, repeated (overlaps included) or empty, naming the edit', () => {
    expect(applyEdits('abc', [{ find: 'x', replace: '' }])).toEqual({ ok: false, reason: 'find text not in the file: "x"' });
    expect(applyEdits('aaa', [{ find: 'aa', replace: '' }])).toEqual({ ok: false, reason: 'find text occurs 2 times in the file, it must occur exactly once: "aa"' });
    expect(applyEdits('abc', [{ find: 'a', replace: 'b' }, { find: 'b', replace: '' }])).toEqual({
      ok: false,
      reason: 'edit 2: find text occurs 2 times in the file, it must occur exactly once: "b"',
    });
    expect(applyEdits('abc', [{ find: '', replace: 'x' }])).toEqual({ ok: false, reason: 'the find text is empty' });
  });
});
