// The API key must not leave the runner: not in a comment, the job summary, an annotation, the
// results file, the log, or the answer cache (which workflows keep with actions/cache, and a fork's
// pull-request run may restore) — even when the model itself repeats it in its answers.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { startGitHubServer, type GitHubDouble } from '../support/github-server.js';
import type { ModelServer } from '../support/model-server.js';
import { sentToGitHub, visibleLog } from './support/leak-views.js';
import { useActionHarness, runAction, workspaceWith } from './support/run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel } from './support/scenario.js';

const harness = useActionHarness();
let github: GitHubDouble;
let model: ModelServer;
afterEach(async () => {
  await Promise.all([github?.close(), model?.close()]);
});

/** Every file under `dir`, as `path: content`, so a secret in a name or in a body shows up alike. */
async function filesUnder(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.map(async (path) => `${path}: ${await readFile(path, 'utf8')}`))).join('\n');
}

it('keeps the API key and the GitHub token out of everything it writes, even when the model echoes them', async () => {
  github = await startGitHubServer(promptPullRequestSetup());
  model = await startScenarioModel({ leak: `(my key is ${API_KEY}, my token is ${github.token})` });
  const workspace = await workspaceWith(headWorkspaceFiles());

  const result = await runAction({
    node: harness.node,
    eventName: 'pull_request',
    payload: pullRequestEvent(github.setup),
    workspace,
    githubToken: github.token,
    githubApiUrl: github.url,
    inputs: { 'api-key': API_KEY, 'base-url': model.url },
  });

  // The model was called with the key, and its answers quoted it.
  expect(model.requests.length).toBeGreaterThan(0);
  expect(github.reviewComments.length).toBeGreaterThan(0);
  const cache = await filesUnder(join(workspace, '.promptgate/cache'));
  const views = {
    'sent to GitHub': sentToGitHub(github),
    'job summary': result.summary,
    'results file': await readFile(result.outputs['results-file']!, 'utf8'),
    log: visibleLog(result.stdout + result.stderr),
    'answer cache': cache,
  };
  // The views that hold a secret: a failure names every one of them at once.
  const holding = (secret: string) => Object.entries(views).flatMap(([where, text]) => (text.includes(secret) ? [where] : []));
  expect(holding(API_KEY)).toEqual([]);
  expect(holding(github.token)).toEqual([]);
  // Redacted, not dropped: what the model said is still there to read.
  for (const where of ['sent to GitHub', 'log', 'answer cache'] as const) {
    expect(views[where], where).toContain('my key is [redacted], my token is [redacted]');
  }
});
