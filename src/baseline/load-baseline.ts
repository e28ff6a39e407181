// The base side of a comparison with a recorded baseline (the CLI's --baseline, the Action's
// `baseline` input): an earlier run's results, checked before any call and cut down to what this run
// can be compared with. A test of a file the run did not select is left out (it was not removed,
// only not run); a test of a file that no longer exists is kept, and so reported as removed.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatCount, plural } from '../report/numbers.js';
import { testFilter, type TestSelection } from '../suite/select-tests.js';
import type { Problem, RunReport, Suite, TestResult } from '../types.js';
import { baselineFilesAmong, readBaseline } from './read-baseline.js';

export type BaselineLoad = { ok: true; report: RunReport; notes: string[] } | { ok: false; problem: Problem };

/** How each edge names its own inputs in the messages. */
export interface BaselineWords {
  /** `this run selected`, `the prompts input selects`. */
  selection: string;
  /** What to do when the paths do not match: where to run from, or where to write it. */
  pathAdvice: string;
  /** How to ask for more samples: `--repeat 20`, `repeat: 20`. */
  repeat: (count: number) => string;
}

/**
 * Below this many evaluated samples a side, a baseline test can only show a collapse (all passing
 * to nearly none): one sample against 24 is not evidence of a drop to 40%.
 */
const FEW_SAMPLES = 5;
/** What a baseline is best written with: against 20 samples, a drop from 95% to 40% is nearly always shown (`npm run bench -- release`). */
const RECOMMENDED_REPEAT = 20;
const FILES_NAMED = 3;

/** `head`: the run's suites with only the selected tests; `selection`: how they were selected (all when absent). */
export async function loadBaseline(path: string, cwd: string, head: readonly Suite[], words: BaselineWords, selection: TestSelection = { names: [] }): Promise<BaselineLoad> {
  const read = await readBaseline(resolve(cwd, path), path);
  if (!read.ok) return read;
  const recorded = read.report;
  const selected = head.map((suite) => suite.file);
  if (baselineFilesAmong(recorded, selected).length === 0) {
    const files = [...new Set(recorded.results.map((result) => result.file))];
    const named = files.slice(0, FILES_NAMED).map((file) => JSON.stringify(file)).join(', ') + (files.length > FILES_NAMED ? ` and ${plural(files.length - FILES_NAMED, 'more file')}` : '');
    const holds = files.length === 0 ? 'holds no results' : `has results for ${named}`;
    return {
      ok: false,
      problem: { file: path, line: 0, column: 0, severity: 'error', message: `the baseline ${holds}, none of the files ${words.selection}; ${words.pathAdvice}` },
    };
  }
  const wanted = new Set(selected);
  const selects = testFilter(selection);
  // Asked once a file, not once a test: a baseline holds thousands of tests of a few files.
  const gone = new Map<string, boolean>();
  const isGone = (file: string) => gone.get(file) ?? gone.set(file, !existsSync(resolve(cwd, file))).get(file)!;
  const results = recorded.results.filter((result) => (wanted.has(result.file) || isGone(result.file)) && selects(result.file, result.test));
  const models = severalModels(results);
  if (models) {
    // The comparison pairs tests by file and name: a second model's result would stand in for the first's, and the first's read as removed.
    return {
      ok: false,
      problem: {
        file: path,
        line: 0,
        column: 0,
        severity: 'error',
        message: `the baseline has results of ${models.length} models (${models.join(', ')}) for the same tests, as a run with several --model writes; a comparison needs one result a test: write the baseline with one --model`,
      },
    };
  }
  const compared = results.filter((result) => wanted.has(result.file));
  const thin = compared.filter((result) => result.samples.filter((sample) => sample.status !== 'errored').length < FEW_SAMPLES);
  const notes =
    thin.length === 0
      ? []
      : [
          `the baseline has fewer than ${FEW_SAMPLES} evaluated samples for ${formatCount(thin.length)} of its ${plural(compared.length, 'test')} in the selected files: ` +
            `too few to show any but the largest drop; write the baseline with ${words.repeat(RECOMMENDED_REPEAT)}`,
        ];
  return { ok: true, report: { ...recorded, results }, notes };
}

/** The models of a baseline that has more than one result for a test (a run with several --model), else undefined. */
function severalModels(results: readonly TestResult[]): string[] | undefined {
  const seen = new Set<string>();
  let repeated = false;
  for (const result of results) {
    const key = `${result.file}\u0000${result.test}`;
    if (seen.has(key)) repeated = true;
    seen.add(key);
  }
  if (!repeated) return undefined;
  return [...new Set(results.map((result) => result.model ?? 'unnamed'))].sort();
}
