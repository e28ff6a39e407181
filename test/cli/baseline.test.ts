// `promptgate run --baseline FILE` and the release gates end to end: the built CLI, a project in a
// temporary directory, a baseline written by a real earlier `run --output`, and the model double
// answering the earlier and the current prompts (or models) differently.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { repoRoot, runCli, type CliResult } from './run-cli.js';

function supportFile(tone: string, tests: string[]): string {
  const all: Record<string, string> = {
    'says yes': '  - name: says yes\n    vars: { question: can I return it }\n    assert:\n      - contains: "yes"\n',
    greets: '  - name: greets\n    tags: [safety]\n    vars: { question: hello there }\n    assert:\n      - contains: "hello"\n',
    'old test': '  - name: old test\n    vars: { question: hello again }\n    assert:\n      - contains: "hello"\n',
    'brand new': '  - name: brand new\n    vars: { question: hello friend }\n    assert:\n      - contains: "hello"\n',
  };
  return `name: Support\nmodel: model-a\ntags: [support]\nmessages:\n  - role: user\n    content: "Answer ${tone}: {{question}}"\ntests:\n${tests.map((name) => all[name]).join('')}`;
}
const LEGACY = 'name: Legacy\nmodel: model-a\nmessages:\n  - role: user\n    content: "Legacy: {{question}}"\ntests:\n  - name: l1\n    vars: { question: hello there }\n    assert:\n      - contains: "hello"\n';
const OTHER = LEGACY.replace('Legacy', 'Other').replace('Legacy:', 'Other:').replace('l1', 'o1');

let server: ModelServer;
let project: string;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      // model-b, the model upgrade, refuses returns whatever it is asked.
      { match: (request) => request.body.model === 'model-b' && /can I return/.test(request.lastUserMessage), reply: 'no' },
      { match: /kindly: can I return/, reply: 'yes, within 30 days' },
      { match: /curtly: can I return/, reply: 'no' },
      { match: /hello/, reply: 'hello!' },
    ],
  });
  project = await mkdtemp(join(tmpdir(), 'promptgate-baseline-'));
  await mkdir(join(project, 'prompts'));
  // The release the baseline records: kind, with a test and a file that the candidate drops.
  await write('prompts/support.prompt.yaml', supportFile('kindly', ['says yes', 'greets', 'old test']));
  await write('prompts/legacy.prompt.yaml', LEGACY);
  await write('prompts/other.prompt.yaml', OTHER);
  const recorded = await run(['run', 'prompts', '--repeat', '4', '--output', 'baseline.json']);
  expect(recorded.code, recorded.stderr).toBe(0);
  await write('empty.json', JSON.stringify({ ...JSON.parse(await readFile(join(project, 'baseline.json'), 'utf8')), results: [] }));
  // The candidate: curt, one test gone and one added, the legacy file deleted.
  await write('prompts/support.prompt.yaml', supportFile('curtly', ['says yes', 'greets', 'brand new']));
  await rm(join(project, 'prompts/legacy.prompt.yaml'));
});
afterAll(() => server.close());

function write(file: string, text: string): Promise<void> {
  return writeFile(join(project, file), text);
}

/** Runs the CLI in the project: what it did and the prompts the model was sent meanwhile. */
async function run(args: string[], cwd = project): Promise<CliResult & { prompts: string[] }> {
  const before = server.requests.length;
  const result = await runCli(args, { cwd, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-baseline' } });
  return { ...result, prompts: server.requests.slice(before).map((request) => request.lastUserMessage) };
}

interface Report {
  summary: { comparison: Record<string, number> };
  results: { file: string; test: string; comparison: { change: string; base?: { passed: number; samples: number }; head: { passed: number; samples: number } } }[];
}

describe('run --baseline: the candidate against the release it records', () => {
  let result: CliResult & { prompts: string[] };
  let report: Report;
  let markdown: string;

  beforeAll(async () => {
    result = await run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json', '--no-cache', '--output', 'out/candidate.json', '--markdown', 'out/release.md']);
    report = JSON.parse(await readFile(join(project, 'out/candidate.json'), 'utf8'));
    markdown = await readFile(join(project, 'out/release.md'), 'utf8');
  });

  it('samples only this run, calls the test that passed in the baseline and fails now a regression, fails the default gate and exits 1', () => {
    expect(result.code).toBe(1);
    expect(result.prompts.filter((prompt) => /kindly|Legacy|Other/.test(prompt))).toEqual([]);
    expect(result.stderr).toMatch(/comparing with baseline\.json, recorded \d{4}-\d\d-\d\d: 1 of 1 file has results there\n/);
    expect(result.stdout).toMatch(/Compared with baseline\.json: 1 regression, 0 improvements, 1 unchanged, 0 inconclusive, 1 new, 2 removed · false-alarm rate 5%/);
    expect(result.stdout).toMatch(/\n {2}regression {2}4\/4 \(\d+–100%\) → 0\/(\d+) \(0–\d+%\) {2}prompts\/support\.prompt\.yaml:8 {2}Support › says yes\n/);
    // Four samples a test can show only a collapse such as this one; the run says so.
    expect(result.stderr).toContain('promptgate: warning: the baseline has fewer than 5 evaluated samples for 3 of its 3 tests in the selected files: too few to show any but the largest drop; write the baseline with --repeat 20\n');
    expect(result.stdout).toMatch(/Gates: 1 failed\n {2}FAIL {2}no regression {2}1 regression {2}limit 0\n {8}prompts\/support\.prompt\.yaml › says yes\n/);
  });

  it('reports a test its file no longer has and a test of a deleted file as removed, and leaves out a file the run did not select', () => {
    expect(result.stdout).toContain('  removed     prompts/support.prompt.yaml › old test\n');
    expect(result.stdout).toContain('  removed     prompts/legacy.prompt.yaml › l1\n');
    expect(result.stdout).not.toContain('other.prompt.yaml');
    expect(report.summary.comparison).toMatchObject({ regression: 1, unchanged: 1, new: 1, removed: 2 });
  });

  it('writes each test\'s change with the baseline\'s recorded counts to the JSON, valid against the schema', async () => {
    const changes = Object.fromEntries(report.results.map((entry) => [entry.test, entry.comparison.change]));
    expect(changes).toEqual({ 'says yes': 'regression', greets: 'unchanged', 'brand new': 'new' });
    expect(report.results.find((entry) => entry.test === 'says yes')!.comparison).toMatchObject({ base: { passed: 4, samples: 4 }, head: { passed: 0 } });
    const schema = JSON.parse(await readFile(join(repoRoot, 'schema/results.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes the release report with --markdown: the gates, the regression with both counts, the tests added and removed', () => {
    expect(markdown).toMatch(/^## promptgate: `this run` against `baseline\.json`\n\n\*\*1 gate failed\*\* of 1: no regression\.\n/);
    expect(markdown).toContain('| no regression | 1 regression | 0 | ❌ failed |');
    expect(markdown).toContain('1 regression, 0 improvements, 1 unchanged, 0 inconclusive, 1 new, 2 removed');
    expect(markdown).toMatch(/### Regressions \(1\)\n\n\| test \| before → now \|\n\| --- \| --- \|\n\| `prompts\/support\.prompt\.yaml` › says yes \| 4\/4 \(\d+–100%\) → 0\/\d+ \(0–\d+%\) \|/);
    expect(markdown).toContain('### Tests added (1)\n\n- `prompts/support.prompt.yaml` › brand new\n');
    expect(markdown).toContain('### Tests removed (2)\n\n- `prompts/legacy.prompt.yaml` › l1\n- `prompts/support.prompt.yaml` › old test\n');
    expect(markdown).toContain('> ⚠️ The baseline has fewer than 5 evaluated samples for 3 of its 3 tests');
    // Release notes, not a log: the failing outputs stay in the console and the JSON.
    expect(markdown).not.toContain('### Failures');
  });
});

describe('run --baseline: gates and --fail-on', () => {
  async function withConfig<T>(config: string, action: () => Promise<T>): Promise<T> {
    await write('promptgate.config.yaml', config);
    try {
      return await action();
    } finally {
      await rm(join(project, 'promptgate.config.yaml'));
    }
  }

  it('checks the declared gates instead of the default: a regression outside the safety tests passes them, and --fail-on regression adds it back', async () => {
    const config = 'gates:\n  - noRegression: true\n    tag: safety\n  - minPassRate: 0.5\n  - maxErrored: 0\n';
    const gated = await withConfig(config, () => run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json', '--no-cache']));
    expect(gated.stdout).toContain('1 regression');
    expect(gated.stdout).toMatch(/Gates: 3 passed\n {2}pass {2}no regression \(tag safety\) +0 regressions +limit 0\n {2}pass {2}pass rate +66\.6% +limit ≥ 50%\n {2}pass {2}errored tests +0 tests errored +limit ≤ 0\n/);
    expect(gated.code).toBe(0);

    const strict = await withConfig(config, () => run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json', '--no-cache', '--fail-on', 'regression']));
    expect(strict.code).toBe(1);
  });

  it('a failed gate exits 1 even where --min-pass-rate would pass; --fail-on never reports it and exits 0', async () => {
    const config = 'gates:\n  - minPassRate: 0.9\n';
    const failed = await withConfig(config, () => run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json', '--no-cache', '--min-pass-rate', '0.5']));
    expect(failed.stdout).toMatch(/Gates: 1 failed\n {2}FAIL {2}pass rate {2}66\.6% {2}limit ≥ 90%\n {8}prompts\/support\.prompt\.yaml › says yes\n/);
    expect(failed.code).toBe(1);

    const never = await run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json', '--no-cache', '--fail-on', 'never']);
    expect(never.stdout).toContain('FAIL  no regression');
    expect(never.code).toBe(0);
  });

  it('checks the gates a plain run can measure and skips those that need an earlier version; the Markdown summary shows them', async () => {
    const config = 'gates:\n  - noRegression: true\n  - minPassRate: 0.9\n    file: prompts/support.prompt.yaml\n';
    const plain = await withConfig(config, () => run(['run', 'prompts/support.prompt.yaml', '--no-cache', '--min-pass-rate', '0.5', '--markdown', 'out/plain.md']));
    expect(plain.stdout).not.toContain('Compared with');
    expect(plain.stdout).toMatch(/Gates: 1 failed, 1 skipped\n {2}skip {2}no regression +skipped \(nothing compared\)\n {2}FAIL {2}pass rate \(prompts\/support\.prompt\.yaml\) {2}66\.6% +limit ≥ 90%\n/);
    expect(plain.code).toBe(1);
    const summary = await readFile(join(project, 'out/plain.md'), 'utf8');
    expect(summary).toContain('### Gates\n\n**1 gate failed** of 2: pass rate (prompts/support.prompt.yaml).');
    expect(summary).toContain('| no regression | nothing compared | 0 | ➖ skipped |');
    // The plain summary stays what it was, the gates added to it.
    expect(summary).toContain('### Failures (1)');
  });

  it('refuses a gate on a tag no selected test has, at its line in the config, before any call', async () => {
    const result = await withConfig('gates:\n  - noLostPass: true\n    tag: billing\n', () => run(['run', 'prompts/support.prompt.yaml', '--baseline', 'baseline.json']));
    expect(result).toMatchObject({ code: 2, prompts: [] });
    expect(result.stderr).toContain('promptgate.config.yaml:3:10: error: a gate names the tag "billing", which no selected test has: correct the gate, or select its tests');
    expect(result.stderr).toContain('Nothing was sent to the model.');
  });
});

describe('run --baseline: a model upgrade', () => {
  it('compares the baseline written with one model with this run on another: the side by side before switching', async () => {
    const result = await run(['run', 'prompts/other.prompt.yaml', 'prompts/support.prompt.yaml', '--test', 'says yes', '--test', 'o1', '--baseline', 'baseline.json', '--model', 'model-b', '--no-cache', '--markdown', 'out/upgrade.md']);
    // Curt or kind, model-b refuses returns; the other file's test answers as it did.
    expect(result.stdout).toContain('Compared with baseline.json: 1 regression, 0 improvements, 1 unchanged, 0 inconclusive, 0 new · false-alarm rate 5%');
    expect(result.stdout).toMatch(/regression {2}4\/4 \(\d+–100%\) → 0\/\d+ .* Support › says yes/);
    expect(new Set(server.requests.slice(-result.prompts.length).map((request) => request.body.model))).toEqual(new Set(['model-b']));
    const markdown = await readFile(join(project, 'out/upgrade.md'), 'utf8');
    expect(markdown).toMatch(/^## promptgate: `model-b` against `baseline\.json`\n/);
    expect(result.code).toBe(1);
  });
});

describe('run --baseline: bad input, refused before any call', () => {
  const refused = async (args: string[], message: string, cwd = project) => {
    const result = await run(args, cwd);
    expect(result.prompts).toEqual([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    return result;
  };

  it('refuses a file that is not JSON, another tool\'s JSON, another schema version, and a missing file, at their place', async () => {
    await write('notes.txt', 'release notes, not results\n');
    await refused(['run', 'prompts', '--baseline', 'notes.txt'], 'notes.txt:1:1: error: not a promptgate results file: it is not JSON');
    await write('other-tool.json', '{"results": []}');
    await refused(['run', 'prompts', '--baseline', 'other-tool.json'], 'other-tool.json:1:1: error: not a promptgate results file (it has no "tool": { "name": "promptgate" })');
    await write('future.json', '{"schemaVersion": 2, "tool": {"name": "promptgate", "version": "9.0.0"}}');
    await refused(['run', 'prompts', '--baseline', 'future.json'], 'future.json:1:1: error: a results file of schema version 2; this promptgate reads version 1');
    const missing = await refused(['run', 'prompts', '--baseline', 'missing.json'], 'missing.json: error: no such baseline file; write one with `promptgate run --output FILE`');
    expect(missing.stderr).toContain('Nothing was sent to the model.');
  });

  it('refuses a baseline that names none of the selected files, saying which it has', async () => {
    await refused(['run', 'prompts/other.prompt.yaml', '--baseline', 'empty.json'], 'empty.json: error: the baseline holds no results, none of the files this run selected');
    // Run from another directory, the same files have other names.
    await refused(
      ['run', 'other.prompt.yaml', '--baseline', '../baseline.json'],
      '../baseline.json: error: the baseline has results for "prompts/legacy.prompt.yaml", "prompts/other.prompt.yaml", "prompts/support.prompt.yaml", none of the files this run selected; run from the directory it was written in',
      join(project, 'prompts'),
    );
  });

  it('refuses a baseline written with several --model: each test has one result per model there, and only one can be the base', async () => {
    const recorded = await run(['run', 'prompts/other.prompt.yaml', '--model', 'model-a', '--model', 'model-b', '--output', 'two-models.json']);
    expect(recorded.code, recorded.stderr).toBe(0);
    await refused(
      ['run', 'prompts/other.prompt.yaml', '--baseline', 'two-models.json'],
      'two-models.json: error: the baseline has results of 2 models (model-a, model-b) for the same tests, as a run with several --model writes; a comparison needs one result a test: write the baseline with one --model',
    );
  });

  it('refuses --against with --baseline, and --baseline outside run', async () => {
    await refused(['run', 'prompts', '--against', 'main', '--baseline', 'baseline.json'], '--against and --baseline both name what to compare with: give one');
    await refused(['validate', 'prompts', '--baseline', 'baseline.json'], '--baseline is an option of `promptgate run`, not of `promptgate validate`');
  });
});
