// The pull request of scenario.ts on the GitHub double, with the scripted model and a workspace
// checked out at the head: `run` runs the built Action on it as a `pull_request` event.
import { pullRequestEvent } from '../../support/github-events.js';
import { startGitHubServer, type GitHubDouble, type GitHubDoubleSetup } from '../../support/github-server.js';
import type { ModelServer } from '../../support/model-server.js';
import { promptPullRequestSetup } from '../../fixtures/github/prompt-pull-request.js';
import { runAction, workspaceWith, type ActionHarness, type ActionRunOptions } from './run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel, type ModelOptions } from './scenario.js';

export interface PullRequestFixture {
  github: GitHubDouble;
  model: ModelServer;
  workspace: string;
  run(overrides?: Partial<ActionRunOptions> & { inputs?: Record<string, string> }): ReturnType<typeof runAction>;
}

export async function startPullRequest(
  harness: ActionHarness,
  setup: GitHubDoubleSetup = promptPullRequestSetup(),
  model: ModelOptions = {},
  files: Record<string, string> = headWorkspaceFiles(),
): Promise<PullRequestFixture> {
  const github = await startGitHubServer(setup);
  const modelServer = await startScenarioModel(model);
  harness.cleanups.push(() => github.close(), () => modelServer.close());
  const workspace = await workspaceWith(files);
  return {
    github,
    model: modelServer,
    workspace,
    run: (overrides = {}) =>
      runAction({
        node: harness.node,
        eventName: 'pull_request',
        payload: pullRequestEvent(github.setup, { action: 'synchronize' }),
        workspace,
        githubToken: github.token,
        githubApiUrl: github.url,
        ...overrides,
        inputs: { 'api-key': API_KEY, 'base-url': modelServer.url, ...overrides.inputs },
      }),
  };
}

/** The requests the double answered, by operation, with the failure injected into any of them. */
export function operations(github: GitHubDouble): string[] {
  return github.requests.map((request) => `${request.operationId ?? request.path}${request.injectedFailure ? ` (${request.injectedFailure})` : ''}`);
}
