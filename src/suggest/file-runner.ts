// Runs every test of one prompt file through the same engine as `promptgate run` (cache,
// concurrency, retries, grading), inside the step's budget. The before-run and each candidate's run
// use it, so an unchanged test's answer comes from the cache and costs nothing.
import type { GradingSetup } from '../grade/grader.js';
import { executeCases, planCases, type ExecuteOptions, type ModelChoices } from '../pipeline.js';
import type { CompletionCache } from '../run/cache.js';
import type { ChatProvider } from '../run/provider.js';
import type { RunReport, Suite } from '../types.js';

/** The run's options, the model choices, and the step's cache and stop signal, which it always has. */
export interface FileRunnerOptions extends Omit<ExecuteOptions, 'onProgress' | 'cache' | 'signal'>, ModelChoices {
  cache: CompletionCache;
  signal: AbortSignal;
}

export type FileRun = { ok: true; report: RunReport } | { ok: false; reason: string };

export type FileRunner = (suite: Suite) => Promise<FileRun>;

export function createFileRunner(options: FileRunnerOptions): FileRunner {
  return async (suite) => {
    const plan = planCases([suite], {
      modelOverride: options.modelOverride,
      defaultModel: options.defaultModel,
      repeat: options.repeat,
      tests: [],
    });
    const problem = plan.problems.find((candidate) => candidate.severity === 'error');
    if (problem) return { ok: false, reason: problem.message };
    const report = await executeCases(plan.cases, {
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
    });
    return { ok: true, report };
  };
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
