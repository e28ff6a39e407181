// A release gated on its baseline, end to end through the built CLI, against a model whose pass
// rates are known (the model double's `pass-rate:` marker): the last release's results written by a
// real `run --output --repeat 10`, then a candidate whose 20 billing tests truly drop from 95% to
// 40% while 60 noisy support tests (70%) do not change. The gate must fail on the drops and blame
// at most one noisy test; the same candidate without the drop must pass. `npm run bench -- release`
// measures the same over many seeds.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, type CliResult } from './run-cli.js';

const DROPPED = 20;
const NOISY = 60;

/** A prompt file of `count` tests that pass when the model answers PASS, which it does at `rate`. */
function promptFile(name: string, rate: number, count: number): string {
  const tests = Array.from({ length: count }, (_, i) => `  - name: ${name} ${i}\n    vars: { question: "${name} question ${i}" }\n    assert:\n      - contains: PASS\n`);
  return `name: ${name}\nmodel: release-model\nmessages:\n  - role: system\n    content: "You answer ${name} questions. pass-rate: ${rate}"\n  - role: user\n    content: "{{question}}"\ntests:\n${tests.join('')}`;
}

let server: ModelServer;
let project: string;

interface Results {
  results: { file: string; test: string; comparison: { change: string } }[];
}

async function release(billingRate: number, output: string): Promise<CliResult & { results: Results; markdown: string }> {
  await writeFile(join(project, 'prompts/billing.prompt.yaml'), promptFile('billing', billingRate, DROPPED));
  const result = await run(['run', 'prompts', '--baseline', 'baseline.json', '--output', `${output}.json`, '--markdown', `${output}.md`]);
  const results = JSON.parse(await readFile(join(project, `${output}.json`), 'utf8')) as Results;
  return { ...result, results, markdown: await readFile(join(project, `${output}.md`), 'utf8') };
}

function run(args: string[]): Promise<CliResult> {
  // Concurrency high and no latency: 800 calls for the baseline and about as many for a candidate.
  return runCli([...args, '--no-cache', '--concurrency', '64', '--quiet'], { cwd: project, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-release' } });
}

const regressed = (results: Results, file: string) => results.results.filter((entry) => entry.file === file && entry.comparison.change === 'regression').map((entry) => entry.test);

beforeAll(async () => {
  server = await startModelServer({ randomPass: { seed: 12 } });
  project = await mkdtemp(join(tmpdir(), 'promptgate-release-'));
  await mkdir(join(project, 'prompts'));
  await writeFile(join(project, 'prompts/billing.prompt.yaml'), promptFile('billing', 0.95, DROPPED));
  await writeFile(join(project, 'prompts/support.prompt.yaml'), promptFile('support', 0.7, NOISY));
  // The last release's results: 10 samples a test. Noisy tests fail some samples, so it exits 1.
  const recorded = await run(['run', 'prompts', '--repeat', '10', '--output', 'baseline.json']);
  expect(recorded.stderr).toBe('');
});
afterAll(() => server.close());

describe('a release gated on a 10-sample baseline, against a model answering at set rates', () => {
  it('fails the gate when 20 tests drop from 95% to 40%, names the drops it shows, and blames at most 1 of the 60 noisy tests', async () => {
    const candidate = await release(0.4, 'dropped');
    const caught = regressed(candidate.results, 'prompts/billing.prompt.yaml');
    const blamed = regressed(candidate.results, 'prompts/support.prompt.yaml');
    expect(blamed.length).toBeLessThanOrEqual(1);
    // 10 samples at 95% against 40%: about half the drops are shown at default settings (the bench has the rate).
    expect(caught.length).toBeGreaterThanOrEqual(5);
    expect(candidate.code).toBe(1);
    const count = caught.length + blamed.length;
    expect(candidate.stdout).toMatch(new RegExp(`Gates: 1 failed\\n {2}FAIL {2}no regression {2}${count} regressions {2}limit 0\\n`));
    expect(candidate.markdown).toContain(`| no regression | ${count} regressions | 0 | ❌ failed |`);
    expect(candidate.markdown).toContain(`### Regressions (${count})`);
    for (const test of caught) expect(candidate.markdown).toMatch(new RegExp(`\\| \`prompts/billing\\.prompt\\.yaml\` › ${test} \\| 1?\\d/10 \\(\\d+–\\d+%\\) → \\d+/\\d+ \\(\\d+–\\d+%\\) \\|`));
  });

  it('passes the same candidate without the drop', async () => {
    const candidate = await release(0.95, 'steady');
    expect(regressed(candidate.results, 'prompts/billing.prompt.yaml')).toEqual([]);
    expect(regressed(candidate.results, 'prompts/support.prompt.yaml')).toEqual([]);
    expect(candidate.stdout).toMatch(/Gates: 1 passed\n {2}pass {2}no regression {2}0 regressions {2}limit 0\n/);
    expect(candidate.markdown).toContain('**Gates passed** (1).');
    expect(candidate.code).toBe(0);
  });
});
