// The run's verdict, one rule for both edges: the CLI maps it to an exit code, the Action to the
// step's result.
import type { RunReport } from './types.js';

/** `errored`: some cases could not be judged because the model endpoint (or a judge) kept failing. */
export type RunVerdict = 'passed' | 'failed' | 'errored';

/**
 * With a minimum pass rate the run tolerates some failing tests (a quality bar, as for releases);
 * without it every test must pass. A definite failure is a verdict on the prompt, so it outranks
 * cases the provider kept us from judging.
 */
export function runVerdict(report: Pick<RunReport, 'summary'>, minPassRate: number | undefined): RunVerdict {
  const { summary } = report;
  const failed = minPassRate === undefined ? summary.failed > 0 : summary.passRate < minPassRate;
  if (failed) return 'failed';
  if (summary.errored > 0) return 'errored';
  return 'passed';
}
