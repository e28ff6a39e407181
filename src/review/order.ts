// One reading order for every list in the review: what this PR broke first, then what it added
// broken; within each, by file then by the test's line.
import type { Change, ComparedTest } from './classify.js';

/**
 * Changes that make a finding (an inline comment), in the order they are shown. A test that fails
 * as it did before, or whose change the samples do not decide, is listed in the summary but not
 * commented: a comment says "this PR did it", and only evidence may say that.
 */
export const FINDING_CHANGES: readonly Change[] = ['regression', 'new-failing'];

export function isFindingChange(change: Change): boolean {
  return FINDING_CHANGES.includes(change);
}

export function byLocation(a: ComparedTest, b: ComparedTest): number {
  // Plain code-unit comparison, like the report: localeCompare differs between machines.
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.head.line - b.head.line || a.head.testIndex - b.head.testIndex;
}

export function byChangeThenLocation(a: ComparedTest, b: ComparedTest): number {
  return rank(a.change) - rank(b.change) || byLocation(a, b);
}

function rank(change: Change): number {
  const index = FINDING_CHANGES.indexOf(change);
  return index === -1 ? FINDING_CHANGES.length : index;
}
