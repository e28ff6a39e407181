// `promptgate run --against <ref>` and `--baseline FILE`: the selected prompt files as they are in
// the working tree (the head) compared, by the engine's comparison, with the files as they were at
// the ref (run side by side) or with an earlier run's recorded results (only the head is sampled);
// shown as a pull request shows them, checked against the release gates, and written up as a
// release report.
import type { Engine } from '../engine/engine.js';
import { StopSignals } from '../engine/stop-signals.js';
import type { GradingSetup } from '../grade/grader.js';
import { checkGates } from '../gates/check-gates.js';
import { releaseReport } from '../gates/release-report.js';
import { DigestBuilder } from '../report/digest.js';
import { showControlChars } from '../report/control-chars.js';
import { formatProblems } from '../report/problems.js';
import { plural } from '../report/numbers.js';
import type { Progress } from '../report/progress.js';
import type { SideBySide } from '../side-by-side/compare-sides.js';
import type { Case, RunReport, Suite } from '../types.js';
import { loadBase, selectTests } from './base-suites.js';
import { cliEngine } from './engine.js';
import type { ExitCodeValue } from './exit-codes.js';
import { finishRun } from './finish-run.js';
import { resolveRef, type ResolvedRef } from './git-ref.js';
import { gradingForCases } from './grading.js';
import { comparisonStart, roundProgress } from './progress.js';
import { gatesOfRun } from './run-gates.js';
import type { ReportFiles } from './report-files.js';
import { selectionOf, type RunSettings } from './settings.js';
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

/** What the run is compared with: a git ref, or a baseline results file already read and cut to the run. */
export type CompareWith = { against: Against } | { baseline: { report: RunReport; shownAs: string; notes: string[] } };

/** The base side, ready for engine.compare: suites to run, or recorded results. */
interface BaseSide {
  suites: Suite[];
  baseline?: RunReport;
  /** One sample of each base test to run: what grading must be ready for. */
  cases: Case[];
  notes: string[];
  label: string;
  /** Said on stderr before the first round. */
  intro: string;
}

export async function compareAndReport(
  head: { suites: Suite[]; cases: Case[] },
  compareWith: CompareWith,
  settings: RunSettings,
  terminal: Terminal,
  version: string,
  reportFiles: ReportFiles,
): Promise<ExitCodeValue> {
  const engine = await cliEngine(settings, terminal, version);
  const headSuites = head.suites.flatMap((suite) => selectTests(suite, selectionOf(settings)) ?? []);
  const base = 'against' in compareWith ? await baseAtRef(headSuites, compareWith.against, settings, terminal, engine) : recordedBase(headSuites, compareWith.baseline);
  // A note may quote a base version's problem, and so what that file holds: its escapes must not reach the terminal.
  for (const note of base.notes) terminal.stderr.write(`promptgate: warning: ${showControlChars(note)}\n`);
  const grading = await gradingForCases([...head.cases, ...base.cases], engine);

  const stopSignals = new StopSignals();
  try {
    if (!settings.quiet) terminal.stderr.write(`${base.intro}\n`);
    const sides = { head: headSuites, base: base.suites, ...(base.baseline ? { baseline: base.baseline } : {}) };
    const { head: report, base: baseReport, removed, problems } = await compare(engine, sides, settings, terminal, stopSignals, grading);
    if (problems.length > 0) terminal.stderr.write(formatProblems(problems, { color: settings.color }));
    const notable = new DigestBuilder();
    for (const result of report.results) {
      reportFiles.add(result);
      notable.add(result);
    }
    const gates = checkGates(gatesOfRun(settings, true), report, baseReport);
    const headLabel = headLabelOf(settings.modelOverride, base.baseline !== undefined);
    const release = settings.outputs.markdown !== undefined
      ? releaseReport({ head: report, ...(baseReport ? { base: baseReport } : {}), removed, gates, headLabel, baseLabel: base.label, notes: base.notes })
      : undefined;
    const { results: _written, ...reportHead } = report;
    // A recorded base made no calls in this run: there is no base side's usage to tell apart.
    const baseSummary = baseReport && !base.baseline ? { base: baseReport.summary } : {};
    return finishRun(reportHead, notable.finish(report.summary), { settings, terminal, reportFiles, stopSignals }, {
      gates,
      comparison: { against: base.label, notes: base.notes, removed, ...baseSummary },
      ...(release !== undefined ? { releaseReport: release } : {}),
    });
  } finally {
    stopSignals.dispose();
  }
}

/** How the release report names this run: the model it switches to, when --model gives one (a model upgrade). */
function headLabelOf(model: string | undefined, recorded: boolean): string {
  if (recorded) return model ?? 'this run';
  return model !== undefined ? `working tree (${model})` : 'working tree';
}

/** The selected files as they were at the ref; a file that cannot be run there counts as new, with a note. */
async function baseAtRef(headSuites: Suite[], against: Against, settings: RunSettings, terminal: Terminal, engine: Engine): Promise<BaseSide> {
  const base = await loadBase(headSuites, { ...against.at, prefix: against.prefix }, terminal, engine, selectionOf(settings));
  if (!base.ok) throw new UsageError(`--against ${against.at.ref}: git could not read the prompt files at ${against.at.label}: ${base.message}. Nothing was sent to the model.`);
  const there = `${base.suites.length} of ${plural(headSuites.length, 'file')} ${base.suites.length === 1 ? 'has' : 'have'} a version there`;
  return { ...base, label: against.at.label, intro: `comparing with ${against.at.label}: ${there}` };
}

function recordedBase(headSuites: Suite[], baseline: { report: RunReport; shownAs: string; notes: string[] }): BaseSide {
  const recorded = new Set(baseline.report.results.map((result) => result.file));
  const there = headSuites.filter((suite) => recorded.has(suite.file)).length;
  // The file's own text reaches the terminal only as a date.
  const day = /^\d{4}-\d{2}-\d{2}/.exec(baseline.report.startedAt)?.[0];
  const written = day ? `, recorded ${day}` : '';
  return {
    suites: [],
    baseline: baseline.report,
    cases: [],
    notes: baseline.notes,
    label: baseline.shownAs,
    intro: `comparing with ${baseline.shownAs}${written}: ${there} of ${plural(headSuites.length, 'file')} ${there === 1 ? 'has' : 'have'} results there`,
  };
}

/** Runs the comparison's rounds, with a progress line for each. */
async function compare(
  engine: Engine,
  sides: { head: Suite[]; base: Suite[]; baseline?: RunReport },
  settings: RunSettings,
  terminal: Terminal,
  stopSignals: StopSignals,
  grading: GradingSetup | undefined,
): Promise<SideBySide> {
  let progress: Progress | undefined;
  const startedAt = comparisonStart();
  try {
    return await engine.compare(
      {
        ...sides,
        onRound: (round, calls) => {
          progress?.finish();
          if (settings.quiet) return;
          // The first round samples every test; later ones only those whose evidence is still undecided.
          terminal.stderr.write(round === 1 ? `round 1: ${plural(calls, 'call')}\n` : `round ${round}: ${plural(calls, 'more call')} for the undecided tests\n`);
          progress = roundProgress(round, calls, startedAt, settings, terminal);
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
