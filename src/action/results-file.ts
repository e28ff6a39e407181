// The results JSON, written before anything is posted: whatever happens to the comments, the run's
// results survive for later steps (upload-artifact, scripts) through the `results-file` output.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { OutputPathError, OutputTarget } from '../fs/output-target.js';
import { toJson } from '../report/json.js';
import type { RunReport } from '../types.js';
import { ActionError } from './action-error.js';

export function resultsDir(): string {
  // RUNNER_TEMP is emptied after each job, so results never leak into the next one.
  return join(process.env['RUNNER_TEMP'] || tmpdir(), 'promptgate');
}

/** Before the first model call: a results file that cannot be written would lose the whole run. */
export function checkResultsFile(): void {
  const path = join(resultsDir(), 'results.json');
  try {
    OutputTarget.check(path);
  } catch (error) {
    if (!(error instanceof OutputPathError)) throw error;
    throw new ActionError(`the results file ${path} cannot be written: ${error.message}. Nothing was run; RUNNER_TEMP must name a writable directory.`);
  }
}

/** Writes results.json (the head, in the CLI's --output format) and, for a pull request, base-results.json. */
export async function writeResults(head: RunReport, base?: RunReport): Promise<string> {
  const dir = resultsDir();
  const path = join(dir, 'results.json');
  await writeFileAtomic(path, toJson(head) + '\n');
  if (base) await writeFileAtomic(join(dir, 'base-results.json'), toJson(base) + '\n');
  return path;
}
