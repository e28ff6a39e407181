// The base side from the `baseline` input, in the Action's words (baseline/load-baseline.ts): a
// file that cannot be a baseline fails the step before any call.
import { loadBaseline } from '../baseline/load-baseline.js';
import type { Problem, RunReport, Suite } from '../types.js';
import { InputError } from './input-error.js';

export interface Baseline {
  report: RunReport;
  notes: string[];
}

/** Throws an InputError, before any call, for a file that cannot be a baseline for this run. */
export async function readReleaseBaseline(path: string, workspace: string, head: readonly Suite[]): Promise<Baseline> {
  const loaded = await loadBaseline(path, workspace, head, {
    selection: 'the prompts input selects',
    pathAdvice: "it names prompt files relative to where it was written: write it from the repository's root, or select the same files",
    repeat: (count) => `repeat: ${count}`,
  });
  if (!loaded.ok) throw baselineError(loaded.problem);
  return { report: loaded.report, notes: loaded.notes };
}

/** `baseline.json:1:1: not a promptgate results file …`: where, then what and what to do. */
function baselineError(problem: Problem): InputError {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return new InputError(`the baseline input: ${where}: ${problem.message}. Nothing was run`);
}
