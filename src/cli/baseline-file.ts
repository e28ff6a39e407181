// The base side of `promptgate run --baseline FILE`: an earlier run's results (the last release's,
// written with --output), checked before any call and cut down to what this run can be compared
// with. A test of a file the run did not select is left out (it was not removed, only not run); a
// test of a file that no longer exists is kept, and so reported as removed.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { baselineFilesAmong, readBaseline } from '../baseline/read-baseline.js';
import { formatCount, plural } from '../report/numbers.js';
import type { Problem, RunReport, Suite } from '../types.js';

export type BaselineLoad = { ok: true; report: RunReport; notes: string[] } | { ok: false; problem: Problem };

/**
 * Below this many evaluated samples a side, a baseline test can only show a collapse (all passing
 * to nearly none): one sample against 24 is not evidence of a drop to 40%.
 */
const FEW_SAMPLES = 5;
/** What a baseline is best written with: against 20 samples, a drop from 95% to 40% is nearly always shown (`npm run bench -- release`). */
const RECOMMENDED_REPEAT = 20;
const FILES_NAMED = 3;

/** `head`: the run's suites with only the selected tests; `tests`: the --test names (all when empty). */
export async function loadBaseline(path: string, cwd: string, head: readonly Suite[], tests: readonly string[]): Promise<BaselineLoad> {
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
      problem: {
        file: path,
        line: 0,
        column: 0,
        severity: 'error',
        message: `the baseline ${holds}, none of the files this run selected; run from the directory it was written in, with the same paths (a results file names prompt files relative to where it was run)`,
      },
    };
  }
  const wanted = new Set(selected);
  const named = new Set(tests);
  const results = recorded.results.filter(
    (result) => (wanted.has(result.file) || !existsSync(resolve(cwd, result.file))) && (named.size === 0 || named.has(result.test)),
  );
  const notes: string[] = [];
  const compared = results.filter((result) => wanted.has(result.file));
  const thin = compared.filter((result) => result.samples.filter((sample) => sample.status !== 'errored').length < FEW_SAMPLES);
  if (thin.length > 0) {
    notes.push(
      `the baseline has fewer than ${FEW_SAMPLES} evaluated samples for ${formatCount(thin.length)} of its ${plural(compared.length, 'test')} in the selected files: ` +
        `too few to show any but the largest drop; write the baseline with --repeat ${RECOMMENDED_REPEAT}`,
    );
  }
  return { ok: true, report: { ...recorded, results }, notes };
}
