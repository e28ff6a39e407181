// Where a review comment lands in the pull request's diff, and GitHub's reasons for refusing one:
// the path must be a file of the pull request; a line comment's (side, line) must be a line of one
// of that file's hunks; a multi-line comment's start must lie in the same hunk, before its end.
import type { DoubleStore } from './double-store.js';
import {
  diffHunkUpTo,
  diffLineAtPosition,
  diffLineText,
  findDiffLine,
  lineNumberOn,
  sideOf,
  type DiffSide,
} from './diff-hunks.js';

export interface CommentPlacement {
  path: string;
  line?: number;
  side?: string;
  start_line?: number;
  start_side?: string;
  position?: number;
  subject_type?: string;
}

export interface Anchor {
  path: string;
  subject_type: 'line' | 'file';
  line: number | null;
  side: DiffSide | null;
  start_line: number | null;
  start_side: DiffSide | null;
  position: number | null;
  diff_hunk: string;
  /** Text of the commented line, to notice a later push that changes it. */
  anchorText: string;
}

export type AnchorRefusal =
  | 'path-not-in-pull-request'
  | 'line-not-in-diff'
  | 'invalid-side'
  | 'start-line-not-in-same-hunk'
  | 'start-line-not-before-line';

export type AnchorResult = { ok: true; anchor: Anchor } | { ok: false; refusal: AnchorRefusal };

function parseSide(side: string | undefined, fallback: DiffSide): DiffSide | undefined {
  if (side === undefined) return fallback;
  return side === 'LEFT' || side === 'RIGHT' ? side : undefined;
}

export function anchorComment(store: DoubleStore, placement: CommentPlacement): AnchorResult {
  const file = store.file(placement.path);
  if (!file) return { ok: false, refusal: 'path-not-in-pull-request' };
  const patch = store.patchOf(placement.path);
  const firstHunk = patch?.hunks[0]?.header ?? '';

  if (placement.subject_type === 'file') {
    return {
      ok: true,
      anchor: {
        path: placement.path,
        subject_type: 'file',
        line: null,
        side: null,
        start_line: null,
        start_side: null,
        position: null,
        diff_hunk: firstHunk,
        anchorText: '',
      },
    };
  }
  // Binary and oversized files have no patch, so no line of theirs can take a comment.
  if (!patch) return { ok: false, refusal: 'line-not-in-diff' };

  if (placement.line === undefined && placement.position !== undefined) {
    const target = diffLineAtPosition(patch, placement.position);
    if (!target) return { ok: false, refusal: 'line-not-in-diff' };
    const side = sideOf(target);
    return {
      ok: true,
      anchor: {
        path: placement.path,
        subject_type: 'line',
        line: lineNumberOn(target, side) ?? null,
        side,
        start_line: null,
        start_side: null,
        position: target.position,
        diff_hunk: diffHunkUpTo(patch, target),
        anchorText: diffLineText(patch, target),
      },
    };
  }
  if (placement.line === undefined) return { ok: false, refusal: 'line-not-in-diff' };

  const side = parseSide(placement.side, 'RIGHT');
  if (!side) return { ok: false, refusal: 'invalid-side' };
  const target = findDiffLine(patch, side, placement.line);
  if (!target) return { ok: false, refusal: 'line-not-in-diff' };

  let startLine: number | null = null;
  let startSide: DiffSide | null = null;
  if (placement.start_line !== undefined) {
    const parsedStartSide = parseSide(placement.start_side, side);
    if (!parsedStartSide) return { ok: false, refusal: 'invalid-side' };
    const start = findDiffLine(patch, parsedStartSide, placement.start_line);
    if (!start || start.hunkIndex !== target.hunkIndex) return { ok: false, refusal: 'start-line-not-in-same-hunk' };
    if (start.position >= target.position) return { ok: false, refusal: 'start-line-not-before-line' };
    startLine = placement.start_line;
    startSide = parsedStartSide;
  }
  return {
    ok: true,
    anchor: {
      path: placement.path,
      subject_type: 'line',
      line: placement.line,
      side,
      start_line: startLine,
      start_side: startSide,
      position: target.position,
      diff_hunk: diffHunkUpTo(patch, target),
      anchorText: diffLineText(patch, target),
    },
  };
}

/** The wording GitHub's "create a review" endpoint uses in its 422 `errors` array. */
export const REVIEW_REFUSAL_MESSAGES: Record<AnchorRefusal, string> = {
  'path-not-in-pull-request': 'Path could not be resolved',
  'line-not-in-diff': 'Line could not be resolved',
  'invalid-side': 'Pull request review thread side is not a valid diff side (LEFT or RIGHT)',
  'start-line-not-in-same-hunk': 'Pull request review thread start line must be part of the same hunk as the line.',
  'start-line-not-before-line': 'Pull request review thread start line must precede the end line.',
};

/** The field and message of the "Validation Failed" error of the single review-comment endpoint. */
export const COMMENT_REFUSAL_FIELDS: Record<AnchorRefusal, { field: string; message: string }> = {
  'path-not-in-pull-request': { field: 'path', message: 'path could not be resolved' },
  'line-not-in-diff': {
    field: 'pull_request_review_thread.line',
    message: 'pull_request_review_thread.line must be part of the diff',
  },
  'invalid-side': { field: 'pull_request_review_thread.side', message: 'side must be LEFT or RIGHT' },
  'start-line-not-in-same-hunk': {
    field: 'pull_request_review_thread.start_line',
    message: 'pull_request_review_thread.start_line must be part of the same hunk as the line.',
  },
  'start-line-not-before-line': {
    field: 'pull_request_review_thread.start_line',
    message: 'pull_request_review_thread.start_line must precede the end line.',
  },
};
