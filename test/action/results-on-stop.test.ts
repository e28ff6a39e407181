// The Action's results file end to end: a RUNNER_TEMP where it cannot be written stops the step
// before the first model call, and a cancelled job (the runner sends SIGINT, then SIGTERM) still
// leaves the results of what was done.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runAction, startAction, useActionHarness, workspaceWith } from './support/run-action.js';

const harness = useActionHarness();
let model: ModelServer | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

const API_KEY = 'sk-test-promptgate-7c1e5a9b3d2f4e6a';
const PUSH_PAYLOAD = {
  ref: 'refs/heads/main',
  after: '89e6c98d92887913cadf06b2adb97f26cde4849b',
  repository: { name: 'storefront', full_name: 'acme/storefront', owner: { login: 'acme' } },
};

const SUITE = `name: Questions
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: first
    vars: { question: say yes }
    assert:
      - contains: "yes"
  - name: second
    vars: { question: say no }
    assert:
      - contains: "30 days"
  - name: held
    vars: { question: wait for it }
    assert:
      - contains: "yes"
`;

async function start(suite: string, env: Record<string, string> = {}) {
  model = await startModelServer({
    rules: [
      { match: /say yes/, reply: 'yes' },
      { match: /say no/, reply: 'no' },
      // Never answered: the run is still waiting on it when the job is cancelled.
      { match: /wait for it/, fail: { kind: 'hang' } },
    ],
  });
  const workspace = await workspaceWith({ 'prompts/questions.prompt.yaml': suite });
  // One at a time: when the held request arrives, the two before it are answered and scored.
  const options = { node: harness.node, eventName: 'push', payload: PUSH_PAYLOAD, workspace, inputs: { 'api-key': API_KEY, 'base-url': model.url, concurrency: '1' }, env };
  return { workspace, options };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the results file', () => {
  it('fails the step before any model call when RUNNER_TEMP cannot hold it, naming the path and why', async () => {
    const blocked = join(await workspaceWith({}), 'runner-temp');
    await writeFile(blocked, 'a file where the runner temp directory should be\n');
    const { options } = await start(SUITE.slice(0, SUITE.indexOf('  - name: held')), { RUNNER_TEMP: blocked });
    const result = await runAction(options);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::promptgate: the results file \S*runner-temp\/promptgate\/results\.json cannot be written: \S*runner-temp is a file, not a directory/);
    expect(result.stdout).not.toMatch(/internal error/);
    expect(model!.stats.requests).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('is written with the finished tests, marked interrupted, when the job is cancelled (%s), and the step fails saying so', async (signal) => {
    const { options } = await start(SUITE);
    const run = await startAction(options);
    await until(() => model!.requests.some((request) => request.lastUserMessage === 'wait for it'), 'the held request');
    run.child.kill(signal);
    const result = await run.result;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`::error::promptgate: stopped by ${signal} (the job was cancelled): interrupted after 2 of 3 tests (1 not finished, left out)`);
    expect(result.outputs['results-file']).toMatch(/promptgate\/results\.json$/);
    const report = JSON.parse(await readFile(result.outputs['results-file']!, 'utf8'));
    // The held test never got an answer: it is counted, not reported as errored.
    expect(report.results.map((entry: { test: string; status: string }) => `${entry.test}: ${entry.status}`)).toEqual(['first: passed', 'second: failed']);
    expect(report.summary).toMatchObject({ total: 2, errored: 0, interrupted: { planned: 3, notFinished: 1, signal } });
    expect(result.outputs).toMatchObject({ total: '2', passed: '1', failed: '1', errored: '0' });
  });
});
