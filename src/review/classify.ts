// Compares the run at the PR head with the run at the base commit, test by test, so the review can
// say what this PR broke rather than only what fails.
import type { RunReport, TestResult } from '../types.js';

export type Change =
  | 'regression' // passed at base, fails (or flaky-fails) now
  | 'still-failing' // failed at base and fails now
  | 'new-failing' // no such test at base (new test or new file) and fails now
  | 'fixed' // failed at base, passes now
  | 'passing' // passed at base (or new) and passes now
  | 'errored'; // could not be evaluated at head (provider error) — never counted as pass/fail

export interface ComparedTest {
  file: string;
  test: string;
  change: Change;
  head: TestResult;
  base?: TestResult;
}

/**
 * Matches tests by file (following renames via `renamedFrom`: new path → old path) and test name.
 * Names, not indexes: inserting a test must not make every later one look changed. Tests only at
 * the base (removed by this PR) are not listed: there is nothing at the head to review.
 *
 * A test whose base run errored has no baseline: failing now, it counts as `new-failing` (it cannot
 * be called a regression), passing now, as `passing`. Without a base report at all, every test is
 * compared with nothing, the same way.
 */
export function compareReports(head: RunReport, base: RunReport | undefined, renamedFrom?: Map<string, string>): ComparedTest[] {
  const baseByKey = new Map<string, TestResult>();
  for (const result of base?.results ?? []) baseByKey.set(keyOf(result.file, result.test), result);

  return head.results.map((result) => {
    const baseFile = renamedFrom?.get(result.file) ?? result.file;
    const baseResult = baseByKey.get(keyOf(baseFile, result.test));
    const compared: ComparedTest = { file: result.file, test: result.test, change: changeOf(result, baseResult), head: result };
    if (baseResult) compared.base = baseResult;
    return compared;
  });
}

export function countChanges(compared: ComparedTest[]): Record<Change, number> {
  const counts: Record<Change, number> = { regression: 0, 'still-failing': 0, 'new-failing': 0, fixed: 0, passing: 0, errored: 0 };
  for (const entry of compared) counts[entry.change]++;
  return counts;
}

function changeOf(head: TestResult, base: TestResult | undefined): Change {
  if (head.status === 'errored') return 'errored';
  const baseStatus = base?.status;
  if (head.status === 'passed') return baseStatus === 'failed' ? 'fixed' : 'passing';
  if (baseStatus === 'passed') return 'regression';
  if (baseStatus === 'failed') return 'still-failing';
  return 'new-failing';
}

function keyOf(file: string, test: string): string {
  return `${file}\u0000${test}`;
}
