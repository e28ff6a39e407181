// The Action's engine, wired once per job: one provider, one cache, one grading setup and one
// concurrency limit shared by the head and the base runs. The run's secrets go to the core, which
// redacts every answer as it arrives (before the cache on disk sees it); reports come back
// redacted.
import type { Case, Problem, RunReport, Suite } from '../types.js';
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import { executeCases, planCases } from '../pipeline.js';
import { gradingEnvironment, modelProvider, planOptions, runLimits } from '../engine/assemble.js';
import { createDiskCache, createDiskEmbeddingCache } from '../run/cache.js';
import type { GradingEnvironment } from '../engine/grading-setup.js';
import { buildReport } from '../run/score.js';
import type { ChatProvider } from '../run/provider.js';
import type { CompletionCache } from '../run/cache.js';
import { gradingInputError, JobGrading } from './job-grading.js';
import { redactDeep, type Redactor } from '../redact.js';
import { RunStopped } from './run-stopped.js';
import type { ActionSettings } from './run-settings.js';
import { VERSION } from '../version.js';

export interface Engine {
  /** The calls to make for `suites`, or problems (such as a file with no model) that prevent some. */
  plan(suites: Suite[]): { cases: Case[]; problems: Problem[] };
  /**
   * Throws an InputError, before any call, when graded assertions need a judge that cannot be used;
   * a RunStopped, with what was done, when the runner stopped the run.
   */
  execute(cases: Case[]): Promise<RunReport>;
}

/** What tells a run to stop (the runner's SIGINT and SIGTERM), and which signal did. */
export interface StopRequest {
  readonly abortSignal: AbortSignal;
  readonly received: string | undefined;
}

export function createEngine(settings: ActionSettings, redact: Redactor, warn: (message: string) => void, stop?: StopRequest): Engine {
  let provider: ChatProvider | undefined;
  let cache: CompletionCache | undefined;
  let runs = 0;
  const grading = new JobGrading(settings);
  const warnRedacted = (message: string) => warn(redact(message));
  const environmentFor = (mainProvider: ChatProvider): GradingEnvironment =>
    gradingEnvironment(settings, {
      mainProvider,
      cwd: settings.workspace,
      ...(cache ? { cache } : {}),
      ...(settings.cacheDir ? { embeddingCache: createDiskEmbeddingCache(settings.cacheDir, { warn: warnRedacted }) } : {}),
    });
  return {
    plan(suites) {
      const plan = planCases(suites, planOptions(settings));
      grading.announce(plan.cases);
      // As in the CLI: a cost limit on a model without a price could only fail; say so before any call.
      return { cases: plan.cases, problems: [...plan.problems, ...checkCostAssertionPrices(plan.cases, settings.grading.prices)] };
    },
    async execute(cases) {
      if (cases.length === 0) return emptyReport();
      // Created on first use: a run that makes no calls never needs the key.
      const mainProvider = (provider ??= modelProvider(settings));
      if (settings.cacheDir) cache ??= createDiskCache(settings.cacheDir, { warn: warnRedacted });
      const prepared = await grading.setupFor(cases, () => environmentFor(mainProvider));
      if (!prepared.ok) throw gradingInputError(prepared.reason, runs === 0);
      runs++;
      const report = await executeCases(cases, {
        provider: mainProvider,
        // The prices always: the reports show cost whether or not anything is graded.
        ...runLimits(settings),
        cache,
        ...(prepared.setup ? { grading: prepared.setup } : {}),
        version: VERSION,
        redact,
        ...(stop ? { signal: stop.abortSignal } : {}),
      });
      // The core redacted it already; once more at the edge costs a walk and survives a refactor.
      const redacted = redactDeep(report, redact);
      if (stop?.received) throw new RunStopped(stop.received, redacted);
      return redacted;
    },
  };
}

/** The report of a run that had nothing to run. */
export function emptyReport(): RunReport {
  return buildReport([], [], { startedAt: new Date().toISOString(), durationMs: 0, requests: 0, cacheHits: 0, version: VERSION });
}
