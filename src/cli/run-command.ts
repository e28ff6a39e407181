import { resolve } from 'node:path';
import type { RunReport } from '../types.js';
import { executeCases, hasErrors, loadSuites, planCases } from '../pipeline.js';
import { createOpenAIProvider } from '../provider/openai.js';
import { createDiskCache } from '../provider/cache.js';
import { confinedCacheDir } from '../provider/cache-location.js';
import { gradingForCases } from './grading.js';
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { formatProblems } from '../report/problems.js';
import { createProgress } from '../report/progress.js';
import { formatConsoleReport } from '../report/console.js';
import { toJson } from '../report/json.js';
import { toJUnit } from '../report/junit.js';
import { toMarkdown } from '../report/markdown.js';
import { createRedactor } from '../redact.js';
import { secretsOf, type RunSettings } from './settings.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';
import { createHeapTrimmer } from './heap-trim.js';

export async function runCommand(settings: RunSettings, terminal: Terminal, version: string): Promise<ExitCodeValue> {
  const trimHeap = createHeapTrimmer();
  const { suites, problems } = await loadSuites(settings.paths, terminal.cwd, { onFileLoaded: trimHeap });
  const plan = hasErrors(problems)
    ? { cases: [], problems: [] }
    : planCases(suites, {
        modelOverride: settings.modelOverride,
        defaultModel: settings.defaultModel,
        repeat: settings.repeat,
        tests: settings.tests,
      });
  const allProblems = [...problems, ...plan.problems, ...checkCostAssertionPrices(plan.cases, settings.grading.prices)];
  if (allProblems.length > 0) terminal.stderr.write(formatProblems(allProblems, { color: settings.color }) + '\n');
  if (hasErrors(allProblems)) {
    terminal.stderr.write('Nothing was sent to the model. Fix the problems above, or run `promptgate validate` to check files alone.\n');
    return ExitCode.InvalidInput;
  }
  guardAgainstOverwritingPrompts(settings, suites.map((suite) => suite.file), terminal.cwd);

  if (plan.cases.length === 0) {
    terminal.stdout.write('Nothing to run: the selected files have no tests.\n');
    return ExitCode.Ok;
  }

  const mainProvider = createOpenAIProvider({ baseURL: settings.baseURL, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
  const cacheDir = await confinedCacheDir(settings.cacheDir, terminal.cwd, (message) => terminal.stderr.write(`promptgate: warning: ${message}\n`));
  const cache = cacheDir ? createDiskCache(cacheDir) : undefined;
  const grading = await gradingForCases(plan.cases, settings, { mainProvider, cwd: terminal.cwd, ...(cache ? { cache } : {}), ...(cacheDir ? { cacheDir } : {}) });

  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once('SIGINT', onInterrupt);
  const progress = settings.quiet
    ? undefined
    : createProgress(terminal.stderr, plan.cases.length, { interactive: settings.interactive });
  let report: RunReport;
  try {
    report = await executeCases(plan.cases, {
      provider: mainProvider,
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      maxRetryTimeMs: settings.maxRetryTimeMs,
      cache,
      prices: settings.grading.prices,
      ...(grading ? { grading } : {}),
      onProgress: (done) => {
        progress?.update(done);
        if (done % 256 === 0) trimHeap();
      },
      signal: abort.signal,
      version,
      // Answers that echo a key are redacted before the cache, the reports or the console see them.
      redact: createRedactor(secretsOf(settings)),
    });
  } finally {
    progress?.finish();
    process.off('SIGINT', onInterrupt);
  }

  // The JSON goes first: later reporters (and the action) must never lose the results.
  await writeOutputs(settings, report, terminal.cwd);
  terminal.stdout.write(formatConsoleReport(report, { color: settings.color, quiet: settings.quiet }) + '\n');

  if (abort.signal.aborted) return ExitCode.Interrupted;
  return verdict(report, settings.minPassRate);
}

/**
 * With --min-pass-rate the run tolerates some failing tests (a quality bar, as for releases);
 * without it every test must pass. A definite failure is a verdict on the prompt, so it outranks
 * cases the provider kept us from judging.
 */
export function verdict(report: RunReport, minPassRate: number | undefined): ExitCodeValue {
  const { summary } = report;
  const failed = minPassRate === undefined ? summary.failed > 0 : summary.passRate < minPassRate;
  if (failed) return ExitCode.Failed;
  if (summary.errored > 0) return ExitCode.ProviderErrors;
  return ExitCode.Ok;
}

async function writeOutputs(settings: RunSettings, report: RunReport, cwd: string): Promise<void> {
  const { json, junit, markdown } = settings.outputs;
  if (json) await writeFileAtomic(resolve(cwd, json), toJson(report));
  if (junit) await writeFileAtomic(resolve(cwd, junit), toJUnit(report));
  if (markdown) await writeFileAtomic(resolve(cwd, markdown), toMarkdown(report));
}

function guardAgainstOverwritingPrompts(settings: RunSettings, promptFiles: string[], cwd: string): void {
  const prompts = new Set(promptFiles.map((file) => resolve(cwd, file)));
  for (const [flag, path] of Object.entries(settings.outputs)) {
    if (path && prompts.has(resolve(cwd, path))) {
      throw new UsageError(`--${flag === 'json' ? 'output' : flag} ${path} would overwrite a prompt file; choose another path`);
    }
  }
}
