import { resolve } from 'node:path';
import type { Case, ReportHead } from '../types.js';
import { hasErrors, loadSuites, planCases } from '../pipeline.js';
import { planOptions } from '../engine/assemble.js';
import { cliEngine } from './engine.js';
import { gradingForCases } from './grading.js';
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import { formatProblems } from '../report/problems.js';
import { createProgress } from '../report/progress.js';
import { formatConsoleDigest } from '../report/console.js';
import { DigestBuilder } from '../report/digest.js';
import type { RunSettings } from './settings.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Terminal } from './terminal.js';
import { runVerdict, type RunVerdict } from '../verdict.js';
import { UsageError } from './usage-error.js';
import { createHeapTrimmer } from './heap-trim.js';
import { ReportFiles } from './report-files.js';
import { StopSignals } from '../engine/stop-signals.js';

export async function runCommand(settings: RunSettings, terminal: Terminal, version: string): Promise<ExitCodeValue> {
  const trimHeap = createHeapTrimmer();
  const { suites, problems } = await loadSuites(settings.paths, terminal.cwd, { onFileLoaded: trimHeap });
  const plan = hasErrors(problems)
    ? { cases: [], problems: [] }
    : planCases(suites, planOptions(settings, { tests: settings.tests }));
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

  // Before the first call: a report that cannot be written is found now, not after the run.
  const reportFiles = ReportFiles.open(settings.outputs, terminal.cwd);
  try {
    return await runAndReport(plan.cases, settings, terminal, version, reportFiles, trimHeap);
  } finally {
    reportFiles.discard();
  }
}

async function runAndReport(
  cases: Case[],
  settings: RunSettings,
  terminal: Terminal,
  version: string,
  reportFiles: ReportFiles,
  trimHeap: () => void,
): Promise<ExitCodeValue> {
  const engine = await cliEngine(settings, terminal, version);
  const grading = await gradingForCases(cases, engine);

  const stopSignals = new StopSignals();
  try {
    const progress = settings.quiet ? undefined : createProgress(terminal.stderr, cases.length, { interactive: settings.interactive });
    // Passing tests are written away as they come and only counted here; failures are kept for the console.
    const notable = new DigestBuilder();
    let head: ReportHead;
    try {
      head = await engine.stream(
        cases,
        {
          ...(grading ? { grading } : {}),
          onProgress: (done) => {
            progress?.update(done);
            if (done % 256 === 0) trimHeap();
          },
          signal: stopSignals.abortSignal,
        },
        (result) => {
          reportFiles.add(result);
          notable.add(result);
        },
      );
    } finally {
      progress?.finish();
    }

    const digest = notable.finish(head.summary);
    const failures = reportFiles.finish(head, digest);
    terminal.stdout.write(formatConsoleDigest(digest, { color: settings.color, quiet: settings.quiet }) + '\n');
    for (const failure of failures) terminal.stderr.write(`promptgate: could not write ${failure.what}: ${failure.why}\n`);

    const stoppedBy = stopSignals.received;
    if (stoppedBy) {
      terminal.stderr.write(`promptgate: stopped by ${stoppedBy}; tests not finished are reported as errored (cancelled).\n`);
      return stoppedBy === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
    }
    if (failures.length > 0) {
      const others = reportFiles.count > failures.length ? ' The other reports were written.' : '';
      terminal.stderr.write(`promptgate: the run finished, but its results were not all saved.${others}\n`);
      return ExitCode.ReportNotWritten;
    }
    return exitCodeOf(runVerdict(head, settings.minPassRate));
  } finally {
    stopSignals.dispose();
  }
}

/** The exit code for the run's verdict. */
export function exitCodeOf(verdict: RunVerdict): ExitCodeValue {
  if (verdict === 'failed') return ExitCode.Failed;
  if (verdict === 'errored') return ExitCode.ProviderErrors;
  return ExitCode.Ok;
}

function guardAgainstOverwritingPrompts(settings: RunSettings, promptFiles: string[], cwd: string): void {
  const prompts = new Set(promptFiles.map((file) => resolve(cwd, file)));
  for (const [flag, path] of Object.entries(settings.outputs)) {
    if (path && prompts.has(resolve(cwd, path))) {
      throw new UsageError(`--${flag === 'json' ? 'output' : flag} ${path} would overwrite a prompt file; choose another path`);
    }
  }
}
