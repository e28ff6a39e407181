// What a pull request writes must never steer the runner, and GitHub's failures must be reported
// as what they are: end to end through dist/index.js, reading the child's stdout line by line as
// the runner does (a line that starts with `::name::`, or holds `##[name]`, is a workflow command).
import { describe, expect, it } from 'vitest';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { startGitHubServer, type GitHubDoubleSetup } from '../support/github-server.js';
import { useActionHarness, runAction, workspaceWith } from './support/run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel } from './support/scenario.js';

const harness = useActionHarness();

/** A prompt file a pull request adds, named to smuggle commands into the log. */
const EVIL_PATH = 'prompts/evil\n::error::pwned\n::add-mask::x\n  ::stop-commands::halt\n##[warning]legacy.prompt.yaml';
const EVIL_PROMPT = `name: Evil
model: gpt-4o-mini
messages:
  - role: user
    content: "Hi!"
tests:
  - name: never passes
    assert:
      - contains: "text the model never writes"
`;

/** 2100-01-01 00:00:00 UTC, as GitHub's x-ratelimit-reset (Unix seconds). */
const RESET_AT = 4102444800;

const NOTHING_RAN = { total: '0', passed: '0', failed: '0', errored: '0', regressions: '0', 'pass-rate': '1', 'results-file': '', 'report-file': '', 'compared-with': '' };

async function start(setup: GitHubDoubleSetup, files: Record<string, string> = headWorkspaceFiles()) {
  const github = await startGitHubServer(setup);
  const model = await startScenarioModel();
  harness.cleanups.push(() => github.close(), () => model.close());
  const workspace = await workspaceWith(files);
  const run = (payload = pullRequestEvent(github.setup, { action: 'synchronize' })) =>
    runAction({
      node: harness.node,
      eventName: 'pull_request',
      payload,
      workspace,
      githubToken: github.token,
      githubApiUrl: github.url,
      inputs: { 'api-key': API_KEY, 'base-url': model.url },
    });
  return { github, model, run };
}

/** The lines of `stdout` the runner would carry out as workflow commands. */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['));
}

describe('untrusted text in the log', () => {
  it('shows a file name holding newlines and commands as text, and issues only its own commands', async () => {
    const setup = promptPullRequestSetup();
    setup.files = [...setup.files, { filename: EVIL_PATH, status: 'added', additions: 9, deletions: 0, changes: 9 }];
    const { github, run } = await start(setup, { ...headWorkspaceFiles(), [EVIL_PATH]: EVIL_PROMPT });

    const result = await run();

    // The file was run (its test fails), so its name went everywhere a file name goes.
    expect(result.outputs).toMatchObject({ total: '6', failed: '3' });
    expect(result.stdout).toContain(
      'prompts/evil\\n::error::pwned\\n::add-mask::x\\n  ::stop-commands::halt\\n##\\[warning]legacy.prompt.yaml',
    );
    const lines = result.stdout.split(/\r?\n/);
    // No piece of the name after a line break became a line of its own.
    for (const piece of EVIL_PATH.split('\n').slice(1)) expect(lines).not.toContain(piece);
    const commands = commandLines(result.stdout);
    // Masks: the two secrets the Action was given, nothing else.
    expect(commands.filter((line) => /^\s*::add-mask::/.test(line)).sort()).toEqual([`::add-mask::${API_KEY}`, `::add-mask::${github.token}`].sort());
    expect(commands.filter((line) => /^\s*::stop-commands::/.test(line))).toEqual([]);
    // A legacy `##[name]` counts anywhere in a line, unless the line is a `::name::` command already.
    expect(commands.filter((line) => line.includes('##[') && !/^::[a-z-]+[ :]/.test(line))).toEqual([]);
    expect(commands).toContain('::error::promptgate: 3 of 6 tests failed');
  });
});

describe('when GitHub cannot list the pull request’s files', () => {
  it('says the primary rate limit is used up and until when, not that permissions are missing, and still sets the outputs', async () => {
    const { github, model, run } = await start(promptPullRequestSetup());
    github.failNext(1, '403-primary', { operationId: 'pulls/list-files', resetAtSeconds: RESET_AT });

    const result = await run();

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error::promptgate: could not list the pull request’s files \(403: API rate limit exceeded for installation\.[^\n]*\); GitHub’s API rate limit for this token is used up until 2100-01-01 00:00:00 UTC; re-run the job after that$/m,
    );
    expect(result.stdout).not.toContain('permissions');
    expect(result.outputs).toEqual(NOTHING_RAN);
    expect(model.requests).toHaveLength(0);
  });

  it('still sets the outputs when the pull request is not found', async () => {
    const { github, run } = await start(promptPullRequestSetup());
    const elsewhere = { ...github.setup, pull: { ...github.setup.pull, number: 999 } };

    const result = await run(pullRequestEvent(elsewhere, { action: 'synchronize' }));

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::promptgate: could not list the pull request’s files \(404: Not Found[^\n]*\); check the github-token input/m);
    expect(result.outputs).toEqual(NOTHING_RAN);
  });
});

it('reports a rate-limited review as a rate limit, not as missing write permission', async () => {
  const { github, run } = await start(promptPullRequestSetup());
  github.failNext(1, '403-primary', { operationId: 'pulls/create-review', resetAtSeconds: RESET_AT });

  const result = await run();

  expect(github.reviews).toHaveLength(0);
  expect(result.stdout).toMatch(
    /^::warning::could not post the review \(403: API rate limit exceeded[^\n]*\): GitHub’s API rate limit for this token is used up until 2100-01-01 00:00:00 UTC; re-run the job after that\. The results are in the annotations, the job summary and the results file\.$/m,
  );
  expect(result.stdout).not.toContain('pull-requests: write');
});
