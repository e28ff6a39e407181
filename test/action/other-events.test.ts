// The Action on events other than pull requests (push, workflow_dispatch…): every selected prompt
// file runs, results go to the job summary, annotations and outputs, and fail-on decides the exit.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLASSIFY_PATH, SUPPORT_REPLY_PATH } from '../fixtures/github/prompt-pull-request.js';
import { startGitHubServer, type GitHubDouble } from '../support/github-server.js';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import type { ModelServer } from '../support/model-server.js';
import { useActionHarness, runAction, workspaceWith } from './support/run-action.js';
import { API_KEY, headWorkspaceFiles, startScenarioModel } from './support/scenario.js';

const harness = useActionHarness();
let github: GitHubDouble;
let model: ModelServer;
afterEach(async () => {
  await Promise.all([github?.close(), model?.close()]);
});

const PUSH_PAYLOAD = {
  ref: 'refs/heads/main',
  before: '3f786850e387550fdab836ed7e6dc881de23001b',
  after: '89e6c98d92887913cadf06b2adb97f26cde4849b',
  repository: { name: 'storefront', full_name: 'acme/storefront', owner: { login: 'acme' } },
  pusher: { name: 'mona' },
};

async function runOnPush(inputs: Record<string, string>, eventName = 'push', files = headWorkspaceFiles()) {
  github = await startGitHubServer(promptPullRequestSetup());
  model = await startScenarioModel();
  const workspace = await workspaceWith(files);
  return runAction({
    node: harness.node,
    eventName,
    payload: eventName === 'push' ? PUSH_PAYLOAD : { inputs: {}, ref: 'refs/heads/main' },
    workspace,
    githubToken: github.token,
    githubApiUrl: github.url,
    inputs: { 'api-key': API_KEY, 'base-url': model.url, ...inputs },
  });
}

describe('the action outside pull requests', () => {
  it('runs every prompt file on a push, writes the summary and annotations, and fails on failures', async () => {
    const result = await runOnPush({});

    expect(result.code).toBe(1);
    expect(model.requests).toHaveLength(5);
    expect(result.outputs).toMatchObject({ total: '5', passed: '3', failed: '2', errored: '0', regressions: '0', 'pass-rate': '0.6' });
    expect(result.stdout).toContain('::error::promptgate: 2 of 5 tests failed');
    expect(result.stdout).toMatch(/::error title=promptgate%3A Support reply › refund window%3A failed,file=prompts\/support-reply\.prompt\.yaml,line=25::/);
    expect(result.summary).toContain('## ❌ promptgate: 2 failed of 5 tests');
    const results = JSON.parse(await readFile(result.outputs['results-file']!, 'utf8')) as { results: { file: string }[] };
    expect([...new Set(results.results.map((entry) => entry.file))]).toEqual([CLASSIFY_PATH, SUPPORT_REPLY_PATH]);
    // Nothing to post outside a pull request: the API is not called at all.
    expect(github.requests).toHaveLength(0);
  });

  it('treats fail-on regression like failure, and never as never', async () => {
    expect((await runOnPush({ 'fail-on': 'regression' })).code).toBe(1);
    await Promise.all([github.close(), model.close()]);
    const never = await runOnPush({ 'fail-on': 'never' }, 'workflow_dispatch');
    expect(never.code).toBe(0);
    expect(never.outputs).toMatchObject({ failed: '2' });
  });

  it('passes a min-pass-rate the run meets, and fails one it does not', async () => {
    const lenient = await runOnPush({ 'min-pass-rate': '0.5' });
    expect(lenient.code).toBe(0);
    await Promise.all([github.close(), model.close()]);
    const strict = await runOnPush({ 'min-pass-rate': '80%' });
    expect(strict.code).toBe(1);
    // Workflow commands escape '%' as %25; the runner shows "pass rate 60% is below min-pass-rate 80%".
    expect(strict.stdout).toContain('::error::promptgate: pass rate 60%25 is below min-pass-rate 80%25');
  });

  it('fails with a clear message on errored tests', async () => {
    github = await startGitHubServer(promptPullRequestSetup());
    model = await startScenarioModel();
    const workspace = await workspaceWith(headWorkspaceFiles());
    const result = await runAction({
      node: harness.node,
      eventName: 'push',
      payload: PUSH_PAYLOAD,
      workspace,
      // A wrong key: the model double answers 401, which no retry fixes.
      inputs: { 'api-key': 'sk-wrong-key-0000000000000', 'base-url': model.url },
    });

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ total: '5', errored: '5' });
    // Every call refused: the step's failure says which endpoint and model, the error once, and what to check (%0A: a new line).
    expect(result.stdout).toContain(`::error::promptgate: the endpoint ${model.url} failed every call for the model "gpt-4o-mini": `);
    expect(result.stdout).toContain('%0A  check: the API key: this endpoint refused it (or none was given)');
    // The double echoes the key it refused; the report must not.
    expect(result.summary).not.toContain('sk-wrong-key-0000000000000');
    expect(result.summary).toContain('Incorrect API key provided: \\[redacted\\]');
  });

  it('stops calling an endpoint nothing listens on, fails the step with what to check, and tells the error once', async () => {
    github = await startGitHubServer(promptPullRequestSetup());
    model = await startScenarioModel();
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1`;
    const result = await runAction({
      node: harness.node,
      eventName: 'push',
      payload: PUSH_PAYLOAD,
      workspace: await workspaceWith(headWorkspaceFiles()),
      inputs: { 'api-key': API_KEY, 'base-url': url },
    });

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ total: '5', errored: '5' });
    // The two models the files name met the same refusal: one paragraph for both.
    expect(result.stdout).toMatch(
      new RegExp(
        `::error::promptgate: the endpoint ${url} failed every call for the models "gpt-4o-mini", "openai/gpt-4o-mini": \\d+ attempts, none succeeded\\.` +
          `%0A  error: could not reach ${url}: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}` +
          `%0A  check: that a server is running at ${url}, and the base URL's host and port\n`,
      ),
    );
    expect(result.summary).toContain('#### ⚠️ The same error for 5 tests');
    expect(result.summary.split('ECONNREFUSED').length - 1).toBe(2);
  });

  it('refuses bad input with one clear line and no stack', async () => {
    const result = await runOnPush({ 'max-comments': 'lots' });

    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n').filter((line) => !line.startsWith('::add-mask::'))).toEqual([
      '::error::promptgate: input "max-comments" is "lots"; expected a whole number of at least 0',
    ]);
    expect(result.stderr).toBe('');
    expect(model.requests).toHaveLength(0);
  });

  it('refuses a concurrency or repeat past its bound before any call, rather than running or exhausting the runner', async () => {
    const concurrency = await runOnPush({ concurrency: '100000' });
    expect(concurrency.code).toBe(1);
    expect(concurrency.stdout).toContain('::error::promptgate: input "concurrency" is 100000; expected at most 1024');
    expect(model.requests).toHaveLength(0);
    await Promise.all([github.close(), model.close()]);

    // Planned in full before the first call, 10^8 samples of 5 tests would need some 4 TB of heap.
    const repeat = await runOnPush({ repeat: '100000000' });
    expect(repeat.code).toBe(1);
    expect(repeat.stdout).toContain('::error::promptgate: input "repeat" is 100000000; expected at most 1000');
    expect(repeat.stderr).toBe('');
    expect(model.requests).toHaveLength(0);
  });

  it('refuses a timeout in promptgate.config.yaml that Node would turn into 1 ms, at its line', async () => {
    const result = await runOnPush({}, 'push', { ...headWorkspaceFiles(), 'promptgate.config.yaml': 'timeout: 2147483648\n' });

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error title=promptgate%3A [^,]*,file=promptgate\.config\.yaml,line=1,col=10::timeout must be at most 86400000, got 2147483648/);
    expect(model.requests).toHaveLength(0);
  });

  it('reports invalid prompt files at their line without calling the model', async () => {
    const result = await runOnPush({}, 'push', { 'prompts/broken.prompt.yaml': 'name: Broken\nmessages: 12\n' });

    expect(result.code).toBe(1);
    expect(model.requests).toHaveLength(0);
    expect(result.stdout).toMatch(/::error title=promptgate%3A invalid prompt file,file=prompts\/broken\.prompt\.yaml,line=2,col=\d+::/);
    expect(result.stdout).toContain('::error::promptgate: 1 problem in the prompt files; nothing was sent to the model');
    expect(result.summary).toContain('the prompt files have problems');
  });
});

/** A port nothing listens on: bound, read, and closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
