// The engine, assembled once per command from one EngineSettings: the model's provider, the answer
// cache, the grading environment, the prices, the redactor and the runner's limits. The CLI's run
// and suggest, the Action's run and its comment answers all take one; each edge keeps only what is
// its own (how a cache directory is chosen, how a grading failure is told, what a stop means).
import { executeCases, planCases, streamCases } from '../pipeline.js';
import type { GradingSetup } from '../grade/grader.js';
import type { CompletionCache } from '../run/cache.js';
import { createDiskCache, createDiskEmbeddingCache } from '../run/cache.js';
import type { ChatProvider } from '../run/provider.js';
import type { Redactor } from '../redact.js';
import type { EngineSettings } from '../settings/engine.js';
import { compareSides, type SideBySide, type SideBySideInput } from '../side-by-side/compare-sides.js';
import type { SuggestEngineOptions } from '../suggest/types.js';
import type { Case, Problem, ReportHead, RunReport, Suite, TestResult } from '../types.js';
import { gradingEnvironment, modelProvider, planOptions, runLimits } from './assemble.js';
import type { GradingEnvironment } from './grading-setup.js';

export interface EnginePorts {
  /** The project directory: judge prompts and the embeddings model are found from it. */
  cwd: string;
  /** Hides the run's secrets in every answer, before the cache or a report sees it. */
  redact: Redactor;
  version: string;
  /** Told about a cache entry that cannot be read or written; the edge prints it. */
  warn?: (message: string) => void;
  /** Wraps the disk cache (the Action's comment answers share one in memory); the disk cache when absent. */
  wrapCache?: (disk: CompletionCache | undefined) => CompletionCache;
}

/** One run's own parts: what the edge adds to the engine for this run. */
export interface RunOptions {
  grading?: GradingSetup;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The provider under test, wrapped (an allowance that counts calls); the engine's own by default. */
  provider?: ChatProvider;
  /** Tests a stop cuts short are left out and counted in `summary.interrupted`, not errored (see ExecuteOptions). */
  leaveOutUnfinished?: boolean;
}

export interface Engine {
  readonly settings: EngineSettings;
  readonly redact: Redactor;
  /** Created on first use: a run that makes no calls never needs the key. */
  readonly provider: ChatProvider;
  readonly cache: CompletionCache | undefined;
  /** The calls to make for `suites`; `withRepeat: false` plans one sample a test (what the cases need, not how many calls). */
  plan(suites: Suite[], selection?: { tests?: string[]; withRepeat?: boolean }): { cases: Case[]; problems: Problem[] };
  /** What grading setup needs; the judge shares the model's provider (and key) when it shares its endpoint. */
  gradingEnvironment(): GradingEnvironment;
  /** Runs the cases, handing each result to `onResult` as soon as it is final; returns the rest of the report. */
  stream(cases: Case[], options: RunOptions, onResult: (result: TestResult) => void): Promise<ReportHead>;
  /** Runs the cases: the whole report. */
  run(cases: Case[], options?: RunOptions): Promise<RunReport>;
  /**
   * Runs `input.head` and `input.base` side by side and decides each test's change, with the
   * settings' comparison design (`--repeat` fixes the samples a side). `run` replaces how a
   * round's cases are run (the Action's own, which knows what a stop means).
   */
  compare(input: CompareInput, options?: RunOptions & { run?: (cases: Case[]) => Promise<RunReport> }): Promise<SideBySide>;
  /** What the suggest step runs the suite with: this engine's provider, cache, limits, models and redactor. */
  suggestOptions(step?: Partial<SuggestEngineOptions>): SuggestEngineOptions;
}

export type CompareInput = Omit<SideBySideInput, 'settings' | 'fixedSamples'>;

export function createEngine(settings: EngineSettings, ports: EnginePorts): Engine {
  let provider: ChatProvider | undefined;
  let cache: { value: CompletionCache | undefined } | undefined;
  const warn = ports.warn ? { warn: ports.warn } : {};
  const cacheOf = (): CompletionCache | undefined => {
    if (!cache) {
      const disk = settings.cacheDir ? createDiskCache(settings.cacheDir, warn) : undefined;
      cache = { value: ports.wrapCache ? ports.wrapCache(disk) : disk };
    }
    return cache.value;
  };
  const executeOptions = (options: RunOptions) => ({
    provider: options.provider ?? engine.provider,
    // The prices always: the reports show cost whether or not anything is graded.
    ...runLimits(settings),
    cache: cacheOf(),
    ...(options.grading ? { grading: options.grading } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.leaveOutUnfinished ? { leaveOutUnfinished: true } : {}),
    version: ports.version,
    redact: ports.redact,
  });
  const engine: Engine = {
    settings,
    redact: ports.redact,
    get provider() {
      return (provider ??= modelProvider(settings));
    },
    get cache() {
      return cacheOf();
    },
    plan: (suites, selection = {}) => planCases(suites, planOptions(settings, selection)),
    gradingEnvironment() {
      const cache = cacheOf();
      return gradingEnvironment(settings, {
        mainProvider: engine.provider,
        cwd: ports.cwd,
        ...(cache ? { cache } : {}),
        ...(settings.cacheDir ? { embeddingCache: createDiskEmbeddingCache(settings.cacheDir, warn) } : {}),
      });
    },
    stream: (cases, options, onResult) => streamCases(cases, executeOptions(options), onResult),
    run: (cases, options = {}) => executeCases(cases, executeOptions(options)),
    compare(input, options = {}) {
      const run = options.run ?? ((cases: Case[]) => executeCases(cases, executeOptions(options)));
      const sideBySide: SideBySideInput = {
        ...input,
        settings: settings.compare,
        ...(settings.repeat !== undefined ? { fixedSamples: settings.repeat } : {}),
        ...(options.signal && !input.signal ? { signal: options.signal } : {}),
      };
      return compareSides(sideBySide, { plan: (suites, samples) => planCases(suites, { ...planOptions(settings), samples }), run });
    },
    suggestOptions(step = {}) {
      const cache = cacheOf();
      return {
        provider: engine.provider,
        ...(cache ? { cache } : {}),
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        maxRetryTimeMs: settings.maxRetryTimeMs,
        ...(settings.modelOverride !== undefined ? { modelOverride: settings.modelOverride } : {}),
        ...(settings.defaultModel !== undefined ? { defaultModel: settings.defaultModel } : {}),
        version: ports.version,
        redact: ports.redact,
        // A candidate is compared with the file as it is by the same design as a pull request.
        compare: settings.compare,
        ...step,
      };
    },
  };
  return engine;
}
