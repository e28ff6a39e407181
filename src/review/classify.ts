// What the review says of each test, read from the comparison of the PR head with its base
// (src/side-by-side): the comparison decides whether a test changed, with a stated false-alarm
// rate, and the head's own status says whether it fails. One sample a side would blame noise.
import type { RunReport, TestResult } from '../types.js';

export type Change =
  | 'regression' // the comparison found it worse at the head than at the base
  | 'new-failing' // no such test at the base (new test, new file, or a base that could not be evaluated), and fails now
  | 'inconclusive' // the evidence did not decide within the sampling limits: listed, never called a regression
  | 'still-failing' // no change found, and it fails now (as it did before)
  | 'improved' // the comparison found it better at the head
  | 'passing' // no change found (or new), and it passes
  | 'errored'; // could not be evaluated at the head (provider error) — never counted as pass/fail

export interface ComparedTest {
  file: string;
  test: string;
  change: Change;
  /** The head's result; its `comparison` holds the evidence (absent only when nothing was compared). */
  head: TestResult;
  base?: TestResult;
}

/**
 * Each head test with its change, and its base result (following renames via `renamedFrom`: new
 * path → old path) for the outputs a regression shows. Names, not indexes: inserting a test must
 * not make every later one look changed. Tests only at the base (removed by this PR) are not
 * listed: there is nothing at the head to review.
 */
export function compareReports(head: RunReport, base: RunReport | undefined, renamedFrom?: ReadonlyMap<string, string>): ComparedTest[] {
  const baseByKey = new Map<string, TestResult>();
  for (const result of base?.results ?? []) baseByKey.set(keyOf(result.file, result.test), result);

  return head.results.map((result) => {
    const baseFile = renamedFrom?.get(result.file) ?? result.file;
    const baseResult = baseByKey.get(keyOf(baseFile, result.test));
    const compared: ComparedTest = { file: result.file, test: result.test, change: changeOf(result), head: result };
    if (baseResult) compared.base = baseResult;
    return compared;
  });
}

export function countChanges(compared: ComparedTest[]): Record<Change, number> {
  const counts: Record<Change, number> = { regression: 0, 'new-failing': 0, inconclusive: 0, 'still-failing': 0, improved: 0, passing: 0, errored: 0 };
  for (const entry of compared) counts[entry.change]++;
  return counts;
}

/**
 * A regression or an improvement is decided on the evaluated samples, errored ones left out, so it
 * stands even when a call of the test errored. Otherwise an errored head decides nothing; a base
 * with no evaluated sample is no baseline, so the test reads as new.
 */
function changeOf(head: TestResult): Change {
  const comparison = head.comparison;
  if (comparison?.change === 'regression') return 'regression';
  if (comparison?.change === 'improvement') return 'improved';
  if (head.status === 'errored') return 'errored';
  const failing = head.status === 'failed';
  if (!comparison?.base || comparison.base.samples === 0) return failing ? 'new-failing' : 'passing';
  if (comparison.change === 'inconclusive') return 'inconclusive';
  return failing ? 'still-failing' : 'passing';
}

function keyOf(file: string, test: string): string {
  return `${file}\u0000${test}`;
}
