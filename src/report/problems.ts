// Problems found before any model call, in the `path:line:column: severity: message` form that
// editors, terminals and GitHub's problem matchers turn into links.
import type { Problem } from '../types.js';
import { showControlChars } from './control-chars.js';
import { plural } from './numbers.js';
import { createPaint } from './style.js';

/**
 * One line per problem, sorted by file, line and column (errors before warnings at the same spot),
 * then a count line such as `2 errors, 1 warning in 3 files`. Empty string when there are none.
 */
export function formatProblems(problems: Problem[], options: { color: boolean }): string {
  if (problems.length === 0) return '';
  const paint = createPaint(options.color);
  const lines = [...problems].sort(compareProblems).map((problem) => {
    const where = paint('bold', `${locationOf(problem)}:`);
    const severity = problem.severity === 'error' ? paint('red', 'error:') : paint('yellow', 'warning:');
    // A message may quote what a file holds (a key, a value): its escapes must not reach the terminal.
    return `${where} ${severity} ${showControlChars(problem.message)}`;
  });
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const files = new Set(problems.filter((problem) => problem.file !== '').map((problem) => problem.file)).size;
  lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`);
  return lines.join('\n');
}

/** Problems about a whole path (nothing matched a glob) or about the call itself have no position to give. */
function locationOf(problem: Problem): string {
  const file = problem.file === '' ? 'promptgate' : problem.file;
  const shown = showControlChars(file);
  return problem.line > 0 ? `${shown}:${problem.line}:${problem.column}` : shown;
}

function compareProblems(a: Problem, b: Problem): number {
  // Plain code-unit order, not localeCompare: the same input sorts the same on every machine.
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return 0;
}
