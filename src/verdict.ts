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

export const FAIL_ON = ['regression', 'failure', 'never'] as const;
/** When a run fails: a test that got worse than at the base, any failing test, or never. */
export type FailOn = (typeof FAIL_ON)[number];

/**
 * The verdict under `fail-on`. `regression` judges a run compared with a base: it fails on a test
 * the evidence calls worse, or on the pass rate under the minimum; a test failing on both sides, a
 * new one and an inconclusive one do not fail it. Without a comparison it judges as `failure` does.
 */
export function failOnVerdict(report: Pick<RunReport, 'summary'>, failOn: FailOn, minPassRate: number | undefined): RunVerdict {
  if (failOn === 'never') return 'passed';
  const { summary } = report;
  if (failOn === 'failure' || !summary.comparison) return runVerdict(report, minPassRate);
  if (summary.comparison.regression > 0 || (minPassRate !== undefined && summary.passRate < minPassRate)) return 'failed';
  if (summary.errored > 0) return 'errored';
  return 'passed';
}

/**
 * The verdict of a run with release gates, one rule for both edges. A failed gate fails the run;
 * `failOn`, when given, adds its own condition (`never` reports and fails on nothing). Without
 * `failOn`, the gates alone decide a compared run (with a comparison and no gates declared, the gate
 * is no regression: what `regression` judged), with the minimum pass rate; a run compared with
 * nothing fails on any failing test, as `failure` does. A definite failure outranks errored cases.
 */
export function gatedVerdict(
  report: Pick<RunReport, 'summary'>,
  rule: { failOn?: FailOn; minPassRate?: number; gates: readonly { status: 'passed' | 'failed' | 'skipped' }[] },
): RunVerdict {
  if (rule.failOn === 'never') return 'passed';
  if (rule.gates.some((gate) => gate.status === 'failed')) return 'failed';
  if (rule.failOn !== undefined || !report.summary.comparison) return failOnVerdict(report, rule.failOn ?? 'failure', rule.minPassRate);
  const { summary } = report;
  if (rule.minPassRate !== undefined && summary.passRate < rule.minPassRate) return 'failed';
  return summary.errored > 0 ? 'errored' : 'passed';
}
