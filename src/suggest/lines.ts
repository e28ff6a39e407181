// Lines as GitHub numbers them: each line keeps its own terminator (`\n`, or `\r\n`), and a final
// newline ends the last line rather than starting an empty one. Keeping terminators inside the
// lines is what makes "replace lines a..b with this text" reproduce a file byte for byte.

/** `"a\nb\n"` → `["a\n", "b\n"]`; `"a\nb"` → `["a\n", "b"]`; `""` → `[]`. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Replaces lines `start..end` (1-based, inclusive) of `text` with `replacement`, taken as is:
 * whole lines with their terminators, or '' to delete the lines. `end = start - 1` inserts before `start`.
 */
export function replaceLines(text: string, start: number, end: number, replacement: string): string {
  const lines = splitLines(text);
  return lines.slice(0, start - 1).join('') + replacement + lines.slice(end).join('');
}

export interface ChangedLines {
  /** First old line replaced (1-based). */
  start: number;
  /** Last old line replaced (inclusive). */
  end: number;
  /** The new text for exactly those lines, terminators included: `replaceLines(old, start, end, replacement) === new`. */
  replacement: string;
}

/**
 * The smallest block of old lines whose replacement turns `oldText` into `newText`. A pure
 * insertion has no old line to replace, so it takes in the line above it (or below it, at the top):
 * a suggestion on GitHub must cover at least one line.
 */
export function changedLineRange(oldText: string, newText: string): ChangedLines {
  const before = splitLines(oldText);
  const after = splitLines(newText);
  const { prefix, suffix } = commonEnds(before, after);
  let start = prefix + 1;
  let end = before.length - suffix;
  let replacement = after.slice(prefix, after.length - suffix).join('');
  if (end < start) {
    if (prefix > 0) {
      start = prefix;
      replacement = before[prefix - 1]! + replacement;
    } else if (suffix > 0) {
      end = start;
      replacement += before[prefix]!;
    }
    // An empty old file has no line to anchor on: the range stays empty (end = start - 1).
  }
  return { start, end, replacement };
}

/** How many lines the two texts share at the start, and then at the end (never overlapping the start). */
export function commonEnds(before: readonly string[], after: readonly string[]): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  return { prefix, suffix };
}
