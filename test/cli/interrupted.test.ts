// Ctrl-C in the middle of a run of many tests: the console says how far the run got in one line and
// lists only what finished; the JSON, JUnit and Markdown reports agree, and the tests that never
// ran are counted, not reported as errored one by one.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { repoRoot, scratchProject, startCli, type CliResult } from './run-cli.js';

// Four tests answered (two pass, two fail), a fifth whose request is never answered, and 25 more
// that one call at a time never reach: 30 planned, 4 finished when the signal comes.
const FINISHED = ['say yes', 'say no', 'say yes', 'say no'];
const NEVER_STARTED = 25;
const PLANNED = FINISHED.length + 1 + NEVER_STARTED;

function suite(): string {
  const test = (name: string, question: string) => `  - name: ${name}\n    vars: { question: ${question} }\n    assert:\n      - contains: "yes"\n`;
  const tests = [
    ...FINISHED.map((question, index) => test(`answered ${index + 1}`, question)),
    test('held', 'wait for it'),
    ...Array.from({ length: NEVER_STARTED }, (_, index) => test(`later ${index + 1}`, 'say yes')),
  ];
  return `name: Many\nmodel: test-model\nmessages:\n  - role: user\n    content: "{{question}}"\ntests:\n${tests.join('')}`;
}

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

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs the suite one call at a time and sends `signal` once the held request has arrived. */
async function interruptedRun(extra: string[], signal: NodeJS.Signals = 'SIGINT'): Promise<{ dir: string; result: CliResult }> {
  const dir = await scratchProject();
  await writeFile(join(dir, 'many.prompt.yaml'), suite());
  const held = () => server.requests.filter((request) => request.lastUserMessage === 'wait for it').length;
  const heldBefore = held();
  const run = startCli(['run', '.', '--no-cache', '--concurrency', '1', ...extra], { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234' } });
  await until(() => held() > heldBefore, 'the held request');
  run.child.kill(signal);
  return { dir, result: await run.result };
}

describe('Ctrl-C in the middle of a run', () => {
  it('says how far the run got, lists only the tests that finished, and floods nothing, even with -q', async () => {
    const { result } = await interruptedRun(['-q']);

    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/Interrupted by SIGINT after 4 of 30 tests: 2 passed, 2 failed, 0 errored · 26 not finished · /);
    // The two real failures, and nothing for the 26 tests that never got an answer.
    expect(result.stdout.match(/^FAIL /gm)).toHaveLength(2);
    expect(result.stdout).not.toMatch(/ERROR|cancelled|later \d+|held/);
    expect(result.stderr).toMatch(/^promptgate: stopped by SIGINT after 4 of 30 tests; 26 not finished, left out of the results and the reports\.$/m);
    expect(result.stderr).not.toMatch(/cancelled/);
    // What -q leaves: two failure blocks, the summary line, and the one line on stderr.
    expect(result.stdout.split('\n').length).toBeLessThan(20);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('writes reports that agree: the finished tests only, marked interrupted, with the signal', async () => {
    const { dir, result } = await interruptedRun(['--output', 'out/results.json', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'], 'SIGTERM');
    expect(result.code).toBe(143);

    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    expect(report.results.map((entry: { test: string; status: string }) => `${entry.test}: ${entry.status}`)).toEqual([
      'answered 1: passed',
      'answered 2: failed',
      'answered 3: passed',
      'answered 4: failed',
    ]);
    expect(report.summary).toMatchObject({ total: 4, passed: 2, failed: 2, errored: 0, interrupted: { planned: PLANNED, notFinished: 26, signal: 'SIGTERM' } });
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(await readFile(join(repoRoot, 'schema/results.schema.json'), 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);

    const junit = await readFile(join(dir, 'out/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="promptgate" tests="4" failures="2" errors="0"/);
    expect(junit.match(/<testcase /g)).toHaveLength(4);
    expect(junit).not.toMatch(/<error/);

    const markdown = await readFile(join(dir, 'out/summary.md'), 'utf8');
    expect(markdown).toMatch(/^## ⏹️ promptgate: interrupted after 4 of 30 tests \(2 failed\)$/m);
    expect(markdown).toContain('The run was stopped by `SIGTERM` after 4 of 30 tests. The 26 not finished are left out');
    expect(markdown).toContain('### Failures (2)');
    expect(markdown).not.toMatch(/errored|cancelled|later \d+/);
  });
});
