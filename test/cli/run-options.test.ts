// Issue 13, defect 8 ("small inconsistencies"), through the built CLI: --min-pass-rate as a
// percentage, --test patterns, the pass rate beside an errored test, -o by extension, and what the
// results JSON records of the call (the model, the endpoint, the messages as sent).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const SUITE = `name: Policy
model: test-model
messages:
  - role: system
    content: You answer in one word.
  - role: user
    content: "{{question}}"
tests:
  - name: says yes
    vars: { question: say yes }
    assert:
      - contains: "yes"
  - name: wants the policy
    vars: { question: say no }
    assert:
      - contains: "30 days"
  - name: refund [EU]
    vars: { question: say yes again }
    assert:
      - contains: "yes"
`;

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: /^say yes/, reply: 'yes' },
      { match: /^say no$/, reply: 'no' },
      { match: /^break$/, reply: 'unused', fail: { kind: 'status', status: 400, message: 'this request is refused' } },
    ],
  });
});
afterAll(() => server.close());

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234' });

async function project(suite = SUITE): Promise<string> {
  const dir = await scratchProject();
  await writeFile(join(dir, 'policy.prompt.yaml'), suite);
  return dir;
}

describe('--min-pass-rate', () => {
  it('takes a percentage as the Action does, and a fraction as before', async () => {
    const dir = await project();
    // 2 of 3 tests pass: 66.6%.
    expect((await runCli(['run', '.', '--min-pass-rate', '60%'], { cwd: dir, env: env() })).code).toBe(0);
    expect((await runCli(['run', '.', '--min-pass-rate', '70%'], { cwd: dir, env: env() })).code).toBe(1);
    expect((await runCli(['run', '.', '--min-pass-rate', '0.6'], { cwd: dir, env: env() })).code).toBe(0);
  });

  it('refuses a number that is neither, saying what it takes', async () => {
    const dir = await project();
    const result = await runCli(['run', '.', '--min-pass-rate', '90'], { cwd: dir, env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--min-pass-rate takes a fraction from 0 to 1 (such as 0.9) or a percentage (such as 90%); got "90"');
  });
});

describe('--test', () => {
  it('takes a pattern: * for any run of characters, ? for one', async () => {
    const dir = await project();
    const before = server.requests.length;
    const result = await runCli(['run', '.', '--no-cache', '-t', 'says*', '--output', 'r.json'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(report.results.map((test: { test: string }) => test.test)).toEqual(['says yes']);
    expect(server.requests.slice(before).map((request) => request.lastUserMessage)).toEqual(['say yes']);

    const one = await runCli(['run', '.', '--no-cache', '-t', 'wants the polic?', '--output', 'one.json'], { cwd: dir, env: env() });
    expect(JSON.parse(await readFile(join(dir, 'one.json'), 'utf8')).results.map((test: { test: string }) => test.test)).toEqual(['wants the policy']);
    expect(one.code).toBe(1);
  });

  it('still takes a name as written, brackets and all', async () => {
    const dir = await project();
    const result = await runCli(['run', '.', '--no-cache', '-t', 'refund [EU]', '--output', 'r.json'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')).results.map((test: { test: string }) => test.test)).toEqual(['refund [EU]']);
  });

  it('refuses a pattern that matches no test, as an unknown name, before any call', async () => {
    const dir = await project();
    const before = server.requests.length;
    const result = await runCli(['run', '.', '-t', 'refund*', '-t', 'nothing*'], { cwd: dir, env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no test matches "nothing*" in the selected files');
    expect(result.stderr).not.toContain('"refund*"');
    expect(server.requests.length).toBe(before);
  });
});

describe('the pass rate beside an errored test', () => {
  it('says over how many tests it was taken, in the console and the Markdown report', async () => {
    const dir = await project(
      SUITE.replace('  - name: wants the policy\n    vars: { question: say no }', '  - name: wants the policy\n    vars: { question: break }'),
    );
    const result = await runCli(['run', '.', '--no-cache', '--markdown', 'summary.md'], { cwd: dir, env: env() });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('3 tests: 2 passed, 0 failed, 1 errored · pass rate 100% of 2 evaluated ·');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('| 3 | 2 | 0 | 1 | 0 | 100% of 2 evaluated |');
  });
});

describe('-o by extension', () => {
  it('writes each -o in the format its extension names: .json, .xml (JUnit), .md', async () => {
    const dir = await project();
    const result = await runCli(['run', '.', '--no-cache', '-o', 'out/a.json', '-o', 'out/b.xml', '--output', 'out/c.md'], { cwd: dir, env: env() });
    expect(result.code).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'out/a.json'), 'utf8')).summary).toMatchObject({ total: 3, failed: 1 });
    expect(await readFile(join(dir, 'out/b.xml'), 'utf8')).toMatch(/^<\?xml[^]*<testcase classname="policy.prompt.yaml" name="wants the policy"/);
    expect(await readFile(join(dir, 'out/c.md'), 'utf8')).toMatch(/^## ❌ promptgate: 1 failed of 3 tests/);
  });

  it('refuses an HTML report, an unknown extension and two paths for one format, before any call', async () => {
    const dir = await project();
    const before = server.requests.length;
    const html = await runCli(['run', '.', '-o', 'report.html'], { cwd: dir, env: env() });
    expect(html).toMatchObject({ code: 2 });
    expect(html.stderr).toContain('-o report.html: the HTML report is not built yet; -o takes a path ending in .json (results), .xml (JUnit) or .md (Markdown)');
    const text = await runCli(['run', '.', '-o', 'results.txt'], { cwd: dir, env: env() });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('-o results.txt ends in .txt: -o takes a path ending in .json (results), .xml (JUnit) or .md (Markdown)');
    const twice = await runCli(['run', '.', '--junit', 'a.xml', '-o', 'b.xml'], { cwd: dir, env: env() });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('two JUnit reports: --junit a.xml and -o b.xml; name one file per format');
    expect(server.requests.length).toBe(before);
  });
});

describe('what the results JSON records of the call', () => {
  it('the model and the messages as sent, per test, and the endpoint, never the key', async () => {
    const dir = await project();
    const result = await runCli(['run', '.', '--no-cache', '-t', 'says yes', '-o', 'r.json'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, 'r.json'), 'utf8');
    const report = JSON.parse(text);
    expect(report.endpoints).toEqual({ model: server.url.replace(/\/$/, '') });
    expect(report.results[0]).toMatchObject({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'You answer in one word.' },
        { role: 'user', content: 'say yes' },
      ],
    });
    expect(text).not.toContain('sk-test-secret-1234');
  });

  it('the endpoint without a user, password, query or fragment, whatever became of the call', async () => {
    const dir = await project();
    const url = new URL(server.url);
    url.username = 'user';
    url.password = 'hunter2-password';
    url.search = '?key=s3cret-query';
    url.hash = '#frag-s3cret';
    await runCli(['run', '.', '--no-cache', '-t', 'says yes', '-o', 'r.json', '--base-url', url.href], { cwd: dir, env: env() });
    // The call itself fails (the SDK puts the path after the query, and the double answers 404,
    // quoting what it was sent); the run still says where it went, and nothing more.
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(report.endpoints).toEqual({ model: server.url.replace(/\/$/, '') });
  });
});
