// The Action from start to verdict: inputs → event → engine → run (pull request, release or everything) →
// outputs → pass/fail. The only file that decides the step's outcome.
import { loadProjectConfig } from '../settings/config.js';
import { addRetries, GITHUB_RETRY_POLICY } from '../github/client.js';
import type { GitHubClient } from '../github/octokit.js';
import { hasErrors } from '../pipeline.js';
import { ActionError } from './action-error.js';
import { annotateProblems } from './annotations.js';
import { runAllPrompts } from './all-prompts.js';
import { createEngine, emptyReport } from './engine.js';
import { readEvent, runUrlOf, type ConversationCommentEvent, type ReviewCommentEvent } from './event.js';
import { answerComment } from './comments/index.js';
import { getInputs, getSuggestInputs, type ActionInputs } from './inputs.js';
import * as runner from './runner-io.js';
import { setOutputs, type ActionOutputs } from './outputs.js';
import { runPullRequest } from './pull-request.js';
import { runRelease } from './release.js';
import { releaseVerdict } from './release-verdict.js';
import { createRedactor, type Redactor } from '../redact.js';
import type { RunResult } from './run-result.js';
import { resolveEngineSettings, type ActionSettings } from './run-settings.js';
import { secretsOf } from '../settings/secrets.js';
import { confinedCacheDir } from '../run/cache-location.js';
import { decideVerdict } from './verdict.js';
import { StopSignals } from '../engine/stop-signals.js';
import { describeIoError } from '../fs/output-target.js';
import { checkResultsFile, writeResults } from './results-file.js';
import { RunStopped } from './run-stopped.js';
import { formatCount, plural } from '../report/numbers.js';

export async function run(): Promise<void> {
  let redact: Redactor = (text) => text;
  let outputsSet = false;
  let stop: StopSignals | undefined;
  try {
    const inputs = getInputs();
    redact = createRedactor([inputs.apiKey, inputs.githubToken, inputs.judgeApiKey]);
    const event = readEvent(runner.runnerContext());
    const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();

    const config = await loadProjectConfig(undefined, workspace);
    annotateProblems(runner.runnerIo, config.problems);
    if (hasErrors(config.problems)) throw new ActionError('promptgate.config.yaml has problems (see the annotations); nothing was run');
    const settings = resolveEngineSettings(inputs, config.config, workspace);
    settings.cacheDir = await confinedCacheDir(settings.cacheDir, workspace, (message) => runner.warning(`promptgate: ${message}`));
    redact = createRedactor([inputs.githubToken, ...maskSecrets(inputs, settings)]);
    if (event.kind === 'review-comment' || event.kind === 'conversation-comment') {
      await answerCommentEvent(inputs, settings, event, redact);
      setOutputs(nothingRun());
      outputsSet = true;
      return;
    }
    checkResultsFile();
    // From here a cancelled job's signal stops the run, and what was done is written.
    stop = new StopSignals();
    const engine = createEngine(settings, redact, (message) => runner.warning(message), stop);

    let result: RunResult;
    if (event.kind === 'pull-request') {
      if (inputs.githubToken === '') throw new ActionError('the github-token input is empty; leave it at its default (${{ github.token }}) so the pull request can be read');
      if (inputs.baseline !== undefined) runner.info('promptgate: the baseline input is not used on a pull request, which is compared with its base commit');
      result = await runPullRequest({
        inputs,
        settings,
        engine,
        event,
        octokit: createClient(inputs.githubToken, redact),
        io: runner.runnerIo,
        workspace,
        ...optionalRunUrl(),
      });
    } else if (event.kind === 'release' || inputs.baseline !== undefined) {
      result = await runRelease({
        inputs,
        settings,
        engine,
        event,
        octokit: () => createClient(inputs.githubToken, redact),
        io: runner.runnerIo,
        workspace,
        gates: config.gates,
      });
    } else {
      result = await runAllPrompts({ inputs, settings, engine, io: runner.runnerIo, workspace });
    }

    const release = result.release;
    setOutputs({
      summary: result.report.summary,
      regressions: result.regressions,
      resultsFile: result.resultsFile,
      ...(release ? { reportFile: release.reportFile, comparedWith: release.comparedWith } : {}),
    });
    outputsSet = true;
    const verdict = release
      ? releaseVerdict({ failOn: inputs.failOn, report: result.report, gates: release.gates, compared: result.comparedWithBase })
      : decideVerdict({
          failOn: inputs.failOn,
          minPassRate: settings.minPassRate,
          report: result.report,
          regressions: result.regressions,
          comparedWithBase: result.comparedWithBase,
          invalidFiles: result.invalidFiles,
        });
    if (verdict.failed) runner.fail(`promptgate: ${verdict.message}`);
    else runner.info(`promptgate: ${verdict.message}`);
  } catch (error) {
    if (error instanceof RunStopped) {
      await finishStopped(error, redact);
      return;
    }
    // A later step (`if: always()`) reads the outputs whatever stopped the run; what is known is that
    // no results were written. The failure below says why.
    if (!outputsSet) trySetOutputs(nothingRun());
    if (error instanceof ActionError) {
      runner.fail(`promptgate: ${redact(error.message)}`);
      return;
    }
    // Only a bug gets here: the stack goes to the debug log, the user gets one line.
    runner.debug(redact((error as Error).stack ?? String(error)));
    runner.fail(`promptgate: internal error: ${redact((error as Error).message ?? String(error))}. This is a bug in promptgate; please report it (re-run with debug logging for the stack).`);
  } finally {
    stop?.dispose();
  }
}

/** The job was cancelled mid-run: the results so far go to the results file, and nothing is posted. */
async function finishStopped(stopped: RunStopped, redact: Redactor): Promise<void> {
  const cut = stopped.results.summary.interrupted;
  // A run leaves out the tests the stop cut short and counts them; a comparison's rounds error them.
  const results = cut ? { ...stopped.results, summary: { ...stopped.results.summary, interrupted: { ...cut, signal: stopped.signal } } } : stopped.results;
  let resultsFile = '';
  try {
    resultsFile = await writeResults(results, stopped.baseResults);
  } catch (error) {
    runner.warning(`promptgate: the results file could not be written: ${redact(describeIoError(error))}`);
  }
  trySetOutputs({ summary: results.summary, regressions: 0, resultsFile });
  const what = cut
    ? `interrupted after ${formatCount(results.summary.total)} of ${plural(cut.planned, 'test')} (${formatCount(cut.notFinished)} not finished, left out)${resultsFile ? `; the finished tests' results are in ${resultsFile}` : ''}`
    : `tests not finished are errored as cancelled${resultsFile ? `; the results so far are in ${resultsFile}` : ''}`;
  runner.fail(`promptgate: stopped by ${stopped.signal} (the job was cancelled): ${what}. Nothing was posted.`);
}

/**
 * A comment on a pull request: maybe a request for a suggested prompt edit. Nothing is judged, so
 * the step succeeds whatever the answer.
 */
async function answerCommentEvent(
  inputs: ActionInputs,
  settings: ActionSettings,
  event: ReviewCommentEvent | ConversationCommentEvent,
  redact: Redactor,
): Promise<void> {
  const suggest = getSuggestInputs();
  if (inputs.githubToken === '') throw new ActionError('the github-token input is empty; leave it at its default (${{ github.token }}) so the comment can be answered');
  await answerComment(
    {
      octokit: createClient(inputs.githubToken, redact),
      inputs,
      suggest,
      settings,
      redact,
      log: { info: (message) => runner.info(redact(message)), warning: (message) => runner.warning(`promptgate: ${redact(message)}`) },
      ...optionalRunUrl(),
    },
    event,
  );
}

/** The outputs of a run that produced no results (a comment answered, or a run stopped early). */
function nothingRun(): ActionOutputs {
  return { summary: emptyReport().summary, regressions: 0, resultsFile: '' };
}

function trySetOutputs(outputs: ActionOutputs): void {
  try {
    setOutputs(outputs);
  } catch {
    // GITHUB_OUTPUT cannot be written: the step is failing already, and its message says why.
  }
}

/**
 * Every key the run may send. The judge's and the embeddings' keys may come from environment
 * variables rather than inputs: they are masked like the inputs' (a runner masks `secrets.*`
 * itself, but not a key that reached the step another way).
 */
function maskSecrets(inputs: ActionInputs, settings: ActionSettings): string[] {
  const secrets = secretsOf(settings);
  for (const secret of secrets) if (secret !== inputs.apiKey && secret !== inputs.judgeApiKey) runner.setSecret(secret);
  return [...secrets, inputs.judgeApiKey];
}

function createClient(token: string, redact: Redactor): GitHubClient {
  const octokit = runner.getOctokit(token) as unknown as GitHubClient;
  addRetries(octokit, GITHUB_RETRY_POLICY, { onRetry: (message) => runner.info(`promptgate: ${message}`), redact });
  return octokit;
}

function optionalRunUrl(): { runUrl?: string } {
  const runUrl = runUrlOf(runner.runnerContext());
  return runUrl ? { runUrl } : {};
}
