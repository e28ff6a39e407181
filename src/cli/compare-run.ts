// `promptgate run --against <ref>`: the selected prompt files as they are in the working tree (the
// head) and as they were at the ref (the base, read from git), run side by side by the engine's
// comparison, and shown as a pull request shows them: what changed, with each side's evidence.
import type { Engine } from '../engine/engine.js';
import { StopSignals } from '../engine/stop-signals.js';
import type { GradingSetup } from '../grade/grader.js';
import { DigestBuilder } from '../report/digest.js';
import { formatProblems } from '../report/problems.js';
import { plural } from '../report/numbers.js';
import { createProgress, type Progress } from '../report/progress.js';
import type { SideBySide } from '../side-by-side/compare-sides.js';
import type { Case, Suite } from '../types.js';
import { loadBase, selectTests } from './base-suites.js';
import { cliEngine } from './engine.js';
import type { ExitCodeValue } from './exit-codes.js';
import { finishRun } from './finish-run.js';
import { resolveRef, type ResolvedRef } from './git-ref.js';
import { gradingForCases } from './grading.js';
import type { ReportFiles } from './report-files.js';
import type { RunSettings } from './settings.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** The commit to compare with, and where the working directory sits in its repository. */
export interface Against {
  at: ResolvedRef;
  prefix: string;
}

/** The commit `ref` names; a ref git cannot use stops the command before anything is read or sent. */
export async function resolveAgainst(ref: string, terminal: Terminal): Promise<Against> {
  const found = await resolveRef(terminal.cwd, ref, terminal.env);
  if (!found.ok) throw new UsageError(`${found.message}. Nothing was sent to the model.`);
  return { at: found.at, prefix: found.prefix };
}

export async function compareAndReport(
  head: { suites: Suite[]; cases: Case[] },
  against: Against,
  settings: RunSettings,
  terminal: Terminal,
  version: string,
  reportFiles: ReportFiles,
): Promise<ExitCodeValue> {
  const engine = await cliEngine(settings, terminal, version);
  const headSuites = head.suites.flatMap((suite) => selectTests(suite, settings.tests) ?? []);
  const base = await loadBase(headSuites, { ...against.at, prefix: against.prefix }, terminal, engine, settings.tests);
  if (!base.ok) throw new UsageError(`--against ${against.at.ref}: git could not read the prompt files at ${against.at.label}: ${base.message}. Nothing was sent to the model.`);
  for (const note of base.notes) terminal.stderr.write(`promptgate: warning: ${note}\n`);
  const grading = await gradingForCases([...head.cases, ...base.cases], engine);

  const stopSignals = new StopSignals();
  try {
    if (!settings.quiet) {
      const there = `${base.suites.length} of ${plural(headSuites.length, 'file')} ${base.suites.length === 1 ? 'has' : 'have'} a version there`;
      terminal.stderr.write(`comparing with ${against.at.label}: ${there}\n`);
    }
    const { head: report, base: baseReport, problems } = await compare(engine, { head: headSuites, base: base.suites }, settings, terminal, stopSignals, grading);
    if (problems.length > 0) terminal.stderr.write(formatProblems(problems, { color: settings.color }));
    const notable = new DigestBuilder();
    for (const result of report.results) {
      reportFiles.add(result);
      notable.add(result);
    }
    const { results: _written, ...reportHead } = report;
    return finishRun(reportHead, notable.finish(report.summary), { settings, terminal, reportFiles, stopSignals }, {
      against: against.at.label,
      notes: base.notes,
      ...(baseReport ? { base: baseReport.summary } : {}),
    });
  } finally {
    stopSignals.dispose();
  }
}

/** Runs the comparison's rounds, with a progress line for each. */
async function compare(
  engine: Engine,
  sides: { head: Suite[]; base: Suite[] },
  settings: RunSettings,
  terminal: Terminal,
  stopSignals: StopSignals,
  grading: GradingSetup | undefined,
): Promise<SideBySide> {
  let progress: Progress | undefined;
  try {
    return await engine.compare(
      {
        ...sides,
        onRound: (round, calls) => {
          progress?.finish();
          if (settings.quiet) return;
          // The first round samples every test; later ones only those whose evidence is still undecided.
          terminal.stderr.write(round === 1 ? `round 1: ${plural(calls, 'call')}\n` : `round ${round}: ${plural(calls, 'more call')} for the undecided tests\n`);
          progress = createProgress(terminal.stderr, calls, { interactive: settings.interactive });
        },
      },
      {
        ...(grading ? { grading } : {}),
        onProgress: (done) => progress?.update(done),
        signal: stopSignals.abortSignal,
      },
    );
  } finally {
    progress?.finish();
  }
}
