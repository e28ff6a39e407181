// A pull request: run the prompt files it changes at the head and as they were at the base, side
// by side until the evidence decides each test (regression, improvement, unchanged, inconclusive,
// new), write the results, then say so on the pull request.
import type { PullPatches } from '../review/anchor-check.js';
import { fetchFilesAt } from '../github/base-contents.js';
import { describeGitHubError, type GitHubClient, type PullRequestRef } from '../github/octokit.js';
import { pullRequestPublisher } from '../github/publish-pull-request.js';
import { listPullFiles } from '../github/pull-files.js';
import { describeRateLimit, rateLimitOf } from '../github/rate-limit.js';
import { hasErrors, type LoadedSuites } from '../pipeline.js';
import { compareReports, countChanges } from '../review/classify.js';
import { parsePatch } from '../review/diff.js';
import { planFindings, stillFailing } from '../review/findings.js';
import { jobIdentity, type JobIdentity } from '../review/job.js';
import { renderSummaryComment } from '../review/render.js';
import type { Problem, Suite } from '../types.js';
import { ActionError } from './action-error.js';
import { toMarkdown } from '../report/markdown.js';
import { annotateProblems, annotateResults } from './annotations.js';
import { comparisonSection } from '../review/comparison-section.js';
import { selectChangedPrompts, type ChangedPrompt } from './changed-prompts.js';
import { emptyReport, type Engine } from './engine.js';
import type { PullRequestEvent } from './event.js';
import type { ActionInputs } from './inputs.js';
import { noteMarkdown, problemsMarkdown, writeJobSummary } from './job-summary.js';
import { publish } from './publish.js';
import { writeResults } from './results-file.js';
import type { RunResult } from './run-result.js';
import type { RunnerIo } from './runner-io.js';
import type { ActionSettings } from './run-settings.js';
import { noteSummary, problemsSummary } from './stop-summary.js';
import { loadFromTexts, loadFromWorkspace } from './suite-sources.js';

export interface PullRequestRun {
  inputs: ActionInputs;
  settings: ActionSettings;
  engine: Engine;
  event: PullRequestEvent;
  octokit: GitHubClient;
  /** The runner's log, annotations and job summary. */
  io: RunnerIo;
  workspace: string;
  runUrl?: string;
}

export const NO_SECRETS_NOTE =
  'The API key is empty: secrets are not available to workflows from forks; no model calls were made. ' +
  '(Dependabot’s runs get no secrets either.) To test these prompts, push the branch to this repository.';

export async function runPullRequest(run: PullRequestRun): Promise<RunResult> {
  const { event, octokit, inputs } = run;
  const pull: PullRequestRef = { owner: event.owner, repo: event.repo, pullNumber: event.number, headSha: event.headSha };

  const files = await githubStep('list the pull request’s files', () => listPullFiles(octokit, pull));
  const changed = await selectChangedPrompts(files, inputs.prompts);
  const patches: PullPatches = new Map(files.map((file) => [file.filename, file.patch === undefined ? undefined : parsePatch(file.patch)]));

  if (changed.length === 0) {
    return finishWithNote(run, pull, 'No prompt files selected by `prompts` changed in this pull request; nothing to run.');
  }
  if (inputs.apiKey === '' && event.name === 'pull_request' && (event.fromFork || /^dependabot\b/i.test(event.actor))) {
    run.io.warning(NO_SECRETS_NOTE);
    return finishWithNote(run, pull, NO_SECRETS_NOTE);
  }
  if (run.settings.missingApiKey) throw new ActionError(missingKeyMessage());

  run.io.info(`promptgate: ${changed.length} changed prompt file(s): ${changed.map((file) => file.path).join(', ')}`);
  const head = await loadHead(run, changed);
  const headPlan = hasErrors(head.problems) ? { cases: [], problems: [] } : run.engine.plan(head.suites);
  const problems = [...head.problems, ...headPlan.problems];
  if (hasErrors(problems)) return stopForProblems(run, pull, problems);
  annotateProblems(run.io, problems);

  const base = await loadBase(run, changed);
  const basePlan = run.engine.plan(base.suites);
  const baseProblems = [...base.problems, ...basePlan.problems];
  const notes = baseProblemNotes(baseProblems);
  const baseSuites = runnableSuites(base.suites, baseProblems);

  const renamedFrom = new Map(changed.filter((file) => file.status === 'renamed' && file.basePath).map((file) => [file.path, file.basePath!]));
  run.io.info(`promptgate: comparing the head ${event.headSha.slice(0, 7)} with the base ${event.baseSha.slice(0, 7)}, ${headPlan.cases.length} test case(s) at the head`);
  const sides = await run.engine.compare({
    head: head.suites,
    base: baseSuites,
    renamedFrom,
    onRound: (round, calls) => run.io.info(`promptgate: round ${round}: ${calls} call(s), both sides`),
  });
  const headReport = sides.head;
  const baseReport = sides.base;

  const compared = compareReports(headReport, baseReport, renamedFrom);
  // Results first: nothing that happens while posting may lose them.
  const resultsFile = await writeResults(headReport, baseReport);
  annotateResults(run.io, headReport, compared);

  const job = jobOf(inputs);
  const summaryInput = { compared, head: headReport, base: baseReport, headSha: event.headSha, notes, job, ...(run.runUrl ? { runUrl: run.runUrl } : {}) };
  const section = comparisonSection(compared, event.baseSha, notes, headReport.summary.comparison, baseReport?.summary);
  await writeJobSummary(run.io, toMarkdown(headReport, { extraSections: [section] }));
  const suites = new Map<string, Suite>(head.suites.map((suite) => [suite.file, suite]));
  await publish(run.io, pullRequestPublisher(octokit, pull), inputs.comment, {
    findings: planFindings(compared, suites, patches),
    patches,
    undecidedFiles: new Set(compared.filter((entry) => entry.change === 'errored').map((entry) => entry.file)),
    stillFailing: stillFailing(compared, suites),
    maxComments: inputs.maxComments,
    job,
    selectedFiles: new Set(changed.map((file) => file.path)),
    renderSummary: (maxChars) => renderSummaryComment(summaryInput, { maxChars }),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
  });

  // The comparison's own count: what the summary's false-alarm rate is stated for.
  const regressions = headReport.summary.comparison?.regression ?? countChanges(compared).regression;
  return { report: headReport, regressions, comparedWithBase: true, invalidFiles: 0, resultsFile };
}

/** Head versions: from the workspace, or — when it holds the base (pull_request_target) — fetched as data. */
async function loadHead(run: PullRequestRun, changed: ChangedPrompt[]): Promise<LoadedSuites> {
  const paths = changed.map((file) => file.path);
  if (!run.event.headOutsideWorkspace) return loadFromWorkspace(paths, run.workspace);
  const texts = await githubStep('read the pull request’s prompt files', () => fetchFilesAt(run.octokit, run.event, paths, run.event.headSha));
  const missing: Problem[] = paths
    .filter((path) => !texts.has(path))
    .map((file) => ({ file, line: 0, column: 0, severity: 'error', message: `not found at the head commit ${run.event.headSha.slice(0, 7)}` }));
  const loaded = loadFromTexts(texts);
  return { suites: loaded.suites, problems: [...missing, ...loaded.problems] };
}

/** Base versions, through the API (a shallow checkout does not have them); a file missing there is new. */
async function loadBase(run: PullRequestRun, changed: ChangedPrompt[]): Promise<LoadedSuites> {
  const basePaths = [...new Set(changed.flatMap((file) => (file.basePath ? [file.basePath] : [])))];
  if (basePaths.length === 0) return { suites: [], problems: [] };
  const texts = await githubStep('read the prompt files at the base commit', () => fetchFilesAt(run.octokit, run.event, basePaths, run.event.baseSha));
  return loadFromTexts(texts);
}

/** The base's suites that can run: a file with an error at the base is left out, so its tests count as new. */
function runnableSuites(suites: Suite[], problems: Problem[]): Suite[] {
  const errors = problems.filter((problem) => problem.severity === 'error');
  // A problem of the whole run (too large to plan) leaves no base at all.
  if (errors.some((problem) => problem.file === '')) return [];
  const broken = new Set(errors.map((problem) => problem.file));
  return suites.filter((suite) => !broken.has(suite.file));
}

function baseProblemNotes(problems: Problem[]): string[] {
  const files = [...new Set(problems.filter((problem) => problem.severity === 'error').map((problem) => problem.file))].filter((file) => file !== '');
  // Plain text: the summary renderers neutralise notes, so Markdown here would show literally.
  return files.map((file) => `The base version of ${file} could not be run (it has problems or names no model), so its tests count as new.`);
}

/** Nothing to run (no changed prompt files, or no secrets): one line in the job summary and the comment. */
async function finishWithNote(run: PullRequestRun, pull: PullRequestRef, note: string): Promise<RunResult> {
  const report = emptyReport();
  const resultsFile = await writeResults(report);
  run.io.info(`promptgate: ${note}`);
  await writeJobSummary(run.io, noteMarkdown(note));
  const job = jobOf(run.inputs);
  await publish(run.io, pullRequestPublisher(run.octokit, pull), run.inputs.comment === 'none' ? 'none' : 'summary', summaryOnly(job, noteSummary(job, note)));
  return { report, regressions: 0, comparedWithBase: false, invalidFiles: 0, resultsFile };
}

async function stopForProblems(run: PullRequestRun, pull: PullRequestRef, problems: Problem[]): Promise<RunResult> {
  annotateProblems(run.io, problems);
  const report = emptyReport();
  const resultsFile = await writeResults(report);
  await writeJobSummary(run.io, problemsMarkdown(problems));
  const job = jobOf(run.inputs);
  await publish(run.io, pullRequestPublisher(run.octokit, pull), run.inputs.comment === 'none' ? 'none' : 'summary', summaryOnly(job, problemsSummary(job, problems)));
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { report, regressions: 0, comparedWithBase: false, invalidFiles: errors, resultsFile };
}

function summaryOnly(job: JobIdentity, renderSummary: (maxChars: number) => string) {
  return { findings: [], patches: new Map(), maxComments: 0, job, selectedFiles: new Set<string>(), renderSummary };
}

/** Who this job is among the promptgate jobs on the pull request: see review/job.ts. */
function jobOf(inputs: ActionInputs): JobIdentity {
  return jobIdentity({ prompts: inputs.prompts, ...(inputs.id !== undefined ? { id: inputs.id } : {}), ...(inputs.model !== undefined ? { model: inputs.model } : {}) });
}

export function missingKeyMessage(): string {
  return 'the api-key input is empty, and OpenAI needs one: pass `api-key: ${{ secrets.OPENAI_API_KEY }}` (and set that secret), or point base-url at a server that needs no key';
}

async function githubStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const limit = rateLimitOf(error);
    const advice = limit
      ? describeRateLimit(limit)
      : 'check the github-token input and that the job has `permissions: contents: read, pull-requests: read`';
    throw new ActionError(`could not ${what} (${describeGitHubError(error)}); ${advice}`, { cause: error });
  }
}
