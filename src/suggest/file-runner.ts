// Runs the tests of one prompt file through the same engine as `promptgate run` (cache,
// concurrency, retries, grading), inside the step's budget. The before-run, each candidate's
// side-by-side comparison and its further samples all use it; samples are numbered, so a sample
// already answered (the file as it is, for every candidate after the first) comes from the cache
// and costs nothing.
import type { GradingSetup } from '../grade/grader.js';
import { executeCases, planCases, type ExecuteOptions, type ModelChoices } from '../pipeline.js';
import type { CompletionCache } from '../run/cache.js';
import type { ChatProvider } from '../run/provider.js';
import type { SideBySidePorts } from '../side-by-side/compare-sides.js';
import type { Case, RunReport, Suite } from '../types.js';

/** The run's options, the model choices, and the step's cache and stop signal, which it always has. */
export interface FileRunnerOptions extends Omit<ExecuteOptions, 'onProgress' | 'cache' | 'signal'>, ModelChoices {
  cache: CompletionCache;
  signal: AbortSignal;
}

export type FileRun = { ok: true; report: RunReport } | { ok: false; reason: string };

/** The samples a test gets, from its repeat by default: see ModelChoices.samples. */
export type SampleWindows = NonNullable<ModelChoices['samples']>;

/** Runs the tests of `suite`, each with its `samples` (its repeat when not given; left out when they give none). */
export type FileRunner = (suite: Suite, samples?: SampleWindows) => Promise<FileRun>;

export function createFileRunner(options: FileRunnerOptions): FileRunner {
  const ports = sidePorts(options);
  return async (suite, samples) => {
    const plan = planFile(suite, options, samples);
    const problem = plan.problems.find((candidate) => candidate.severity === 'error');
    if (problem) return { ok: false, reason: problem.message };
    return { ok: true, report: await ports.run(plan.cases) };
  };
}

/** What compareSides plans and runs its rounds with: the same model choices, cache, budget and grading. */
export function sidePorts(options: FileRunnerOptions): SideBySidePorts {
  return {
    plan: (suites, samples) => planCases(suites, { modelOverride: options.modelOverride, defaultModel: options.defaultModel, tests: [], samples }),
    run: (cases: Case[]) =>
      executeCases(cases, {
        provider: options.provider,
        cache: options.cache,
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs,
        maxRetryTimeMs: options.maxRetryTimeMs,
        signal: options.signal,
        version: options.version,
        ...(options.grading ? { grading: options.grading } : {}),
        ...(options.prices ? { prices: options.prices } : {}),
        ...(options.redact ? { redact: options.redact } : {}),
      }),
  };
}

/** The cases of `suite`, or the problem (a missing model, a run too large) that keeps it from running. */
export function planFile(suite: Suite, choices: ModelChoices, samples?: SampleWindows): ReturnType<typeof planCases> {
  return planCases([suite], {
    modelOverride: choices.modelOverride,
    defaultModel: choices.defaultModel,
    repeat: choices.repeat,
    tests: [],
    ...(samples ? { samples } : {}),
  });
}

/**
 * `setup` with its judge calls sent through `meter` (a budget's provider wrapper): a judge call is a
 * model call the step pays for, whether the judge shares the provider under test or has its own
 * endpoint. The wrapper keeps the provider's id, so cache keys and rate pacing are unchanged.
 * Embedding requests are not metered: they are not model calls in the budget's sense.
 */
export function meteredGrading(setup: GradingSetup, meter: (provider: ChatProvider) => ChatProvider): GradingSetup {
  return { ...setup, judge: { ...setup.judge, provider: meter(setup.judge.provider) } };
}
