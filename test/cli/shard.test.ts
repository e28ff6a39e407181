// `promptgate run --shard i/N` and `promptgate merge` (issue 15): N shards merged give exactly the
// results, totals and exit code of one unsharded run, timings aside; a missing, doubled or foreign
// shard and a malformed --shard are exit 2, named.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

// The model double echoes the question: `contains` decides each test by its vars.
const suite = (name: string, tests: { name: string; question: string; expect: string; repeat?: number }[]) =>
  `name: ${name}
messages:
  - role: user
    content: "{{question}}"
tests:
${tests.map((test) => `  - name: ${test.name}\n    vars: { question: "${test.question}" }\n${test.repeat ? `    repeat: ${test.repeat}\n` : ''}    assert:\n      - contains: "${test.expect}"`).join('\n')}
`;

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' });

async function project(): Promise<string> {
  const dir = await scratchProject();
  await writeFile(
    join(dir, 'b-billing.prompt.yaml'),
    suite('Billing', [
      { name: 'refund', question: 'refund please', expect: 'refund', repeat: 3 },
      { name: 'invoice', question: 'an invoice', expect: 'receipt' },
      { name: 'tax', question: 'tax rate', expect: 'tax', repeat: 2 },
    ]),
  );
  await writeFile(
    join(dir, 'a-support.prompt.yaml'),
    suite('Support', [
      { name: 'hello', question: 'hello there', expect: 'hello' },
      { name: 'bye', question: 'bye now', expect: 'bye', repeat: 4 },
      { name: 'angry', question: 'I am angry', expect: 'calm' },
      { name: 'thanks', question: 'thanks a lot', expect: 'thanks' },
    ]),
  );
  return dir;
}

const RUN = ['run', '.', '--no-cache', '--model', 'small', '--model', 'large'];

/** What two runs of the same tests may differ in: when they ran and how long the calls took. */
function withoutTimings(text: string): unknown {
  const report = JSON.parse(text);
  delete report.startedAt;
  delete report.summary.durationMs;
  for (const result of report.results) {
    delete result.latencyMs;
    for (const sample of result.samples) delete sample.latencyMs;
  }
  return report;
}

async function shards(dir: string, count: number, extra: string[] = []): Promise<{ files: string[]; codes: number[] }> {
  const files: string[] = [];
  const codes: number[] = [];
  for (let index = 1; index <= count; index++) {
    const file = `shard-${index}.json`;
    const run = await runCli([...RUN, ...extra, '--shard', `${index}/${count}`, '-o', file], { cwd: dir, env: env() });
    expect(run.stderr).toContain(`shard ${index}/${count}`);
    files.push(file);
    codes.push(run.code);
  }
  return { files, codes };
}

describe('run --shard and merge', () => {
  it('three shards merged equal the unsharded run: tests, order, totals, reports and exit code', async () => {
    const dir = await project();
    const whole = await runCli([...RUN, '-o', 'whole.json', '-o', 'whole.xml'], { cwd: dir, env: env() });
    expect(whole.code).toBe(1);
    const { files } = await shards(dir, 3);
    const parts = await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8'))));
    // Disjoint and covering: every test once (one result per test and model), in some shard.
    const keys = parts.flatMap((part) => part.results.map((result: { file: string; test: string; model: string }) => `${result.file}|${result.test}|${result.model}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(14);
    expect(parts.map((part) => part.shard.index)).toEqual([1, 2, 3]);
    expect(new Set(parts.map((part) => part.shard.run)).size).toBe(1);
    // A test's samples and models stay together.
    for (const part of parts) for (const result of part.results) expect(result.samples.length).toBeGreaterThan(0);

    const merged = await runCli(['merge', ...files.reverse(), '-o', 'merged.json', '-o', 'merged.xml'], { cwd: dir, env: {} });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(whole.code);
    const mergedJson = await readFile(join(dir, 'merged.json'), 'utf8');
    const wholeJson = await readFile(join(dir, 'whole.json'), 'utf8');
    expect(withoutTimings(mergedJson)).toEqual(withoutTimings(wholeJson));
    expect(JSON.parse(mergedJson).summary.requests).toBe(JSON.parse(wholeJson).summary.requests);
    // JUnit: the same testcases, timings aside.
    const noTimes = (xml: string) => xml.replace(/ (time|timestamp)="[^"]*"/g, '');
    expect(noTimes(await readFile(join(dir, 'merged.xml'), 'utf8'))).toBe(noTimes(await readFile(join(dir, 'whole.xml'), 'utf8')));
    // The console says what the run would have said of the failures.
    expect(merged.stdout).toMatch(/angry/);
  });

  it('gives the run exit code under --min-pass-rate, and a part with no tests still writes its results', async () => {
    const dir = await project();
    const whole = await runCli([...RUN, '--min-pass-rate', '0.5', '-o', 'whole.json'], { cwd: dir, env: env() });
    expect(whole.code).toBe(0);
    // More parts than tests: some shards have nothing to run, and say so in an empty results file.
    const { files } = await shards(dir, 9, ['--fail-on', 'never']);
    const parts = await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8'))));
    expect(parts.filter((part) => part.results.length === 0).length).toBeGreaterThan(0);
    const merged = await runCli(['merge', ...files, '--min-pass-rate', '0.5', '-o', 'merged.json'], { cwd: dir, env: {} });
    expect(merged.code).toBe(0);
    expect(withoutTimings(await readFile(join(dir, 'merged.json'), 'utf8'))).toEqual(withoutTimings(await readFile(join(dir, 'whole.json'), 'utf8')));
    const strict = await runCli(['merge', ...files], { cwd: dir, env: {} });
    expect(strict.code).toBe(1);
  });

  it("applies the config's gates to the merged run, and writes the run's Markdown report", async () => {
    const dir = await project();
    await writeFile(join(dir, 'promptgate.config.yaml'), 'gates:\n  - minPassRate: 0.9\n');
    const whole = await runCli([...RUN, '-o', 'whole.md'], { cwd: dir, env: env() });
    const { files } = await shards(dir, 2, ['--fail-on', 'never']);
    const merged = await runCli(['merge', ...files, '-o', 'merged.md'], { cwd: dir, env: {} });
    expect(whole.code).toBe(1);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toMatch(/Gates: 1 failed/);
    const noDuration = (markdown: string) => markdown.replace(/\d+ms/g, 'N ms');
    expect(noDuration(await readFile(join(dir, 'merged.md'), 'utf8'))).toBe(noDuration(await readFile(join(dir, 'whole.md'), 'utf8')));
  });

  it('refuses a missing shard, a shard given twice and shards of different runs, naming them', async () => {
    const dir = await project();
    const { files } = await shards(dir, 3);
    const missing = await runCli(['merge', files[0]!, files[2]!, '-o', 'merged.json'], { cwd: dir, env: {} });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/3/);
    await expect(readFile(join(dir, 'merged.json'), 'utf8')).rejects.toThrow(/ENOENT/);

    await writeFile(join(dir, 'again.json'), await readFile(join(dir, files[1]!)));
    const twice = await runCli(['merge', ...files, 'again.json'], { cwd: dir, env: {} });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 2\/3 is given twice: shard-2\.json and again\.json/);

    const other = await runCli([...RUN, '-t', 'refund', '--shard', '2/3', '-o', 'other.json'], { cwd: dir, env: env() });
    expect(other.code).toBe(0);
    const foreign = await runCli(['merge', files[0]!, 'other.json', files[2]!], { cwd: dir, env: {} });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/shards of different runs/);
    expect(foreign.stderr).toMatch(/other\.json/);

    const whole = await runCli([...RUN, '-t', 'hello', '-o', 'whole.json'], { cwd: dir, env: env() });
    expect(whole.code).toBe(0);
    const notShard = await runCli(['merge', 'whole.json'], { cwd: dir, env: {} });
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toMatch(/not a shard's results.*whole\.json/);

    const notResults = await runCli(['merge', 'a-support.prompt.yaml'], { cwd: dir, env: {} });
    expect(notResults.code).toBe(2);
    expect(notResults.stderr).toMatch(/a-support\.prompt\.yaml:\d+:\d+.*not a promptgate results file/);
    expect(notResults.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it.each([
    ['0/4', /--shard 0\/4: the part is numbered from 1 to 4/],
    ['5/4', /--shard 5\/4: the part is numbered from 1 to 4/],
    ['x', /--shard takes i\/N, the part to run of N \(e\.g\. 1\/4\).*got "x"/],
    ['1/0', /--shard 1\/0: N is the number of parts, from 1 to 256/],
    ['2', /--shard takes i\/N.*got "2"/],
    ['1/4/2', /--shard takes i\/N.*got "1\/4\/2"/],
  ])('--shard %s is exit 2 before any call', async (spec, message) => {
    const dir = await project();
    const before = server.requests.length;
    const run = await runCli([...RUN, '--shard', spec], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
    expect(server.requests.length).toBe(before);
  });

  it('--shard with --baseline or --against is exit 2: not supported yet', async () => {
    const dir = await project();
    await runCli(['run', '.', '--model', 'small', '-o', 'base.json'], { cwd: dir, env: env() });
    const baseline = await runCli(['run', '.', '--model', 'small', '--baseline', 'base.json', '--shard', '1/2'], { cwd: dir, env: env() });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/--shard with --baseline is not supported yet/);
    const against = await runCli(['run', '.', '--model', 'small', '--against', 'HEAD', '--shard', '1/2'], { cwd: dir, env: env() });
    expect(against.code).toBe(2);
    expect(against.stderr).toMatch(/--shard with --against is not supported yet/);
  });
});
