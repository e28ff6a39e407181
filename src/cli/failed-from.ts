// `promptgate run --failed-from results.json`: the tests that failed or errored in an earlier run,
// found again by file and name, are the only ones run. The file is checked as a baseline is
// (src/baseline/read-baseline.ts): one that is no results file is refused before any call.
import { resolve } from 'node:path';
import { readBaseline } from '../baseline/read-baseline.js';
import { formatCount, plural } from '../report/numbers.js';
import { testKey } from '../suite/select-tests.js';
import type { Case, Problem, RunReport } from '../types.js';

export type FailedTests = { ok: true; only: Set<string>; notes: string[] } | { ok: false; problem: Problem };

const WORDS = { file: 'results file', writeOne: 'write one with `promptgate run --output FILE`' };

export async function readFailedTests(path: string, cwd: string): Promise<FailedTests> {
  const read = await readBaseline(resolve(cwd, path), path, WORDS);
  if (!read.ok) return read;
  const only = new Set<string>();
  // A test run with several models is re-run whichever of them it failed with.
  for (const result of read.report.results) if (result.status !== 'passed') only.add(testKey(result.file, result.test));
  return { ok: true, only, notes: notesOn(read.report, path) };
}

/** What the file cannot say: the tests a stop or a refusal left out of it. */
function notesOn(report: RunReport, path: string): string[] {
  const cut = report.summary.interrupted;
  if (report.problems !== undefined) return [`${path} records a run refused before any call: it has no results to re-run; run the files in full`];
  if (cut && cut.notFinished > 0) return [`${path} records a run interrupted after ${formatCount(report.summary.total)} of ${plural(cut.planned, 'test')}: the ${formatCount(cut.notFinished)} not finished are not in it, and not re-run`];
  return [];
}

/** Said before the run: how many of the failed tests it runs again. */
export function rerunIntro(failed: ReadonlySet<string>, cases: readonly Case[], path: string): string {
  const found = new Set(cases.map((testCase) => testKey(testCase.suite.file, testCase.test.name))).size;
  if (found === failed.size) return `re-running the ${plural(found, 'test')} that failed or errored in ${path}`;
  const others = failed.size - found === 1 ? 'the other is' : 'the others are';
  return `re-running ${formatCount(found)} of the ${plural(failed.size, 'test')} that failed or errored in ${path}; ${others} not among the tests selected (renamed, removed, or left out by --test or the paths)`;
}

/** Said when nothing is left to run; the run exits 0. */
export function nothingToRerun(failed: ReadonlySet<string>, path: string): string {
  if (failed.size === 0) return `Nothing to re-run: no test failed or errored in ${path}.`;
  return `Nothing to re-run: none of the ${plural(failed.size, 'test')} that failed or errored in ${path} is in the selected files (renamed, removed, or left out by --test or the paths).`;
}
