// The base side from the `baseline` input: an earlier run's results file, checked before any call
// (baseline/read-baseline.ts) and cut down to what this run can be compared with, as the CLI's
// --baseline does. A test of a file the run did not select is left out (it was not removed, only not
// run); a test of a file no longer in the workspace is kept, and so reported as removed.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { baselineFilesAmong, readBaseline } from '../baseline/read-baseline.js';
import { formatCount, plural } from '../report/numbers.js';
import type { Problem, RunReport, Suite } from '../types.js';
import { InputError } from './input-error.js';

/**
 * Below this many evaluated samples a test's baseline can only show a collapse: one sample against
 * 24 is not evidence of a drop to 40%.
 */
const FEW_SAMPLES = 5;
/** As the CLI advises: against 20 samples a drop from 95% to 40% is nearly always shown (`npm run bench -- release`). */
const RECOMMENDED_REPEAT = 20;
const FILES_NAMED = 3;

export interface Baseline {
  report: RunReport;
  notes: string[];
}

/** Throws an InputError, before any call, for a file that cannot be a baseline for this run. */
export async function readReleaseBaseline(path: string, workspace: string, head: readonly Suite[]): Promise<Baseline> {
  const read = await readBaseline(resolve(workspace, path), path);
  if (!read.ok) throw baselineError(read.problem);
  const recorded = read.report;
  const selected = new Set(head.map((suite) => suite.file));
  if (baselineFilesAmong(recorded, [...selected]).length === 0) {
    const files = [...new Set(recorded.results.map((result) => result.file))];
    const named = files.slice(0, FILES_NAMED).map((file) => JSON.stringify(file)).join(', ') + (files.length > FILES_NAMED ? ` and ${plural(files.length - FILES_NAMED, 'more file')}` : '');
    const holds = files.length === 0 ? 'holds no results' : `has results for ${named}`;
    throw baselineError({
      file: path,
      line: 0,
      column: 0,
      severity: 'error',
      message: `the baseline ${holds}, none of the files the prompts input selects; it names prompt files relative to where it was written: write it from the repository's root, or select the same files`,
    });
  }
  const results = recorded.results.filter((result) => selected.has(result.file) || !existsSync(resolve(workspace, result.file)));
  const thin = results.filter((result) => selected.has(result.file) && result.samples.filter((sample) => sample.status !== 'errored').length < FEW_SAMPLES);
  const notes =
    thin.length === 0
      ? []
      : [
          `${formatCount(thin.length)} of ${plural(results.length, 'test')} in ${path} ${thin.length === 1 ? 'has' : 'have'} fewer than ${FEW_SAMPLES} evaluated samples, too few to show any but the largest drop; write the baseline with repeat: ${RECOMMENDED_REPEAT}`,
        ];
  return { report: { ...recorded, results }, notes };
}

/** `baseline.json:1:1: not a promptgate results file …`: where, then what and what to do. */
function baselineError(problem: Problem): InputError {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return new InputError(`the baseline input: ${where}: ${problem.message}. Nothing was run`);
}
