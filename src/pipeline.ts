// The pure core, end to end: load → validate → expand → run → assert → results.
// It reads prompt files and talks to a ChatProvider; it knows nothing of GitHub, flags or terminals.
import { resolve } from 'node:path';
import { readUtf8File, type Decoded } from './fs/utf8.js';
import type { Case, Problem, ReportHead, RunEndpoints, RunReport, Suite, TestResult } from './types.js';
import type { ChatProvider } from './run/provider.js';
import type { CompletionCache } from './run/cache.js';
import { discoverPromptFiles } from './suite/discover.js';
import { loadSuite } from './suite/load.js';
import { expandSuite, type ExpandOptions } from './suite/expand.js';
import { runPromptSizeProblem, runSizeProblem } from './suite/check-size.js';
import { selectTests, unmatchedMessage } from './suite/select-tests.js';
import { runEachCase } from './run/runner.js';
import { ResultAssembler } from './run/score.js';
import { Grader, type GradingSetup } from './grade/grader.js';
import { gradingNeeds } from './grade/needs.js';
import type { Price } from './cost/prices.js';
import { redactDeep, type Redactor } from './redact.js';

export interface LoadedSuites {
  suites: Suite[];
  /** Errors and warnings from every file, all at once. */
  problems: Problem[];
}

export async function loadSuites(paths: string[], cwd: string, options: { onFileLoaded?: () => void } = {}): Promise<LoadedSuites> {
  const discovered = await discoverPromptFiles(paths, cwd);
  const problems = [...discovered.problems];
  const suites: Suite[] = [];
  const texts = discovered.files.map((file) => readUtf8File(resolve(cwd, file)));
  // Reads overlap; parsing is synchronous, so files are loaded one after another in a stable order.
  for (const [index, file] of discovered.files.entries()) {
    let result: { suite?: Suite; problems: Problem[] };
    try {
      const decoded: Decoded = await texts[index]!;
      result = decoded.ok
        ? loadSuite(file, decoded.text)
        : { problems: [{ file, line: decoded.line, column: decoded.column, severity: 'error', message: decoded.message }] };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      result = { problems: [{ file, line: 0, column: 0, severity: 'error', message: `cannot read the file (${reason})` }] };
    }
    problems.push(...result.problems);
    if (result.suite) suites.push(result.suite);
    options.onFileLoaded?.();
  }
  return { suites, problems };
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Which model each file runs with, and how many samples a test. */
export interface ModelChoices {
  /** A model for every file of the run, replacing the one each file names. */
  modelOverride?: string | undefined;
  /** Several models, each running every file once: replaces modelOverride. */
  models?: readonly string[] | undefined;
  /** Used for files that name no model. */
  defaultModel?: string;
  /** Replaces every test's own `repeat`. */
  repeat?: number;
  /** The samples to plan for each test, in place of `repeat`: see ExpandOptions. */
  samples?: ExpandOptions['samples'];
}

export interface SelectOptions extends ModelChoices {
  /** Test names, or patterns with `*` and `?`, to keep; all when empty. */
  tests: readonly string[];
  /** Only these tests, by file and name (select-tests.ts testKey): a re-run of what failed. */
  only?: ReadonlySet<string> | undefined;
}

/** Turns validated suites into the list of calls to make, or problems when a run is impossible. */
export function planCases(suites: Suite[], options: SelectOptions): { cases: Case[]; problems: Problem[] } {
  const selected = selectTests(suites, { names: options.tests, ...(options.only ? { only: options.only } : {}) });
  const several = options.models !== undefined && options.models.length > 0 ? options.models : undefined;
  // Counted before any case exists: a run too large to make would exhaust the heap while planning it.
  const tooLarge = runSizeProblem(selected.suites, { repeat: options.repeat, models: several?.length ?? 1 }) ?? runPromptSizeProblem(selected.suites);
  if (tooLarge) return { cases: [], problems: [tooLarge] };
  const cases: Case[] = [];
  const problems: Problem[] = [];
  for (const suite of selected.suites) {
    const model = options.modelOverride ?? suite.model ?? options.defaultModel;
    if (!several && !model) {
      problems.push({
        file: suite.file,
        line: 1,
        column: 1,
        severity: 'error',
        // Both edges call it "a model for every file": --model in the CLI, the `model` input in the Action.
        message: 'no model: add `model:` to the file, set `model` in promptgate.config.yaml, or choose a model for every file of the run',
      });
      continue;
    }
    // A loop, not push(...): spreading ~130,000 arguments overflows the stack.
    const models = several ? { models: several } : { model: model! };
    for (const planned of expandSuite(suite, { ...models, repeat: options.repeat, ...(options.samples ? { samples: options.samples } : {}) })) cases.push(planned);
  }
  for (const name of selected.unmatched) problems.push({ file: '', line: 0, column: 0, severity: 'error', message: unmatchedMessage(name) });
  return { cases, problems };
}

export interface ExecuteOptions {
  provider: ChatProvider;
  concurrency: number;
  timeoutMs: number;
  maxRetryTimeMs: number;
  cache?: CompletionCache;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * What a stop (`signal`) makes of the tests it cuts short: left out of the results and counted in
   * `summary.interrupted` (what a run reports to a person), or, by default, errored results (what a
   * comparison's rounds and suggest's runs count on: every test comes back, an errored sample is no evidence).
   */
  leaveOutUnfinished?: boolean;
  version: string;
  /** Judge and embeddings for graded assertions; without it they are reported as not graded. */
  grading?: GradingSetup;
  /** For `cost` and the reports' cost figures; unpriced models show no cost. */
  prices?: Readonly<Record<string, Price>>;
  /**
   * Hides the secrets the run knows (its API keys): answers and failures are redacted as they
   * arrive, before they are cached, asserted or graded, and the report once more as a whole.
   */
  redact?: Redactor;
}

export async function executeCases(cases: Case[], options: ExecuteOptions): Promise<RunReport> {
  const results: TestResult[] = [];
  const head = await streamCases(cases, options, (result) => results.push(result));
  return { ...head, results };
}

/**
 * Runs the cases and hands each test's result to `onResult` as soon as it is final, in report
 * order; returns the rest of the report (the summary). Keeps nothing of a finished test, so a
 * caller that writes results away as they come (the CLI's report files) holds little per case.
 */
export async function streamCases(cases: Case[], options: ExecuteOptions, onResult: (result: TestResult) => void): Promise<ReportHead> {
  const startedAt = new Date();
  const grader = options.grading ? new Grader(options.grading) : undefined;
  const redact = options.redact;
  // Answers are clean already; this covers what came from the prompt files (a key written into a
  // variable or an assertion). Copy on write, so a clean result costs a walk.
  const assembler = new ResultAssembler(
    cases,
    options.prices ?? options.grading?.prices,
    (result) => onResult(redact ? redactDeep(result, redact) : result),
    options.leaveOutUnfinished ? options.signal : undefined,
  );
  const stats = await runEachCase(cases, {
    provider: options.provider,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    maxRetryTimeMs: options.maxRetryTimeMs,
    cache: options.cache,
    onProgress: options.onProgress,
    signal: options.signal,
    ...(redact ? { redact } : {}),
    afterCall: async (index, outcome, session) => {
      const graded = grader ? await grader.grade(cases[index]!, outcome, session) : undefined;
      assembler.add(index, outcome, graded);
    },
  });
  const head = assembler.head(
    {
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      requests: stats.requests,
      cacheHits: stats.cacheHits,
      version: options.version,
      ...(stats.endpointsDown ? { endpointsDown: stats.endpointsDown } : {}),
      endpoints: endpointsOf(cases, options),
    },
    grader?.counters,
  );
  return redact ? redactDeep(head, redact) : head;
}

/** The providers' ids, which name their endpoints without credentials; the judge's and the embeddings' only when a case needs them. */
function endpointsOf(cases: readonly Case[], options: ExecuteOptions): RunEndpoints {
  const endpoints: RunEndpoints = { model: options.provider.id };
  if (!options.grading) return endpoints;
  const needs = gradingNeeds(cases);
  if (needs.judge) endpoints.judge = options.grading.judge.provider.id;
  if (needs.embeddings) endpoints.embeddings = options.grading.embeddings.provider.id;
  return endpoints;
}
