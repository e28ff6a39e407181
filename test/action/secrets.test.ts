// The API key must not leave the runner: not in a comment, the job summary, an annotation, the
// results file, the log — even when the model itself repeats it in its answers.
import { readFile } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { startGitHubServer, type GitHubDouble } from '../support/github-server.js';
import type { ModelServer } from '../support/model-server.js';
import { useActionHarness, runAction, workspaceWith } from './support/run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel } from './support/scenario.js';

const harness = useActionHarness();
let github: GitHubDouble;
let model: ModelServer;
afterEach(async () => {
  await Promise.all([github?.close(), model?.close()]);
});

it('keeps the API key out of everything it writes, even when the model echoes it', async () => {
  github = await startGitHubServer(promptPullRequestSetup());
  model = await startScenarioModel({ leak: `(my key is ${API_KEY})` });
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
  const sent = JSON.stringify(github.requests.map(({ headers: { authorization: _token, ...headers }, ...request }) => ({ ...request, headers })));
  expect(sent).not.toContain(API_KEY);
  expect(sent).toContain('my key is [redacted]');
  expect(result.summary).not.toContain(API_KEY);
  expect(await readFile(result.outputs['results-file']!, 'utf8')).not.toContain(API_KEY);
  // `::add-mask::` is the runner's masking command: consumed by the runner, never shown.
  const log = (result.stdout + result.stderr).split('\n').filter((line) => !line.startsWith('::add-mask::'));
  expect(log.join('\n')).not.toContain(API_KEY);
  expect(log.join('\n')).toContain('my key is [redacted]');
});
