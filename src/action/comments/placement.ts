// Where a suggestion can go, given GitHub's rules for ```suggestion blocks: a block replaces exactly
// the lines of the comment it is in, and a reply sits on its thread's lines. So a reply works only
// when the edit lies inside the thread's lines; otherwise a new comment on the edited lines works
// when they are all in the diff, in one hunk; otherwise only a plain diff can be shown.
import { hunkOf, type ParsedPatch } from '../../review/diff.js';

/** Lines (new file, inclusive) a thread sits on; undefined for outdated, file-level or base-side threads. */
export interface ThreadLines {
  startLine: number;
  endLine: number;
}

export type SuggestionPlace =
  /** A reply in the thread, its suggestion covering the thread's lines. */
  | { kind: 'thread'; startLine: number; endLine: number }
  /** A new review comment on these lines, with a pointer to it in the thread. */
  | { kind: 'new-comment'; startLine: number; endLine: number }
  /** Not committable from the pull request page: show the change as a diff. */
  | { kind: 'diff' };

/** `changed`: the old (head) lines the edit replaces, as changedLineRange gives them. */
export function placeSuggestion(changed: { start: number; end: number }, thread: ThreadLines | undefined, patch: ParsedPatch | undefined): SuggestionPlace {
  // Only an edit of an empty file has no line to stand on.
  if (changed.end < changed.start) return { kind: 'diff' };
  if (thread && thread.startLine <= changed.start && changed.end <= thread.endLine) {
    return { kind: 'thread', startLine: thread.startLine, endLine: thread.endLine };
  }
  if (patch && inOneHunk(patch, changed.start, changed.end)) return { kind: 'new-comment', startLine: changed.start, endLine: changed.end };
  return { kind: 'diff' };
}

/** The lines of a comment that sits on the new file's lines of the current diff. */
export function threadLinesOf(comment: {
  line: number | null;
  startLine: number | null;
  side: string | null;
  startSide: string | null;
  subjectType: string;
}): ThreadLines | undefined {
  if (comment.subjectType === 'file' || comment.line === null || comment.side === 'LEFT') return undefined;
  // A range that starts on the old file's side mixes two files' numbering: no suggestion can cover it.
  if (comment.startLine !== null && comment.startSide === 'LEFT') return undefined;
  const startLine = comment.startLine ?? comment.line;
  return startLine <= comment.line ? { startLine, endLine: comment.line } : undefined;
}

function inOneHunk(patch: ParsedPatch, start: number, end: number): boolean {
  const hunk = hunkOf(patch, start);
  if (!hunk || end > hunk.end) return false;
  for (let line = start; line <= end; line++) if (!patch.right.has(line)) return false;
  return true;
}
