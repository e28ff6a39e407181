// The report files end to end: a path that cannot be written is refused before the first call,
// a signal from CI stops the run with what is done written, and a write that fails at the end is
// an I/O error with its own exit code while the other files are still written.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject, startCli } from './run-cli.js';

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
`;

/** The same and a third test whose request is never answered: the run is still on it when the signal comes. */
const HELD_SUITE = `${SUITE}  - name: held
    vars: { question: wait for it }
    assert:
      - contains: "yes"
`;

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: /say yes/, reply: 'yes' },
      { match: /say no/, reply: 'no' },
      { match: /wait for it/, fail: { kind: 'hang' } },
    ],
  });
});
afterAll(() => server.close());

function modelEnv() {
  return { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234' };
}

async function project(suite = SUITE): Promise<string> {
  const dir = await scratchProject();
  await writeFile(join(dir, 'questions.prompt.yaml'), suite);
  return dir;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('report paths are checked before the first call', () => {
  it('refuses --output under a file (not a directory) with exit 2, naming the path and why, and sends nothing', async () => {
    const dir = await project();
    await writeFile(join(dir, 'reports'), 'a file where a directory should be\n');
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache', '--output', 'reports/results.json'], { cwd: dir, env: modelEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--output reports\/results\.json cannot be written: \S*reports is a file, not a directory/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(server.stats.requests).toBe(requestsBefore);
  });

  it('refuses --junit and --markdown paths that are directories', async () => {
    const dir = await project();
    await mkdir(join(dir, 'out'));
    const requestsBefore = server.stats.requests;
    const junit = await runCli(['run', '.', '--no-cache', '--junit', 'out'], { cwd: dir, env: modelEnv() });
    expect(junit.code).toBe(2);
    expect(junit.stderr).toMatch(/--junit out cannot be written: .*out is a directory/);
    const markdown = await runCli(['run', '.', '--no-cache', '--markdown', '.'], { cwd: dir, env: modelEnv() });
    expect(markdown.code).toBe(2);
    expect(markdown.stderr).toMatch(/--markdown \. cannot be written: .* is a directory/);
    expect(server.stats.requests).toBe(requestsBefore);
  });
});

describe('a run stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('on %s: stops, writes every report with the finished tests, the rest counted as not finished, exits %i', async (signal, code) => {
    const dir = await project(HELD_SUITE);
    // One at a time: when the held request arrives, the two before it are answered and scored.
    const run = startCli(['run', '.', '--no-cache', '--concurrency', '1', '--output', 'out/results.json', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'], {
      cwd: dir,
      env: modelEnv(),
    });
    const heldBefore = server.requests.filter((request) => request.lastUserMessage === 'wait for it').length;
    await until(() => server.requests.filter((request) => request.lastUserMessage === 'wait for it').length > heldBefore, 'the held request');
    run.child.kill(signal);
    const result = await run.result;

    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`stopped by ${signal}`);
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    expect(report.results.map((entry: { test: string; status: string }) => `${entry.test}: ${entry.status}`)).toEqual(['first: passed', 'second: failed']);
    expect(report.summary).toMatchObject({ total: 2, passed: 1, failed: 1, errored: 0, interrupted: { planned: 3, notFinished: 1, signal } });
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toMatch(/<testsuites name="promptgate" tests="2" failures="1" errors="0"/);
    expect(await readFile(join(dir, 'out/summary.md'), 'utf8')).toContain('interrupted after 2 of 3 tests (1 failed)');
  });
});

describe('suggest stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('on %s: stops running the file, writes nothing, exits %i', async (signal, code) => {
    const dir = await project(HELD_SUITE);
    const before = await readFile(join(dir, 'questions.prompt.yaml'), 'utf8');
    const run = startCli(['suggest', 'questions.prompt.yaml', '--critique', 'too short', '--apply', '--no-cache', '--concurrency', '1'], { cwd: dir, env: modelEnv() });
    const heldBefore = server.requests.filter((request) => request.lastUserMessage === 'wait for it').length;
    await until(() => server.requests.filter((request) => request.lastUserMessage === 'wait for it').length > heldBefore, 'the held request');
    run.child.kill(signal);
    const result = await run.result;

    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/cancelled/);
    expect(await readFile(join(dir, 'questions.prompt.yaml'), 'utf8')).toBe(before);
  });
});

describe('a report that cannot be written at the end', () => {
  // /dev/full accepts the open and fails every write with ENOSPC: a disk that filled up during the run.
  it.skipIf(!existsSync('/dev/full'))('is an I/O error with exit 5, naming the file, and the other reports are still written', async () => {
    const dir = await project();
    await mkdir(join(dir, 'out'));
    // Through a symlink, as a path in a project would be; stat follows it to the device.
    await symlink('/dev/full', join(dir, 'out/results.json'));
    const result = await runCli(['run', '.', '--no-cache', '--output', 'out/results.json', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'], {
      cwd: dir,
      env: modelEnv(),
    });

    expect(result.code).toBe(5);
    expect(result.stderr).toContain('could not write the JSON report (--output out/results.json): no space left on the device (ENOSPC)');
    expect(result.stderr).toContain('The other reports were written.');
    expect(result.stderr).not.toMatch(/internal error|bug in promptgate/);
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toMatch(/<testsuites name="promptgate" tests="2" failures="1"/);
    expect(await readFile(join(dir, 'out/summary.md'), 'utf8')).toContain('1 failed of 2 tests');
  });
});
