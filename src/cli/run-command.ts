import { resolve } from 'node:path';
import type { Case, Problem, ReportHead, TestResult } from '../types.js';
import { hasErrors, loadSuites, planCases } from '../pipeline.js';
import { planOptions } from '../engine/assemble.js';
import { cliEngine } from './engine.js';
import { gradingForCases } from './grading.js';
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import { formatProblems } from '../report/problems.js';
import { runProgress } from './progress.js';
import { DigestBuilder } from '../report/digest.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';
import { ReportPathError, usageProblem, writeRefusalReports } from './refusal-reports.js';
import { redactorOf, severalModels, type RunSettings } from './settings.js';
import { nothingToRerun, readFailedTests, rerunIntro } from './failed-from.js';
import { createHeapTrimmer } from './heap-trim.js';
import { ReportFiles } from './report-files.js';
import { StopSignals } from '../engine/stop-signals.js';
import { compareAndReport, resolveAgainst } from './compare-run.js';
import { finishRun } from './finish-run.js';
import { checkBeforeCalls } from './before-calls.js';
import { gateFacts, gatesOfRun } from './run-gates.js';
import { checkGates } from '../gates/check-gates.js';
import { shardCases, type ShardRecord } from '../shard/partition.js';
import { plural } from '../report/numbers.js';

export async function runCommand(settings: RunSettings, terminal: Terminal, version: string): Promise<ExitCodeValue> {
  // The files the run reads, added to as they are found: a report of a refusal never replaces one.
  const inputs = [...settings.paths, ...[settings.baseline, settings.failedFrom].filter((path): path is string => path !== undefined)];
  const refused = (problems: Problem[], skip?: string) =>
    writeRefusalReports(
      { problems, outputs: settings.outputs, inputs, ...(skip !== undefined ? { skip } : {}) },
      { cwd: terminal.cwd, version, stderr: terminal.stderr, redact: redactorOf(settings) },
    );
  try {
    return await checkedRun(settings, terminal, version, { inputs, refused });
  } catch (error) {
    // Refused before any call: the reports asked for say why (all but one whose path is the problem).
    if (error instanceof UsageError) refused([usageProblem(error)], error instanceof ReportPathError ? error.flag : undefined);
    throw error;
  }
}

interface Refusals {
  inputs: string[];
  refused: (problems: Problem[]) => void;
}

async function checkedRun(settings: RunSettings, terminal: Terminal, version: string, { inputs, refused }: Refusals): Promise<ExitCodeValue> {
  // First: a ref git cannot use is a usage error whatever the files hold, and cheap to find.
  const against = settings.against !== undefined ? await resolveAgainst(settings.against, terminal) : undefined;
  const trimHeap = createHeapTrimmer();
  const { suites, problems: loadProblems } = await loadSuites(settings.paths, terminal.cwd, { onFileLoaded: trimHeap });
  const failed = settings.failedFrom !== undefined ? await readFailedTests(settings.failedFrom, terminal.cwd) : undefined;
  const problems = failed?.ok === false ? [...loadProblems, failed.problem] : loadProblems;
  // From here on the run selects only what failed there: the plan, the baseline and the comparison read it from the settings.
  if (failed?.ok) settings = { ...settings, only: failed.only };
  const plan = hasErrors(problems)
    ? { cases: [], problems: [] }
    : planCases(suites, planOptions(settings, { tests: settings.tests, ...(settings.only ? { only: settings.only } : {}) }));
  // The baseline and the gates are checked against what the run selected, before any call.
  const before = hasErrors(problems) || hasErrors(plan.problems) ? { problems: [] } : await checkBeforeCalls(settings, suites, plan.cases, terminal.cwd);
  const allProblems = [...problems, ...plan.problems, ...checkCostAssertionPrices(plan.cases, settings.grading.prices), ...before.problems];
  if (allProblems.length > 0) terminal.stderr.write(formatProblems(allProblems, { color: settings.color }) + '\n');
  if (hasErrors(allProblems)) {
    inputs.push(...suites.map((suite) => suite.file), ...allProblems.map((problem) => problem.file).filter((file) => file !== ''));
    refused(allProblems);
    terminal.stderr.write('Nothing was sent to the model. Fix the problems above, or run `promptgate validate` to check files alone.\n');
    return ExitCode.InvalidInput;
  }
  inputs.push(...suites.map((suite) => suite.file));
  guardAgainstOverwritingPrompts(settings, suites.map((suite) => suite.file), terminal.cwd);

  for (const note of failed?.ok ? failed.notes : []) terminal.stderr.write(`promptgate: warning: ${note}\n`);
  if (plan.cases.length === 0) {
    terminal.stdout.write(failed?.ok ? `${nothingToRerun(failed.only, settings.failedFrom!)}\n` : 'Nothing to run: the selected files have no tests.\n');
    return ExitCode.Ok;
  }
  if (failed?.ok && !settings.quiet) terminal.stderr.write(`promptgate: ${rerunIntro(failed.only, plan.cases, settings.failedFrom!)}\n`);

  // Before the first call: a report that cannot be written is found now, not after the run.
  const reportFiles = ReportFiles.open(settings.outputs, terminal.cwd, { showModel: severalModels(settings) });
  try {
    const compareWith = against ? { against } : before.baseline ? { baseline: before.baseline } : undefined;
    if (compareWith) return await compareAndReport({ suites, cases: plan.cases }, compareWith, settings, terminal, version, reportFiles);
    // Every shard plans the whole selection and keeps its part; an empty part still writes its results for the merge.
    const shard = settings.shard ? shardCases(plan.cases, settings.shard) : undefined;
    if (shard && !settings.quiet) terminal.stderr.write(`promptgate: ${describeShard(shard.record, shard.cases.length, plan.cases.length)}\n`);
    return await runAndReport(shard?.cases ?? plan.cases, settings, terminal, version, reportFiles, trimHeap, shard?.record);
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
  shard?: ShardRecord,
): Promise<ExitCodeValue> {
  const engine = await cliEngine(settings, terminal, version);
  const grading = await gradingForCases(cases, engine);

  const stopSignals = new StopSignals();
  try {
    const progress = runProgress(cases, settings, terminal);
    // Passing tests are written away as they come and only counted here; failures are kept for the console.
    const notable = new DigestBuilder({ models: settings.models });
    const gates = gatesOfRun(settings, false);
    const gated: TestResult[] = [];
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
          // A stop leaves out the tests it cut short: the reports say how far the run got instead.
          leaveOutUnfinished: true,
        },
        (result) => {
          reportFiles.add(result);
          notable.add(result);
          progress?.result(result);
          if (gates.length > 0) gated.push(gateFacts(result));
        },
      );
    } finally {
      progress?.finish();
    }
    if (shard) head = { ...head, shard };

    const outcomes = gates.length > 0 ? checkGates(gates, { ...head, results: gated }) : [];
    return finishRun(head, notable.finish(head.summary), { settings, terminal, reportFiles, stopSignals }, { gates: outcomes });
  } finally {
    stopSignals.dispose();
  }
}

function describeShard(record: ShardRecord, mine: number, all: number): string {
  return `shard ${record.index}/${record.count} of run ${record.run}: ${plural(mine, 'case')} of ${all}`;
}

function guardAgainstOverwritingPrompts(settings: RunSettings, promptFiles: string[], cwd: string): void {
  const prompts = new Set(promptFiles.map((file) => resolve(cwd, file)));
  for (const [flag, path] of Object.entries(settings.outputs)) {
    if (path && prompts.has(resolve(cwd, path))) {
      const option = `--${flag === 'json' ? 'output' : flag}`;
      throw new ReportPathError(option, `${option} ${path} would overwrite a prompt file; choose another path`);
    }
  }
}
