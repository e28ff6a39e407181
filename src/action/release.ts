// A release (a release published, or a tag pushed), or any run outside a pull request that names a
// `baseline`: every prompt file `prompts` selects runs as the workspace holds it, side by side with
// the previous release's version (read through the API at its tag) on the same endpoint and judge,
// or against the baseline's recorded samples; the gates of promptgate.config.yaml are checked; the
// release report goes to the job summary and to a file for the release notes.
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { DEFAULT_GATES, type Gate, type GateOutcome } from '../gates/gate.js';
import { checkGates } from '../gates/check-gates.js';
import { releaseReport } from '../gates/release-report.js';
import type { GitHubClient } from '../github/octokit.js';
import { hasErrors, loadSuites } from '../pipeline.js';
import { toMarkdown } from '../report/markdown.js';
import { compareReports } from '../review/classify.js';
import { scopesOfCases, unknownScopeProblems, type DeclaredGate } from '../settings/gates.js';
import type { Problem, RunReport, Suite } from '../types.js';
import { ActionError } from './action-error.js';
import { annotateProblems, annotateResults } from './annotations.js';
import { emptyReport, type Engine } from './engine.js';
import type { OtherEvent, ReleaseEvent } from './event.js';
import type { ActionInputs } from './inputs.js';
import { noteMarkdown, problemsMarkdown, writeJobSummary } from './job-summary.js';
import { readPreviousRelease } from './previous-release.js';
import { missingKeyMessage } from './pull-request.js';
import { readReleaseBaseline } from './release-baseline.js';
import { resultsDir, writeResults } from './results-file.js';
import type { RunResult } from './run-result.js';
import type { RunnerIo } from './runner-io.js';
import type { ActionSettings } from './run-settings.js';

export interface ReleaseRun {
  inputs: ActionInputs;
  settings: ActionSettings;
  engine: Engine;
  /** A release or a pushed tag; any other event only with the `baseline` input. */
  event: ReleaseEvent | OtherEvent;
  /** Creates the API client, when the previous release has to be found (the `baseline` input needs none). */
  octokit: () => GitHubClient;
  io: RunnerIo;
  workspace: string;
  /** The gates promptgate.config.yaml declares, each with its place (DEFAULT_GATES apply when it declares none). */
  gates: readonly DeclaredGate[];
}

/** What the run was compared with. */
type BaseSide =
  | { kind: 'previous-release'; label: string; suites: Suite[]; notes: string[] }
  | { kind: 'baseline'; label: string; report: RunReport; notes: string[] }
  | { kind: 'none'; note: string };

export async function runRelease(run: ReleaseRun): Promise<RunResult> {
  const { event, inputs } = run;
  if (event.kind === 'release' && event.nothingToGate) return finishWithNote(run, `Nothing to gate for ${event.tag}: ${event.nothingToGate}.`);

  const head = await loadSuites(inputs.prompts, run.workspace);
  const plan = hasErrors(head.problems) ? { cases: [], problems: [] } : run.engine.plan(head.suites);
  const problems = [...head.problems, ...plan.problems];
  annotateProblems(run.io, problems);
  if (hasErrors(problems)) return stopForProblems(run, problems);

  const unknown = unknownScopeProblems(run.gates, scopesOfCases(plan.cases));
  if (unknown.length > 0) {
    annotateProblems(run.io, unknown);
    throw new ActionError(`${unknown.map((problem) => `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`).join('; ')}; nothing was run`);
  }
  const gates = gatesOfRun(run.gates.map((declared) => declared.gate), run.settings.minPassRate);
  if (plan.cases.length > 0 && run.settings.missingApiKey) throw new ActionError(missingKeyMessage());

  const base = await baseSide(run, head.suites);
  const headLabel = event.kind === 'release' ? event.tag : event.sha.slice(0, 7) || 'this run';
  run.io.info(`promptgate: ${headLabel}: ${plan.cases.length} test case(s) from ${head.suites.length} prompt file(s), ${base.kind === 'none' ? 'compared with nothing' : `compared with ${base.label}`}`);

  const onRound = (round: number, calls: number) => run.io.info(`promptgate: round ${round}: ${calls} call(s)`);
  let report: RunReport;
  let baseReport: RunReport | undefined;
  let removed: { file: string; test: string }[] = [];
  if (base.kind === 'none') {
    report = await run.engine.execute(plan.cases);
  } else {
    const sides = await run.engine.compare(
      base.kind === 'baseline' ? { head: head.suites, base: [], baseline: base.report, onRound } : { head: head.suites, base: base.suites, onRound },
    );
    if (hasErrors(sides.problems)) {
      annotateProblems(run.io, sides.problems);
      throw new ActionError('the comparison could not be planned (see the annotations); the tests that ran are in the results file');
    }
    ({ head: report, removed } = sides);
    baseReport = sides.base;
  }

  const compared = report.results.some((result) => result.comparison !== undefined && result.comparison.change !== 'new');
  const outcomes = checkGates(gates, report, baseReport);
  // Results first, as everywhere: the reports are views of them.
  const resultsFile = await writeResults(report, baseReport);
  annotateResults(run.io, report, compared ? compareReports(report, baseReport) : undefined);

  const notes = base.kind === 'none' ? [`${base.note}: the suite ran alone, and the gates that need a baseline are skipped`] : [...base.notes];
  if (base.kind !== 'none' && !compared) notes.push(`none of the tests existed in ${base.label}: every test is new, and the gates that need a baseline are skipped`);
  for (const note of notes) run.io.info(`promptgate: ${note}`);
  logGates(run.io, outcomes);

  const markdown = releaseReport({
    head: report,
    ...(baseReport ? { base: baseReport } : {}),
    removed,
    gates: outcomes,
    headLabel,
    ...(base.kind !== 'none' ? { baseLabel: base.label } : {}),
    notes,
  });
  const reportFile = join(resultsDir(), 'release-report.md');
  await writeFileAtomic(reportFile, markdown);
  // The release report, then the run's own (every failure with its output) for whoever has to fix one.
  await writeJobSummary(run.io, `${markdown}\n${toMarkdown(report)}`);

  return {
    report,
    regressions: report.summary.comparison?.regression ?? 0,
    comparedWithBase: compared,
    invalidFiles: 0,
    resultsFile,
    release: { gates: outcomes, reportFile, comparedWith: base.kind === 'none' ? '' : base.label },
  };
}

/** The declared gates, else no regression; the min-pass-rate input (or config) as one more, so the report shows its figure. */
function gatesOfRun(declared: readonly Gate[], minPassRate: number | undefined): Gate[] {
  const gates = declared.length > 0 ? [...declared] : [...DEFAULT_GATES];
  const overall = gates.some((gate) => gate.kind === 'min-pass-rate' && gate.tag === undefined && gate.file === undefined);
  if (minPassRate !== undefined && !overall) gates.push({ kind: 'min-pass-rate', limit: minPassRate });
  return gates;
}

async function baseSide(run: ReleaseRun, head: Suite[]): Promise<BaseSide> {
  const { inputs, event } = run;
  if (inputs.baseline !== undefined) {
    const baseline = await readReleaseBaseline(inputs.baseline, run.workspace, head);
    return { kind: 'baseline', label: inputs.baseline, report: baseline.report, notes: baseline.notes };
  }
  if (event.kind !== 'release') return { kind: 'none', note: 'No baseline was named' };
  if (inputs.githubToken === '') {
    throw new ActionError('the github-token input is empty; leave it at its default (${{ github.token }}) so the previous release can be found, or name a results file with the baseline input');
  }
  const previous = await readPreviousRelease(run.octokit(), event, inputs.prompts, head);
  if (!previous.found) return { kind: 'none', note: capitalise(previous.why) };
  const plan = run.engine.plan(previous.loaded.suites);
  const problems = [...previous.loaded.problems, ...plan.problems];
  const broken = new Set(problems.filter((problem) => problem.severity === 'error').map((problem) => problem.file));
  // A whole-run problem (too large to plan) leaves no base at all.
  const suites = broken.has('') ? [] : previous.loaded.suites.filter((suite) => !broken.has(suite.file));
  const notes = [...previous.notes];
  for (const file of [...broken].filter((file) => file !== '').sort()) {
    notes.push(`the version of ${file} in ${previous.tag} could not be run (it has problems or names no model), so its tests count as new`);
  }
  if (broken.has('')) notes.push(`the prompt files of ${previous.tag} could not be run together, so every test counts as new`);
  return { kind: 'previous-release', label: previous.tag, suites, notes };
}

function logGates(io: RunnerIo, outcomes: readonly GateOutcome[]): void {
  for (const gate of outcomes) {
    const figure = gate.status === 'skipped' ? `skipped (${gate.measured})` : `${gate.status}: ${gate.measured} (limit ${gate.limit})`;
    io.info(`promptgate: gate ${gate.name}: ${figure}`);
    if (gate.status === 'failed') for (const test of gate.blamed ?? []) io.info(`promptgate:   ${test}`);
  }
}

async function finishWithNote(run: ReleaseRun, note: string): Promise<RunResult> {
  const report = emptyReport();
  const resultsFile = await writeResults(report);
  run.io.info(`promptgate: ${note}`);
  await writeJobSummary(run.io, noteMarkdown(note));
  return { report, regressions: 0, comparedWithBase: false, invalidFiles: 0, resultsFile };
}

async function stopForProblems(run: ReleaseRun, problems: Problem[]): Promise<RunResult> {
  const report = emptyReport();
  const resultsFile = await writeResults(report);
  await writeJobSummary(run.io, problemsMarkdown(problems));
  return { report, regressions: 0, comparedWithBase: false, invalidFiles: problems.filter((problem) => problem.severity === 'error').length, resultsFile };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
