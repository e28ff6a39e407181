// Runs every test of one prompt file through the same engine as `promptgate run` (cache,
// concurrency, retries), inside the step's budget. The before-run and each candidate's run use it,
// so an unchanged test's answer comes from the cache and costs nothing.
import { executeCases, planCases } from '../pipeline.js';
import type { CompletionCache } from '../provider/cache.js';
import type { ChatProvider } from '../provider/types.js';
import type { RunReport, Suite } from '../types.js';

export interface FileRunnerOptions {
  provider: ChatProvider;
  cache: CompletionCache;
  concurrency: number;
  timeoutMs: number;
  maxRetryTimeMs: number;
  modelOverride?: string;
  defaultModel?: string;
  repeat?: number;
  signal: AbortSignal;
  version: string;
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
    });
    return { ok: true, report };
  };
}
