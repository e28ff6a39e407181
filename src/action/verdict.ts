// Pass or fail, from the results and `fail-on`. The "failure" rule is the run's verdict (src/verdict.ts),
// so the Action and `promptgate run` fail on exactly the same results.
import { describeEndpointsDown } from '../report/endpoint-down.js';
import { formatCount, formatPercent, plural } from '../report/numbers.js';
import type { RunReport } from '../types.js';
import { runVerdict } from '../verdict.js';
import { erroredByGrading } from './errored-cause.js';
import type { FailOn } from './inputs.js';

export interface VerdictInput {
  failOn: FailOn;
  minPassRate?: number;
  report: RunReport;
  /** Tests the comparison found worse at the head than at the base; 0 outside pull requests. */
  regressions: number;
  /** Regressions are only known on a pull request; elsewhere `regression` judges like `failure`. */
  comparedWithBase: boolean;
  /** Invalid prompt files or settings stopped the run before any model call. */
  invalidFiles: number;
}

/** What the step reports: failed or not, and why. */
export type StepVerdict = { failed: false; message: string } | { failed: true; message: string };

export function decideVerdict(input: VerdictInput): StepVerdict {
  const { summary } = input.report;
  // An endpoint the run stopped calling is the one thing to fix: said instead of the counts it caused.
  const down = summary.endpointsDown ?? [];
  if (input.failOn === 'never') return { failed: false, message: `fail-on is never: ${down.length > 0 ? describeEndpointsDown(down) : describe(input.report)}` };
  if (input.invalidFiles > 0) {
    return { failed: true, message: `${plural(input.invalidFiles, 'problem')} in the prompt files; nothing was sent to the model (see the annotations)` };
  }
  if (down.length > 0) return { failed: true, message: describeEndpointsDown(down) };
  const belowBar = input.minPassRate !== undefined && summary.passRate < input.minPassRate;
  const bar = input.minPassRate === undefined ? '' : `pass rate ${formatPercent(summary.passRate)} is below min-pass-rate ${formatPercent(input.minPassRate)}`;

  if (input.failOn === 'regression' && input.comparedWithBase) {
    if (input.regressions > 0) {
      return { failed: true, message: `${plural(input.regressions, 'regression')}: ${input.regressions === 1 ? 'passes' : 'pass'} less often at the head than at the base commit` };
    }
    if (belowBar) return { failed: true, message: bar };
    if (summary.errored > 0) return { failed: true, message: erroredMessage(input.report) };
    // Undecided is not a regression, but it is said: more samples (compare: in the config) may decide it.
    const inconclusive = summary.comparison?.inconclusive ?? 0;
    return { failed: false, message: `no regressions${inconclusive > 0 ? ` (${formatCount(inconclusive)} inconclusive)` : ''}: ${describe(input.report)}` };
  }

  switch (runVerdict(input.report, input.minPassRate)) {
    case 'failed':
      return { failed: true, message: belowBar ? bar : `${summary.failed} of ${plural(summary.total, 'test')} failed` };
    case 'errored':
      return { failed: true, message: erroredMessage(input.report) };
    default:
      return { failed: false, message: describe(input.report) };
  }
}

function erroredMessage(report: RunReport): string {
  const errored = report.summary.errored;
  const ungraded = report.results.filter(erroredByGrading).length;
  if (ungraded === 0) return `${plural(errored, 'test')} could not be run: the model endpoint kept failing (see the job summary for its answers)`;
  if (ungraded === errored) return `${plural(errored, 'test')} could not be graded: the judge gave no usable verdict (see the job summary for why)`;
  return `${plural(errored, 'test')} could not be run or graded: the model endpoint kept failing, or the judge gave no usable verdict (see the job summary for why)`;
}

function describe(report: RunReport): string {
  const { summary } = report;
  if (summary.total === 0) return 'no tests ran';
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored of ${plural(summary.total, 'test')}`;
}
