// Several models in one run (issue 13): `--model a --model b` runs every selected file once per
// model; the results carry the model; the console and the Markdown report show them side by side.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const SUITE = `name: Policy
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: says yes
    vars: { question: say yes }
    assert:
      - contains: "yes"
  - name: knows the window
    vars: { question: how long to return? }
    assert:
      - contains: "30 days"
`;

let server: ModelServer;
const byModel = (model: string) => (request: ReceivedRequest) => request.body.model === model;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: /say yes/, reply: 'yes' },
      // The careful model knows the policy; the quick one does not.
      { match: (request) => byModel('careful')(request) && /return/.test(request.lastUserMessage), reply: 'Within 30 days.' },
      { match: (request) => byModel('quick')(request) && /return/.test(request.lastUserMessage), reply: 'A while.' },
    ],
  });
});
afterAll(() => server.close());

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' });

async function project(): Promise<string> {
  const dir = await scratchProject();
  await writeFile(join(dir, 'policy.prompt.yaml'), SUITE);
  return dir;
}

describe('--model a --model b', () => {
  it('runs each file once per model, and each result carries its model', async () => {
    const dir = await project();
    const before = server.requests.length;
    const result = await runCli(['run', '.', '--no-cache', '-m', 'careful', '--model', 'quick', '-o', 'r.json', '-o', 'r.xml', '-o', 'r.md'], { cwd: dir, env: env() });
    expect(result.code).toBe(1);
    const sent = server.requests.slice(before).map((request) => `${request.body.model}: ${request.lastUserMessage}`);
    expect(sent.sort()).toEqual(['careful: how long to return?', 'careful: say yes', 'quick: how long to return?', 'quick: say yes']);

    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(report.results.map((test: { test: string; model: string; status: string }) => `${test.test} · ${test.model} · ${test.status}`)).toEqual([
      'says yes · careful · passed',
      'says yes · quick · passed',
      'knows the window · careful · passed',
      'knows the window · quick · failed',
    ]);
    expect(report.summary).toMatchObject({ total: 4, passed: 3, failed: 1 });
    // Rendered once for both models.
    expect(report.results[0].messages).toEqual([{ role: 'user', content: 'say yes' }]);
    expect(report.results[1].messages).toEqual(report.results[0].messages);

    expect(await readFile(join(dir, 'r.xml'), 'utf8')).toContain('<testcase classname="policy.prompt.yaml" name="knows the window [quick]"');
  });

  it('shows the models side by side in the console: figures per model, then each test by model', async () => {
    const dir = await project();
    // Priced per million tokens; `quick` has no price.
    await writeFile(join(dir, 'promptgate.config.yaml'), 'prices:\n  careful: { input: 10000, output: 20000 }\n');
    const result = await runCli(['run', '.', '--no-cache', '--model', 'careful', '--model', 'quick'], { cwd: dir, env: env() });
    const lines = result.stdout.split('\n');
    const start = lines.indexOf('Models side by side:');
    expect(start).toBeGreaterThan(-1);
    expect(lines.slice(start + 1, start + 4).map((line) => line.replace(/ +/g, ' ').replace(/\d+ms$/, 'Nms'))).toEqual([
      ' model tests passed failed errored pass rate tokens cost latency',
      // The double counts words: careful was sent 2 + 4 and answered 1 + 3 (10 tokens, at $0.01 and
      // $0.02 a token: $0.14); quick answered "A while." for the 3 it was asked (9).
      ' careful 2 2 0 0 100% 10 $0.14 Nms',
      ' quick 2 1 1 0 50% 9 n/a Nms',
    ]);
    expect(lines.slice(start + 5, start + 8).map((line) => line.replace(/ +/g, ' '))).toEqual([
      ' careful quick',
      ' pass pass policy.prompt.yaml:6 Policy › says yes',
      ' pass FAIL policy.prompt.yaml:10 Policy › knows the window',
    ]);
    // A failure says which model it was.
    expect(result.stdout).toMatch(/FAIL {2}policy\.prompt\.yaml:10 {2}Policy › knows the window {2}\[quick\]/);
  });

  it('shows them side by side in the Markdown report', async () => {
    const dir = await project();
    await runCli(['run', '.', '--no-cache', '--model', 'careful', '--model', 'quick', '--markdown', 'r.md'], { cwd: dir, env: env() });
    const markdown = await readFile(join(dir, 'r.md'), 'utf8');
    expect(markdown).toContain(
      '### Models side by side\n\n| Model | Tests | Passed | Failed | Errored | Pass rate | Tokens | Mean latency |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| `careful` | 2 | 2 | 0 | 0 | 100% | 10 |',
    );
    expect(markdown).toContain('| Test | `careful` | `quick` |\n| --- | :---: | :---: |\n| Policy › says yes · `policy.prompt.yaml:6` | ✅ | ✅ |\n| Policy › knows the window · `policy.prompt.yaml:10` | ✅ | ❌ |');
    expect(markdown).toContain('`policy.prompt.yaml:10` · failed · with `quick`');
  });

  it('one --model runs as before: no side by side', async () => {
    const dir = await project();
    const result = await runCli(['run', '.', '--no-cache', '--model', 'careful', '-o', 'r.json'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('side by side');
    expect(result.stdout).not.toContain('[careful]');
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(report.results.map((test: { model: string }) => test.model)).toEqual(['careful', 'careful']);
  });

  it('refuses a model named twice, and several models with a comparison or suggest', async () => {
    const dir = await project();
    const twice = await runCli(['run', '.', '--model', 'quick', '--model', 'quick'], { cwd: dir, env: env() });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--model quick is given twice; name each model once');
    await writeFile(join(dir, 'baseline.json'), '{}');
    const compared = await runCli(['run', '.', '--model', 'careful', '--model', 'quick', '--baseline', 'baseline.json'], { cwd: dir, env: env() });
    expect(compared.code).toBe(2);
    expect(compared.stderr).toContain('several --model with --baseline: a comparison runs one model; compare each model in a run of its own');
    const suggest = await runCli(['suggest', 'policy.prompt.yaml', '--critique', 'x', '--model', 'careful', '--model', 'quick'], { cwd: dir, env: env() });
    expect(suggest.code).toBe(2);
    expect(suggest.stderr).toContain('`promptgate suggest` takes one --model');
  });
});
