import type { RunReport } from '../types.js';

/**
 * A run stopped by the runner: a cancelled job gets SIGINT, then SIGTERM, then is killed. Carries
 * what was done (a run's tests not finished are left out and counted in `summary.interrupted`; a
 * comparison's are errored as cancelled) so the step can write the results file before it ends,
 * instead of posting a review of a run that did not finish.
 */
export class RunStopped extends Error {
  override name = 'RunStopped';

  constructor(
    readonly signal: string,
    /** The head's results (or, on other events, the run's). */
    readonly results: RunReport,
    /** The base's, when the stop came while the base ran. */
    readonly baseResults?: RunReport,
  ) {
    super(`stopped by ${signal}`);
  }
}
