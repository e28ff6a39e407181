// Failing tests as workflow annotations: they show on the pull request's "Files changed" tab and in
// the checks list, need no write permission, and so are also what remains when a fork's read-only
// token cannot post comments.
import type { Change, ComparedTest } from '../review/classify.js';
import { countsText } from '../review/evidence-text.js';
import type { Problem, RunReport, TestResult } from '../types.js';
import { erroredByGrading } from './errored-cause.js';
import type { RunnerIo } from './runner-io.js';

/** GitHub shows only the first few per step; the rest would only lengthen the log. */
const MAX_ANNOTATIONS = 50;
const OUTPUT_CHARS = 300;

const CHANGE_TITLE: Partial<Record<Change, string>> = {
  'new-failing': 'new test fails',
  inconclusive: 'failing; inconclusive against the base',
  'still-failing': 'still failing',
  improved: 'failing, though improved',
};

export function annotateProblems(io: Pick<RunnerIo, 'error' | 'warning'>, problems: Problem[]): void {
  for (const problem of problems.slice(0, MAX_ANNOTATIONS)) {
    const where = problem.file === '' ? {} : { file: problem.file, ...(problem.line > 0 ? { startLine: problem.line, startColumn: problem.column } : {}) };
    const place = { title: 'promptgate: invalid prompt file', ...where };
    if (problem.severity === 'error') io.error(problem.message, place);
    else io.warning(problem.message, place);
  }
}

export function annotateResults(io: Pick<RunnerIo, 'error' | 'warning' | 'info'>, report: RunReport, compared?: ComparedTest[]): void {
  const changes = new Map((compared ?? []).map((entry) => [`${entry.file}\u0000${entry.test}`, entry.change]));
  // A regression is annotated even when the head still meets its bar: it passes less often than before.
  const problems = report.results.filter((result) => result.status !== 'passed' || changes.get(`${result.file}\u0000${result.test}`) === 'regression');
  for (const result of problems.slice(0, MAX_ANNOTATIONS)) {
    const change = changes.get(`${result.file}\u0000${result.test}`);
    const properties = { file: result.file, startLine: result.line, title: titleOf(result, change) };
    if (result.status === 'errored' && change !== 'regression') io.warning(result.error ?? 'the model could not be reached', properties);
    else io.error(describeFailure(result), properties);
  }
  if (problems.length > MAX_ANNOTATIONS) io.info(`…and ${problems.length - MAX_ANNOTATIONS} more failing tests; see the job summary and the results file.`);
}

function titleOf(result: TestResult, change: Change | undefined): string {
  const what =
    change === 'regression'
      ? 'regression'
      : erroredByGrading(result)
        ? 'could not be graded'
        : result.status === 'errored'
          ? 'could not run'
          : ((change && CHANGE_TITLE[change]) ?? 'failed');
  // The pass counts that decided it, base → head: `8/8 → 0/8 samples passed`.
  const counts = change && change !== 'errored' && result.comparison?.base ? ` (${countsText(result.comparison)} samples passed)` : '';
  return `promptgate: ${result.suite} › ${result.test}: ${what}${counts}`;
}

function describeFailure(result: TestResult): string {
  const reasons = result.assertions.filter((assertion) => !assertion.pass && !assertion.skipped).map((assertion) => `${assertion.type}: ${assertion.reason}`);
  const output = result.output.length > OUTPUT_CHARS ? `${result.output.slice(0, OUTPUT_CHARS)}…` : result.output;
  const lines = reasons.length > 0 ? reasons : [`passed ${Math.round(result.passRate * 100)}% of samples, needs ${Math.round(result.minPassRate * 100)}%`];
  return [...lines, `Output: ${JSON.stringify(output)}`].join('\n');
}
