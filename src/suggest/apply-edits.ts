// Applies an editor's find/replace edits to a copy of the file. The edits come from a model, so
// each must name its spot without ambiguity: `find` occurs exactly once in the text as it stands
// when that edit is applied (edits apply in order).
import type { Edit } from './types.js';

export type Applied = { ok: true; text: string } | { ok: false; reason: string };

/** How much of a `find` a reason quotes: enough to recognise it. */
const QUOTED_CHARS = 80;

export function applyEdits(text: string, edits: Edit[]): Applied {
  let current = text;
  for (const [index, edit] of edits.entries()) {
    const which = edits.length > 1 ? `edit ${index + 1}: ` : '';
    if (edit.find === '') return { ok: false, reason: `${which}the find text is empty` };
    const first = current.indexOf(edit.find);
    if (first < 0) return { ok: false, reason: `${which}find text not in the file: ${quoted(edit.find)}` };
    const count = occurrences(current, edit.find);
    if (count > 1) {
      return { ok: false, reason: `${which}find text occurs ${count} times in the file, it must occur exactly once: ${quoted(edit.find)}` };
    }
    // Slicing, not String.replace: a `$&` or `$1` in the model's text must stay literal.
    current = current.slice(0, first) + edit.replace + current.slice(first + edit.find.length);
  }
  return { ok: true, text: current };
}

function occurrences(text: string, find: string): number {
  let count = 0;
  // Overlapping matches count: "aa" occurs twice in "aaa", and either could be the one meant.
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) count++;
  return count;
}

function quoted(text: string): string {
  const short = text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text;
  return JSON.stringify(short);
}
