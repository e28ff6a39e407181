// `--model echo`: the try-it-without-a-key path. The built-in model answers every test with its
// last user message, so placeholders and assertions are checked with no key, no endpoint call and
// no cache; what it cannot do (judge) is refused before anything runs, with what to do instead.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runMain } from './run-cli.js';

const SUITE = `name: Echoed
model: gpt-4o-mini
messages:
  - role: system
    content: You help customers of {{shop}}.
  - role: user
    content: "Order {{order}}: {{question}}"
vars: { shop: Acme }
tests:
  - name: placeholders filled in
    vars: { order: A-1042, question: where is it? }
    assert:
      - equals: "Order A-1042: where is it?"
      - cost: 0.001
  - name: an assertion that cannot pass on the question
    vars: { order: B-7, question: refund? }
    assert:
      - contains: "30 days"
`;

let dir: string | undefined;
let model: ModelServer | undefined;
afterEach(async () => {
  await Promise.all([model?.close(), dir ? rm(dir, { recursive: true, force: true }) : undefined]);
  dir = model = undefined;
});

async function project(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'promptgate-echo-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('run --model echo', () => {
  it('runs every test with no key and no call to the endpoint, answering with the last user message', async () => {
    model = await startModelServer();
    // The config points at a real (double) endpoint: echo must not call it.
    const cwd = await project({ 'echoed.prompt.yaml': SUITE, 'promptgate.config.yaml': `baseUrl: ${model.url}\n` });
    const result = await runMain(['run', '--model', 'echo', '-o', 'results.json'], { cwd, env: {} });
    expect(result.stderr + result.stdout).toMatch(/2 tests: 1 passed, 1 failed, 0 errored/);
    expect(result.code).toBe(1);
    expect(model.requests).toHaveLength(0);
    const results = JSON.parse(await readFile(join(cwd, 'results.json'), 'utf8'));
    expect(results.results.map((test: { output: string }) => test.output)).toEqual(['Order A-1042: where is it?', 'Order B-7: refund?']);
    // Free, but not priced by made-up tokens: the cost assertion is skipped, saying why.
    expect(results.results[0].assertions[1]).toMatchObject({ type: 'cost', skipped: true, reason: expect.stringMatching(/no token usage for model "echo"/) });
    expect(await readdir(cwd)).not.toContain('.promptgate');
  });

  it('needs no key even for OpenAI, where any other model does, and says so', async () => {
    const cwd = await project({ 'echoed.prompt.yaml': SUITE });
    const withoutEcho = await runMain(['run'], { cwd, env: {} });
    expect(withoutEcho.stderr).toMatch(/^promptgate: no API key for https:\/\/api\.openai\.com\/v1: set OPENAI_API_KEY, .*\(or try the files without a model: --model echo\)\n$/);
    expect(withoutEcho.code).toBe(2);
    const withEcho = await runMain(['run', '--model', 'echo'], { cwd, env: {} });
    expect(withEcho.stderr + withEcho.stdout).toMatch(/1 passed, 1 failed/);
  });
});

describe('run --model echo with graded assertions', () => {
  const GRADED = `name: Graded
model: gpt-4o-mini
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: judged
    vars: { question: Can I return boots? }
    assert:
      - llm-rubric: Says that returns are possible
`;

  it('refuses to let echo judge, before anything runs', async () => {
    const cwd = await project({ 'graded.prompt.yaml': GRADED });
    const result = await runMain(['run', '--model', 'echo'], { cwd, env: {} });
    expect(result.stderr).toMatch(/the echo model cannot judge llm-rubric or GitHub Models evaluators, it only repeats what it is asked: name a judge model \(--judge-model/);
    expect(result.code).toBe(2);
  });

  it('asks for the key a real judge on the same endpoint needs', async () => {
    const cwd = await project({ 'graded.prompt.yaml': GRADED });
    const result = await runMain(['run', '--model', 'echo', '--judge-model', 'gpt-4.1-mini'], { cwd, env: {} });
    expect(result.stderr).toMatch(/no API key for the judge endpoint https:\/\/api\.openai\.com\/v1: set OPENAI_API_KEY \(the echo model needs none; the judge does\)/);
    expect(result.code).toBe(2);
  });

  it('grades with a real judge when there is one, the model under test still answered by echo', async () => {
    model = await startModelServer({ defaultReply: JSON.stringify({ reason: 'It says returns are possible.', pass: true, score: 1 }) });
    const cwd = await project({ 'graded.prompt.yaml': GRADED });
    const result = await runMain(['run', '--model', 'echo', '--judge-model', 'judge-model', '--judge-base-url', model.url], { cwd, env: {} });
    expect(result.stderr + result.stdout).toMatch(/1 passed/);
    expect(result.code).toBe(0);
    expect(model.requests.map((request) => request.body.model)).toEqual(['judge-model']);
  });
});
