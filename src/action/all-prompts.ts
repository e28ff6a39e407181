// Any other event (push, workflow_dispatch, release, schedule): run every prompt file that
// `prompts` selects, as `promptgate run` would, and report in the job summary and annotations.
import { hasErrors, loadSuites } from '../pipeline.js';
import { toMarkdown } from '../report/markdown.js';
import { annotateProblems, annotateResults } from './annotations.js';
import { ActionError } from './action-error.js';
import { emptyReport, type Engine } from './engine.js';
import type { ActionInputs } from './inputs.js';
import { problemsMarkdown, writeJobSummary } from './job-summary.js';
import { missingKeyMessage } from './pull-request.js';
import { writeResults } from './results-file.js';
import type { RunResult } from './run-result.js';
import type { RunnerIo } from './runner-io.js';
import type { ActionSettings } from './run-settings.js';

export interface AllPromptsRun {
  inputs: ActionInputs;
  settings: ActionSettings;
  engine: Engine;
  /** The runner's log, annotations and job summary. */
  io: RunnerIo;
  workspace: string;
}

export async function runAllPrompts(run: AllPromptsRun): Promise<RunResult> {
  const loaded = await loadSuites(run.inputs.prompts, run.workspace);
  const plan = hasErrors(loaded.problems) ? { cases: [], problems: [] } : run.engine.plan(loaded.suites);
  const problems = [...loaded.problems, ...plan.problems];
  annotateProblems(run.io, problems);
  if (hasErrors(problems)) {
    const report = emptyReport();
    const resultsFile = await writeResults(report);
    await writeJobSummary(run.io, problemsMarkdown(problems));
    return { report, regressions: 0, comparedWithBase: false, invalidFiles: problems.filter((problem) => problem.severity === 'error').length, resultsFile };
  }
  if (plan.cases.length > 0 && run.settings.missingApiKey) throw new ActionError(missingKeyMessage());

  run.io.info(`promptgate: running ${plan.cases.length} case(s) from ${loaded.suites.length} prompt file(s)`);
  const report = await run.engine.execute(plan.cases);
  // Results first, as everywhere: the summary is a view of them.
  const resultsFile = await writeResults(report);
  annotateResults(run.io, report);
  await writeJobSummary(run.io, toMarkdown(report));
  return { report, regressions: 0, comparedWithBase: false, invalidFiles: 0, resultsFile };
}
