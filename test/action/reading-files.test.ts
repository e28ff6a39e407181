// The Action reads nothing outside the workspace through a link, end to end through dist/index.js:
// a pull request that adds a prompt file linked to a file elsewhere on the runner gets a refusal,
// and nothing of that file (not even its key names, which a problem list would quote) reaches
// GitHub, the job summary or the log.
import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptPullRequestSetup, SUPPORT_REPLY_PATCH, SUPPORT_REPLY_PATH } from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { startGitHubServer } from '../support/github-server.js';
import { sentToGitHub, visibleLog } from './support/leak-views.js';
import { runAction, useActionHarness, workspaceWith } from './support/run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel } from './support/scenario.js';

const harness = useActionHarness();

const LEAK_PATH = 'prompts/leak.prompt.yaml';
const SECRET_FILE = 'aws_secret_access_key: wJalrXUtnFEMI-K7MDENG\ndatabase_password: hunter2\n';
const SECRETS = [/aws_secret_access_key/, /wJalrXUtnFEMI/, /database_password/, /hunter2/];

describe('the action and links out of the workspace', () => {
  it('refuses a prompt file the pull request links to a file outside the workspace, and exposes nothing of it', async () => {
    const setup = promptPullRequestSetup({
      files: [
        { filename: SUPPORT_REPLY_PATH, status: 'modified', additions: 9, deletions: 2, changes: 11, patch: SUPPORT_REPLY_PATCH },
        // A symbolic link's diff is the path it points to.
        { filename: LEAK_PATH, status: 'added', additions: 1, deletions: 0, changes: 1, patch: '@@ -0,0 +1 @@\n+/home/runner/secret.yaml\n\\ No newline at end of file' },
      ],
    });
    const github = await startGitHubServer(setup);
    const model = await startScenarioModel();
    harness.cleanups.push(() => github.close(), () => model.close());
    const workspace = await workspaceWith(headWorkspaceFiles());
    const home = await realpath(await mkdtemp(join(tmpdir(), 'promptgate-runner-home-')));
    harness.cleanups.push(() => rm(home, { recursive: true, force: true }), () => rm(workspace, { recursive: true, force: true }));
    const secret = join(home, 'secret.yaml');
    await writeFile(secret, SECRET_FILE);
    await symlink(secret, join(workspace, LEAK_PATH));

    const result = await runAction({
      node: harness.node,
      eventName: 'pull_request',
      payload: pullRequestEvent(github.setup, { action: 'synchronize' }),
      workspace,
      githubToken: github.token,
      githubApiUrl: github.url,
      inputs: { 'api-key': API_KEY, 'base-url': model.url },
    });

    expect(result.code).not.toBe(0);
    expect(model.requests).toHaveLength(0);
    expect(github.issueComments).toHaveLength(1);
    const comment = github.issueComments[0]!.body;
    for (const shown of [comment, result.summary]) {
      expect(shown).toContain(LEAK_PATH);
      expect(shown).toContain(`leads through a link to ${secret}, outside the project directory`);
    }
    for (const text of [sentToGitHub(github), result.summary, visibleLog(result.stdout), result.stderr]) {
      for (const leaked of SECRETS) expect(text).not.toMatch(leaked);
    }
  });
});
