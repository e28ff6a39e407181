// Reads the `patch` field GitHub gives for each file of a pull request (unified-diff hunks, without
// the `diff --git`/`---`/`+++` header) into the lines a review comment may point at.
//
// Why this matters: GitHub rejects a WHOLE review (422, without saying which comment) when one
// comment targets a line outside the diff, so every anchor is checked against `right` first.

export interface ParsedPatch {
  /** Lines of the NEW file a review comment may target with side RIGHT (added or context lines inside hunks). */
  right: Set<number>;
  /** Lines of the new file that this PR added or changed. */
  added: Set<number>;
  /**
   * New-file line ranges (inclusive) of each hunk that shows at least one new-file line. A multi-line
   * comment must stay inside one hunk; two hunks can touch (diffs made with little context).
   */
  hunks?: LineRange[];
}

export interface LineRange {
  start: number;
  end: number;
}

// `@@ -12,5 +12,7 @@ optional section heading`; a count left out means 1.
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(patch: string | undefined): ParsedPatch {
  const parsed: ParsedPatch = { right: new Set(), added: new Set(), hunks: [] };
  if (patch === undefined) return parsed;

  // Counting down what the header announced tells where a hunk ends, so an empty line (a context
  // line whose leading space was trimmed by some tool) or trailing text is never misread.
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  let hunk: LineRange | undefined;
  for (const rawLine of patch.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const header = HUNK_HEADER.exec(line);
    if (header) {
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
      newLine = Number(header[3]);
      // A hunk that removes everything it shows has no new-file lines; `+4,0` names the line before it.
      hunk = undefined;
      continue;
    }
    if (oldLeft <= 0 && newLeft <= 0) continue;
    // "\ No newline at end of file" belongs to the line before it; it is not a line of either file.
    if (line.startsWith('\\')) continue;

    const marker = line[0];
    if (marker === '-') {
      oldLeft--;
      continue;
    }
    if (marker === '+') {
      parsed.added.add(newLine);
      newLeft--;
    } else {
      // Context (' ', or an empty line from a trimmed blank context line).
      oldLeft--;
      newLeft--;
    }
    parsed.right.add(newLine);
    if (hunk) {
      hunk.end = newLine;
    } else {
      hunk = { start: newLine, end: newLine };
      parsed.hunks!.push(hunk);
    }
    newLine++;
  }
  return parsed;
}

/** The hunk (new-file lines) holding `line`, if it is in the diff at all. */
export function hunkOf(patch: ParsedPatch, line: number): LineRange | undefined {
  if (!patch.right.has(line)) return undefined;
  return patch.hunks?.find((hunk) => hunk.start <= line && line <= hunk.end);
}
