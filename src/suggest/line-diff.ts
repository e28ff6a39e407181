// A line diff of two versions of one prompt file: a unified diff `git apply` accepts, and the size
// of an edit. Prompt files are small, so a plain longest-common-subsequence table is enough.
import { commonEnds, splitLines } from './lines.js';

export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  /** The line with its terminator, if it has one. */
  text: string;
}

/** Above this many table cells the middle is shown as one removed block and one added block: still correct, just not minimal. */
const MAX_TABLE_CELLS = 4_000_000;

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const before = splitLines(oldText);
  const after = splitLines(newText);
  const { prefix, suffix } = commonEnds(before, after);
  const same = (text: string): DiffLine => ({ kind: 'same', text });
  const middle = lcsDiff(before.slice(prefix, before.length - suffix), after.slice(prefix, after.length - suffix));
  return [...before.slice(0, prefix).map(same), ...middle, ...before.slice(before.length - suffix).map(same)];
}

function lcsDiff(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_TABLE_CELLS || n === 0 || m === 0) {
    return [...before.map((text): DiffLine => ({ kind: 'removed', text })), ...after.map((text): DiffLine => ({ kind: 'added', text }))];
  }
  // lengths[i][j]: longest common subsequence of before[i..] and after[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        before[i] === after[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      lines.push({ kind: 'same', text: before[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      lines.push({ kind: 'removed', text: before[i++]! });
    } else {
      lines.push({ kind: 'added', text: after[j++]! });
    }
  }
  while (i < n) lines.push({ kind: 'removed', text: before[i++]! });
  while (j < m) lines.push({ kind: 'added', text: after[j++]! });
  return lines;
}

/**
 * `--- a/file`, `+++ b/file` and hunks with `context` lines around each change, in the form
 * `git apply` reads (a line without a final newline is followed by `\ No newline at end of file`).
 * Empty when the texts are equal.
 */
export function unifiedDiff(file: string, oldText: string, newText: string, context = 3): string {
  const lines = diffLines(oldText, newText);
  const changed = lines.map((line, index) => (line.kind === 'same' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';

  // Group changes whose context would touch or overlap into one hunk.
  const hunks: { from: number; to: number }[] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last.to + 1) last.to = to;
    else hunks.push({ from, to });
  }

  // Old and new line numbers at the start of each diff line.
  const oldNumber: number[] = [];
  const newNumber: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const line of lines) {
    oldNumber.push(oldLine);
    newNumber.push(newLine);
    if (line.kind !== 'added') oldLine++;
    if (line.kind !== 'removed') newLine++;
  }

  const out = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of hunks) {
    const body = lines.slice(hunk.from, hunk.to + 1);
    const oldCount = body.filter((line) => line.kind !== 'added').length;
    const newCount = body.filter((line) => line.kind !== 'removed').length;
    // An empty side is numbered by the line before it (0 at the top of the file), as diff(1) does.
    const oldStart = oldCount === 0 ? oldNumber[hunk.from]! - 1 : oldNumber[hunk.from]!;
    const newStart = newCount === 0 ? newNumber[hunk.from]! - 1 : newNumber[hunk.from]!;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const line of body) {
      const sign = line.kind === 'same' ? ' ' : line.kind === 'removed' ? '-' : '+';
      if (line.text.endsWith('\n')) {
        out.push(sign + line.text.slice(0, -1));
      } else {
        out.push(sign + line.text, '\\ No newline at end of file');
      }
    }
  }
  return out.join('\n') + '\n';
}

/**
 * Characters removed plus characters added, counted inside each changed block after dropping what
 * the block's old and new text share at both ends: a one-word fix costs about one word, a rewrite
 * costs the file.
 */
export function editSize(oldText: string, newText: string): number {
  let size = 0;
  let removed = '';
  let added = '';
  const flush = () => {
    size += blockSize(removed, added);
    removed = '';
    added = '';
  };
  for (const line of diffLines(oldText, newText)) {
    if (line.kind === 'same') flush();
    else if (line.kind === 'removed') removed += line.text;
    else added += line.text;
  }
  flush();
  return size;
}

function blockSize(removed: string, added: string): number {
  let start = 0;
  while (start < removed.length && start < added.length && removed[start] === added[start]) start++;
  let end = 0;
  while (end < removed.length - start && end < added.length - start && removed[removed.length - 1 - end] === added[added.length - 1 - end]) end++;
  return removed.length - start - end + (added.length - start - end);
}
