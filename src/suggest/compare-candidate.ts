// Runs a candidate side by side with the file as it is, with the run's comparison design: both
// sides sampled in rounds until each test's evidence is decided, within the step's budget. The
// file as it is gets the same numbered samples for every candidate, so after the first candidate
// (and the before-run) its side comes from the cache. Targeted tests are watched for the change
// the edit is for; the others for regressions.
import { designOf, DEFAULT_COMPARE_SETTINGS, type CompareSettings } from '../compare/design.js';
import type { Direction } from '../compare/sequential.js';
import { compareSides } from '../side-by-side/compare-sides.js';
import { sideReportOf } from '../side-by-side/side-report.js';
import type { RunReport, Suite, TestResult } from '../types.js';
import type { StepBudget } from './budget.js';
import { planFile, sidePorts, type FileRunner, type FileRunnerOptions } from './file-runner.js';
import { countOf, MIN_EVIDENCE_SAMPLES, passes } from './verification.js';

export interface CompareContext {
  /** The file as it is. */
  suite: Suite;
  /** The before-run: which targeted tests passed decides how they are watched. */
  before: RunReport;
  targets: readonly string[];
  settings?: CompareSettings;
  runner: FileRunnerOptions;
  runFile: FileRunner;
  budget: StepBudget;
}

export type CandidateComparison = { ok: true; head: RunReport; base?: RunReport } | { ok: false; reason: string };

/** The samples of the comparison's first look: what the before-run takes, so the first round's "before" side is cached. */
export function firstLook(settings: CompareSettings | undefined, repeat: number | undefined): number {
  return designOf(settings ?? DEFAULT_COMPARE_SETTINGS, repeat).looks[0]!;
}

export async function compareCandidate(edited: Suite, context: CompareContext): Promise<CandidateComparison> {
  // compareSides runs whatever it is given; a file that cannot be planned (its model removed) is refused here.
  const problem = planFile(edited, context.runner, () => ({ from: 0, to: 1 })).problems.find((found) => found.severity === 'error');
  if (problem) return { ok: false, reason: problem.message };

  const passing = new Set(context.before.results.filter((result) => result.status === 'passed').map((result) => result.test));
  const targets = new Set(context.targets);
  // A targeted test that failed must show it improved; one that passed cannot improve, so either way is worth samples.
  const watch = (_file: string, test: string): Direction => (!targets.has(test) ? 'worse' : passing.has(test) ? 'both' : 'better');

  // No round starts once the budget is spent: its calls would only be refused.
  const stop = new AbortController();
  const ports = sidePorts(context.runner);
  const { head, base } = await compareSides(
    {
      head: [edited],
      base: [context.suite],
      settings: context.settings ?? DEFAULT_COMPARE_SETTINGS,
      ...(context.runner.repeat !== undefined ? { fixedSamples: context.runner.repeat } : {}),
      watch,
      signal: stop.signal,
    },
    {
      plan: ports.plan,
      run: async (cases) => {
        const report = await ports.run(cases);
        if (context.budget.exhausted()) stop.abort();
        return report;
      },
    },
  );
  const evidence = await furtherSamples(edited, head, targets, context);
  return { ok: true, head: evidence, ...(base ? { base } : {}) };
}

/**
 * A targeted test that passed before cannot be an improvement; it must pass on MIN_EVIDENCE_SAMPLES
 * samples after the edit, and the comparison may have stopped short of that (a steady test is
 * decided in one look). One that passes so far gets the rest; its samples are planned from 0 so
 * that the ones taken come from the cache and the result is scored whole.
 */
async function furtherSamples(edited: Suite, head: RunReport, targets: ReadonlySet<string>, context: CompareContext): Promise<RunReport> {
  const short = new Set(
    head.results
      .filter((result) => targets.has(result.test) && result.comparison?.change !== 'improvement' && result.comparison?.change !== 'regression')
      .filter((result) => result.samples.length < MIN_EVIDENCE_SAMPLES && passes(countOf(result), result.minPassRate))
      .filter((result) => result.comparison?.base !== undefined && passes(result.comparison.base, result.minPassRate))
      .map((result) => result.test),
  );
  if (short.size === 0 || context.budget.exhausted()) return head;
  const run = await context.runFile(edited, (test) => (short.has(test.name) ? { from: 0, to: MIN_EVIDENCE_SAMPLES } : undefined));
  if (!run.ok) return head;
  const longer = new Map(run.report.results.map((result) => [result.test, result]));
  const results = head.results.map((result): TestResult => {
    const more = longer.get(result.test);
    // The comparison's verdict stays; only the count the evidence rule reads grows.
    return more ? { ...more, comparison: result.comparison!, passAll: more.samples.every((sample) => sample.status === 'passed') } : result;
  });
  const report = sideReportOf(results, {
    startedAt: head.startedAt,
    durationMs: head.summary.durationMs + run.report.summary.durationMs,
    version: head.tool.version,
    unpricedModels: [...new Set([...(head.summary.unpricedModels ?? []), ...(run.report.summary.unpricedModels ?? [])])].sort(),
    ...judgeCalls(head, run.report),
  });
  report.summary.comparison = head.summary.comparison!;
  return report;
}

/**
 * The file as it is, each targeted test sampled at least MIN_EVIDENCE_SAMPLES times: what a proposed
 * assertion is judged on, so that it meets as many samples before the edit as after. The samples
 * are planned from 0: those taken come from the cache, and later candidates find the rest there.
 */
export async function targetsBefore(base: RunReport, context: CompareContext): Promise<RunReport> {
  const targets = new Set(context.targets);
  const short = new Set(base.results.filter((result) => targets.has(result.test) && result.samples.length < MIN_EVIDENCE_SAMPLES).map((result) => result.test));
  if (short.size === 0 || context.budget.exhausted()) return base;
  const run = await context.runFile(context.suite, (test) => (short.has(test.name) ? { from: 0, to: MIN_EVIDENCE_SAMPLES } : undefined));
  if (!run.ok) return base;
  const longer = new Map(run.report.results.map((result) => [result.test, result]));
  return { ...base, results: base.results.map((result) => longer.get(result.test) ?? result) };
}

function judgeCalls(...reports: RunReport[]): { judgeCalls?: { requests: number; cacheHits: number } } {
  const judged = reports.map((report) => report.summary.judge).filter((judge) => judge !== undefined);
  if (judged.length === 0) return {};
  return { judgeCalls: { requests: judged.reduce((sum, judge) => sum + judge.requests, 0), cacheHits: judged.reduce((sum, judge) => sum + judge.cacheHits, 0) } };
}
