// Re-run what failed (issue 13): `--failed-from results.json` runs only the tests that failed or
// errored there, found by file and test name; a file that is no results file is refused (exit 2).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const SUITE = `name: Policy
model: test-model
messages:
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
  - name: hits a refusal
    vars: { question: break }
    assert:
      - contains: "yes"
`;

const OTHER = `name: Other
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: wants the policy
    vars: { question: say yes too }
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

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' });

async function project(): Promise<string> {
  const dir = await scratchProject();
  await writeFile(join(dir, 'policy.prompt.yaml'), SUITE);
  // A test of the same name in another file, which passed: matched by file and name, it is not re-run.
  await writeFile(join(dir, 'other.prompt.yaml'), OTHER);
  return dir;
}

function asked(from: number): string[] {
  return server.requests.slice(from).map((request) => request.lastUserMessage).sort();
}

describe('--failed-from', () => {
  it('runs only the tests that failed or errored there, by file and name', async () => {
    const dir = await project();
    const first = await runCli(['run', '.', '--no-cache', '-o', 'first.json'], { cwd: dir, env: env() });
    expect(first.code).toBe(1);

    const before = server.requests.length;
    const again = await runCli(['run', '.', '--no-cache', '--failed-from', 'first.json', '-o', 'again.json'], { cwd: dir, env: env() });
    expect(again.code).toBe(1);
    // `break` is retried by nobody (a 400), so once: the errored test is re-run with the failed one.
    expect(asked(before)).toEqual(['break', 'say no']);
    expect(again.stderr).toContain('promptgate: re-running the 2 tests that failed or errored in first.json\n');
    const report = JSON.parse(await readFile(join(dir, 'again.json'), 'utf8'));
    expect(report.results.map((test: { file: string; test: string }) => `${test.file} › ${test.test}`)).toEqual([
      'policy.prompt.yaml › wants the policy',
      'policy.prompt.yaml › hits a refusal',
    ]);
  });

  it('narrows further with --test, and says how many it could not find', async () => {
    const dir = await project();
    await runCli(['run', '.', '--no-cache', '-o', 'first.json'], { cwd: dir, env: env() });
    // The test that failed is renamed since.
    await writeFile(join(dir, 'policy.prompt.yaml'), SUITE.replace('name: wants the policy', 'name: wants the refund policy'));
    const before = server.requests.length;
    const again = await runCli(['run', '.', '--no-cache', '--failed-from', 'first.json', '-t', 'hits*'], { cwd: dir, env: env() });
    expect(asked(before)).toEqual(['break']);
    expect(again.stderr).toContain('re-running 1 of the 2 tests that failed or errored in first.json; the other is not among the tests selected (renamed, removed, or left out by --test or the paths)');
  });

  it('says there is nothing to re-run and exits 0 when nothing failed, or none of what failed is selected', async () => {
    const dir = await project();
    await runCli(['run', '.', '--no-cache', '-t', 'says yes', '-o', 'passed.json'], { cwd: dir, env: env() });
    const before = server.requests.length;
    const again = await runCli(['run', '.', '--failed-from', 'passed.json'], { cwd: dir, env: env() });
    expect(again).toMatchObject({ code: 0, stdout: 'Nothing to re-run: no test failed or errored in passed.json.\n' });

    await runCli(['run', '.', '--no-cache', '-o', 'first.json'], { cwd: dir, env: env() });
    const from = server.requests.length;
    const none = await runCli(['run', '.', '--failed-from', 'first.json', '-t', 'says yes'], { cwd: dir, env: env() });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(
      'Nothing to re-run: none of the 2 tests that failed or errored in first.json is in the selected files (renamed, removed, or left out by --test or the paths).\n',
    );
    expect(server.requests.length - from).toBe(0);
    expect(from - before).toBe(4);
  });

  it('refuses a file that is no results file, with exit 2 and nothing sent, and leaves it alone', async () => {
    const dir = await project();
    await writeFile(join(dir, 'notes.json'), '{"hello": 1}\n');
    const before = server.requests.length;
    const refused = await runCli(['run', '.', '--failed-from', 'notes.json', '-o', 'notes.json'], { cwd: dir, env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('notes.json:1:1: error: not a promptgate results file (it has no "tool": { "name": "promptgate" }); write one with `promptgate run --output FILE`');
    expect(refused.stderr).toContain('--output notes.json was not written: the run reads that file');
    expect(await readFile(join(dir, 'notes.json'), 'utf8')).toBe('{"hello": 1}\n');
    const missing = await runCli(['run', '.', '--failed-from', 'missing.json'], { cwd: dir, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.json: error: no such results file; write one with `promptgate run --output FILE`');
    expect(server.requests.length).toBe(before);
  });
});
