// The pure core, end to end: load → validate → expand → run → assert → results.
// It reads prompt files and talks to a ChatProvider; it knows nothing of GitHub, flags or terminals.
import { resolve } from 'node:path';
import { readUtf8File, type Decoded } from './fs/utf8.js';
import type { Case, Problem, ReportHead, RunReport, Suite, TestResult } from './types.js';
import type { ChatProvider } from './run/provider.js';
import type { CompletionCache } from './run/cache.js';
import { discoverPromptFiles } from './suite/discover.js';
import { loadSuite } from './suite/load.js';
import { expandSuite, type ExpandOptions } from './suite/expand.js';
import { runPromptSizeProblem, runSizeProblem } from './suite/check-size.js';
import { runEachCase } from './run/runner.js';
import { ResultAssembler } from './run/score.js';
import { Grader, type GradingSetup } from './grade/grader.js';
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
  modelOverride?: string;
  /** Used for files that name no model. */
  defaultModel?: string;
  /** Replaces every test's own `repeat`. */
  repeat?: number;
  /** The samples to plan for each test, in place of `repeat`: see ExpandOptions. */
  samples?: ExpandOptions['samples'];
}

export interface SelectOptions extends ModelChoices {
  /** Test names to keep; all when empty. */
  tests: string[];
}

/** Turns validated suites into the list of calls to make, or problems when a run is impossible. */
export function planCases(suites: Suite[], options: SelectOptions): { cases: Case[]; problems: Problem[] } {
  // Counted before any case exists: a run too large to make would exhaust the heap while planning it.
  const tooLarge = runSizeProblem(suites, options) ?? runPromptSizeProblem(suites, options);
  if (tooLarge) return { cases: [], problems: [tooLarge] };
  const cases: Case[] = [];
  const problems: Problem[] = [];
  const wanted = new Set(options.tests);
  const seen = new Set<string>();
  for (const suite of suites) {
    const tests = wanted.size === 0 ? suite.tests : suite.tests.filter((test) => wanted.has(test.name));
    if (tests.length === 0) continue;
    tests.forEach((test) => seen.add(test.name));
    const model = options.modelOverride ?? suite.model ?? options.defaultModel;
    if (!model) {
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
    for (const planned of expandSuite({ ...suite, tests }, { model, repeat: options.repeat, ...(options.samples ? { samples: options.samples } : {}) })) cases.push(planned);
  }
  for (const name of wanted) {
    if (!seen.has(name)) {
      problems.push({ file: '', line: 0, column: 0, severity: 'error', message: `no test named "${name}" in the selected files` });
    }
  }
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
    },
    grader?.counters,
  );
  return redact ? redactDeep(head, redact) : head;
}
