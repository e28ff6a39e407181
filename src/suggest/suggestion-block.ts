// The text of a GitHub suggestion that turns the current file into the verified one. GitHub
// replaces the commented lines start..end with the block's lines, so the block must hold exactly
// the new text of those lines: the caller's range may be wider than the edit (unchanged lines then
// reappear as they are), but it must cover it.
import { hasHiddenChars } from '../report/control-chars.js';
import { fenceCode } from '../report/markdown-safe.js';
import { splitLines } from './lines.js';

export type SuggestionBlock = { ok: true; block: string; replacement: string } | { ok: false; reason: string };

export function suggestionBlock(oldText: string, newText: string, startLine: number, endLine: number): SuggestionBlock {
  const lines = splitLines(oldText);
  if (!Number.isInteger(startLine) || !Number.isInteger(endLine) || startLine < 1 || endLine < startLine || endLine > lines.length) {
    return { ok: false, reason: `lines ${startLine}-${endLine} are not lines of the file (it has ${lines.length})` };
  }
  const prefix = lines.slice(0, startLine - 1).join('');
  const suffix = lines.slice(endLine).join('');
  if (!newText.startsWith(prefix) || !newText.endsWith(suffix) || newText.length < prefix.length + suffix.length) {
    return { ok: false, reason: `the edit reaches outside lines ${startLine}-${endLine}` };
  }
  const replacement = newText.slice(prefix.length, newText.length - suffix.length);
  // GitHub's block holds whole lines; whether the last one ends in a newline cannot be expressed,
  // so the replaced lines and their replacement must agree on it (or the lines are deleted).
  const oldEndsLine = lines[endLine - 1]!.endsWith('\n');
  if (replacement !== '' && replacement.endsWith('\n') !== oldEndsLine) {
    return { ok: false, reason: oldEndsLine ? `the edit reaches outside lines ${startLine}-${endLine}` : 'the edit changes the newline at the end of the file' };
  }
  // A fence shows control and bidi characters as escapes, which would change the committed text;
  // left raw, they would be committed unseen. The caller shows such an edit as a diff instead.
  if (hasHiddenChars(replacement)) return { ok: false, reason: 'the new lines hold control or bidirectional-text characters' };
  return { ok: true, block: fenceCode(replacement, 'suggestion'), replacement };
}
