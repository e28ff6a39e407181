// A YAML indentation mistake stops yaml from building the document, so its raw errors used to be
// all the user saw: three of them for one misplaced line, at column 1, and none of the file's other
// problems. Here each mistake is said once, in the file's own terms, and the rest of the file is
// still checked: the mistake is repaired in a copy of the text (the line, with the lines under it,
// moved to its siblings' column), and the copy is read as usual. A repair counts only when yaml,
// reading the copy, finds nothing wrong up to the lines it changed; nothing is reported at those lines.
import type { YAMLError } from 'yaml';
import type { Position, Problem } from '../types.js';
import { findIndentMistake } from './indentation.js';
import type { IndentRepair } from './indentation.js';
import { YamlSource } from './yaml-source.js';

/** Mistakes said one by one in a file; past these, yaml's own errors follow. */
const MAX_MISTAKES = 10;

/** Re-reading the whole text per mistake is cheap for a prompt file, not for a huge one. */
const MAX_REPAIR_CHARS = 1_000_000;

export interface Explained {
  /** The mistakes, in the user's terms. */
  mistakes: Problem[];
  /**
   * The lines the repairs changed: a problem found at one in the repaired text is not the user's,
   * unless the line only moved along with the mistake (by `shift` columns), when it is, moved back.
   */
  touched: Map<number, number | undefined>;
  /** The text with every explained mistake repaired, to be checked like any file. */
  source: YamlSource;
  /**
   * Some repair took lines out, so warnings about the file as a whole (a variable nothing uses, a
   * test without assertions) would be about the repaired text, not the user's.
   */
  removedLines: boolean;
}

/** The indentation mistakes behind yaml's errors, or undefined when none is found. */
export function explainIndentation(file: string, source: YamlSource): Explained | undefined {
  if (source.text.length > MAX_REPAIR_CHARS) return undefined;
  const mistakes: Problem[] = [];
  const touched = new Map<number, number | undefined>();
  let removedLines = false;
  let current = source;
  for (let round = 0; round < MAX_MISTAKES; round++) {
    const blocking = blockingErrors(current);
    if (blocking.length === 0) break;
    const firstLine = Math.min(...blocking.map((error) => current.positionAt(error.pos[0]).line));
    const mistake = findIndentMistake(current.text, firstLine);
    // A line already lined up once is not explained twice.
    if (!mistake || touched.has(mistake.line)) break;
    const accepted = confirmed(mistake.repairs);
    if (!accepted) break;
    mistakes.push(problemAt(file, { line: accepted.repair.line, column: accepted.repair.column }, accepted.repair.message));
    if (accepted.repair.removes) removedLines = true;
    for (const { line, shift } of accepted.repair.touched) {
      const before = touched.has(line) ? touched.get(line) : 0;
      touched.set(line, before === undefined || shift === undefined ? undefined : before + shift);
    }
    current = accepted.source;
  }
  if (mistakes.length === 0) return undefined;
  return { mistakes, touched, source: current, removedLines };
}

/**
 * The repair yaml confirms, with no error left up to the lines it changed, that leaves the fewest
 * errors after them (a test indented one space too few as a whole is one mistake, not one per
 * line); of equals, the likeliest.
 */
function confirmed(repairs: IndentRepair[]): { source: YamlSource; repair: IndentRepair } | undefined {
  let best: { source: YamlSource; repair: IndentRepair; errors: number } | undefined;
  for (const repair of repairs) {
    const source = new YamlSource(repair.text);
    const errors = blockingErrors(source);
    if (!errors.every((error) => isAfter(source, error, repair))) continue;
    if (!best || errors.length < best.errors) best = { source, repair, errors: errors.length };
    if (errors.length === 0) break;
  }
  return best;
}

/**
 * After the lines a repair changed: yaml places an error about a line either at that line or at
 * the value ending the line before, so an error in the last changed line's value is about a later line.
 */
function isAfter(source: YamlSource, error: YAMLError, repair: IndentRepair): boolean {
  const lastTouched = Math.max(...repair.touched.map((touch) => touch.line));
  const { line, column } = source.positionAt(error.pos[0]);
  if (line !== lastTouched) return line > lastTouched;
  const text = source.text.split('\n', line)[line - 1]!;
  return column > text.length - text.trimStart().length + 1;
}

function blockingErrors(source: YamlSource): YAMLError[] {
  // A duplicate key leaves a usable document; it is reported with the file's other problems.
  return source.doc.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
}

function problemAt(file: string, position: Position, message: string): Problem {
  return { file, line: position.line, column: position.column, severity: 'error', message };
}

/** A problem found in the repaired text, where the user will find it; undefined for one the repairs made. */
export function placeInOriginal(problem: Problem, touched: Explained['touched']): Problem | undefined {
  if (!touched.has(problem.line)) return problem;
  const shift = touched.get(problem.line);
  if (shift === undefined || problem.column - shift < 1) return undefined;
  return { ...problem, column: problem.column - shift };
}
