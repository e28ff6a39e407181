// Reads the unified-diff `patch` GitHub returns for a pull-request file, to know which lines a
// review comment may be anchored on: GitHub only accepts lines that appear in a hunk, added or
// context lines on the RIGHT (new file) side, removed or context lines on the LEFT (old file).

export type DiffSide = 'LEFT' | 'RIGHT';

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  /** Line number in the old file (context and removed lines). */
  oldLine?: number;
  /** Line number in the new file (context and added lines). */
  newLine?: number;
  /** GitHub's legacy `position`: lines below the first `@@` header, later headers included. */
  position: number;
  hunkIndex: number;
  /** Index of this line in the patch text split on newlines. */
  patchIndex: number;
}

export interface DiffHunk {
  header: string;
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** Index of the `@@` header in the patch text split on newlines. */
  patchIndex: number;
}

export interface ParsedPatch {
  hunks: DiffHunk[];
  lines: DiffLine[];
  patchLines: string[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Throws with the offending patch line when the hunk counts disagree with the body (a hand-written fixture mistake). */
export function parsePatch(patch: string): ParsedPatch {
  const patchLines = patch.split('\n');
  // A trailing newline would otherwise read as one more (empty) context line.
  if (patchLines.length > 1 && patchLines[patchLines.length - 1] === '') patchLines.pop();
  const hunks: DiffHunk[] = [];
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let oldSeen = 0;
  let newSeen = 0;

  const checkHunkComplete = (): void => {
    const hunk = hunks[hunks.length - 1];
    if (hunk && (oldSeen !== hunk.oldCount || newSeen !== hunk.newCount)) {
      throw new Error(
        `patch hunk "${hunk.header}" announces -${hunk.oldCount} +${hunk.newCount} lines but has -${oldSeen} +${newSeen}`,
      );
    }
  };

  patchLines.forEach((text, patchIndex) => {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      checkHunkComplete();
      const hunk: DiffHunk = {
        header: text,
        oldStart: Number(header[1]),
        oldCount: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newCount: header[4] === undefined ? 1 : Number(header[4]),
        patchIndex,
      };
      hunks.push(hunk);
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      oldSeen = 0;
      newSeen = 0;
      return;
    }
    if (hunks.length === 0) throw new Error(`patch line ${patchIndex + 1} comes before any @@ hunk header: ${text}`);
    const position = patchIndex - (hunks[0]?.patchIndex ?? 0);
    const hunkIndex = hunks.length - 1;
    const marker = text[0];
    if (marker === '\\') return; // "\ No newline at end of file" belongs to the line above.
    if (marker === '+') {
      lines.push({ kind: 'added', newLine, position, hunkIndex, patchIndex });
      newLine += 1;
      newSeen += 1;
    } else if (marker === '-') {
      lines.push({ kind: 'removed', oldLine, position, hunkIndex, patchIndex });
      oldLine += 1;
      oldSeen += 1;
    } else if (marker === ' ' || text === '') {
      lines.push({ kind: 'context', oldLine, newLine, position, hunkIndex, patchIndex });
      oldLine += 1;
      newLine += 1;
      oldSeen += 1;
      newSeen += 1;
    } else {
      throw new Error(`patch line ${patchIndex + 1} starts with neither " ", "+", "-" nor "@@": ${text}`);
    }
  });
  checkHunkComplete();
  return { hunks, lines, patchLines };
}

/** The diff line a review comment on (side, line) is anchored to, if that line is commentable. */
export function findDiffLine(patch: ParsedPatch, side: DiffSide, line: number): DiffLine | undefined {
  return patch.lines.find((candidate) =>
    side === 'RIGHT'
      ? candidate.kind !== 'removed' && candidate.newLine === line
      : candidate.kind !== 'added' && candidate.oldLine === line,
  );
}

export function diffLineAtPosition(patch: ParsedPatch, position: number): DiffLine | undefined {
  return patch.lines.find((candidate) => candidate.position === position);
}

/** GitHub's `diff_hunk` of a review comment: the hunk from its header down to the commented line. */
export function diffHunkUpTo(patch: ParsedPatch, target: DiffLine): string {
  const hunk = patch.hunks[target.hunkIndex];
  if (!hunk) return '';
  return patch.patchLines.slice(hunk.patchIndex, target.patchIndex + 1).join('\n');
}

/** The side a diff line is shown on when a comment gives none: removed lines only exist on the LEFT. */
export function sideOf(line: DiffLine): DiffSide {
  return line.kind === 'removed' ? 'LEFT' : 'RIGHT';
}

export function lineNumberOn(line: DiffLine, side: DiffSide): number | undefined {
  return side === 'RIGHT' ? line.newLine : line.oldLine;
}

/** Text of a diff line without its +/-/space marker, to tell whether a later push changed it. */
export function diffLineText(patch: ParsedPatch, line: DiffLine): string {
  return (patch.patchLines[line.patchIndex] ?? '').slice(1);
}
