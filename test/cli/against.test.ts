// `promptgate run --against <ref>` end to end: the built CLI, a real git repository in a temporary
// directory (the project in a subdirectory of it), and the model double answering the base's and
// the head's prompts differently.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { git, gitEnv } from './git-repo.js';
import { repoRoot, runCli, type CliResult } from './run-cli.js';

// The base asks kindly and gets a yes; the head asks curtly and gets a no.
const SUPPORT_AT_BASE = `name: Support
model: test-model
messages:
  - role: user
    content: "Answer kindly: {{question}}"
tests:
  - name: says yes
    vars: { question: can I return it }
    assert:
      - contains: "yes"
  - name: greets
    vars: { question: hello there }
    assert:
      - contains: "hello"
  - name: wants the policy
    vars: { question: policy please }
    assert:
      - contains: "30 days"
`;
const SUPPORT_AT_HEAD =
  SUPPORT_AT_BASE.replace('Answer kindly', 'Answer curtly') +
  `  - name: brand new
    vars: { question: hello there }
    assert:
      - contains: "hello"
`;
const BROKEN_AT_BASE = `name: Broken
model: test-model
messages:
  - role: user
    content: "Broken at base: {{question}}"
tests:
  - name: b1
    vars: { question: hello there }
    assert:
      # The misspelt type ends in an escape sequence that would clear the terminal: the warning quotes it.
      - "contians\\e[2J": "hello"
`;
const BROKEN_AT_HEAD = BROKEN_AT_BASE.replace('"contians\\e[2J"', 'contains').replace('Broken at base', 'Broken');
const NO_MODEL_AT_BASE = `name: No model
messages:
  - role: user
    content: "No model at base: {{question}}"
tests:
  - name: n1
    vars: { question: hello there }
    assert:
      - contains: "hello"
`;
const NO_MODEL_AT_HEAD = NO_MODEL_AT_BASE.replace('name: No model\n', 'name: No model\nmodel: test-model\n').replace('No model at base', 'Has a model');
const ADDED = NO_MODEL_AT_HEAD.replace('name: No model', 'name: Added').replace('n1', 'a1').replace('Has a model', 'Added');

let server: ModelServer;
let root: string;
let project: string;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: /kindly: can I return/, reply: 'yes, within 30 days' },
      { match: /curtly: can I return/, reply: 'no' },
      { match: /hello there/, reply: 'hello!' },
    ],
  });
  root = await mkdtemp(join(tmpdir(), 'promptgate-against-'));
  project = join(root, 'project');
  await mkdir(join(project, 'prompts'), { recursive: true });
  const write = (file: string, text: string) => writeFile(join(project, 'prompts', file), text);
  git(root, root, 'init', '-q');
  await Promise.all([write('support.prompt.yaml', SUPPORT_AT_BASE), write('broken.prompt.yaml', BROKEN_AT_BASE), write('nomodel.prompt.yaml', NO_MODEL_AT_BASE)]);
  git(root, root, 'add', '.');
  git(root, root, 'commit', '-q', '-m', 'base');
  git(root, root, 'tag', 'base');
  // The working tree: edited, fixed, given a model, and a file git has never seen.
  await Promise.all([
    write('support.prompt.yaml', SUPPORT_AT_HEAD),
    write('broken.prompt.yaml', BROKEN_AT_HEAD),
    write('nomodel.prompt.yaml', NO_MODEL_AT_HEAD),
    write('added.prompt.yaml', ADDED),
  ]);
});
afterAll(() => server.close());

/** Runs the CLI in the project and returns what it did and the prompts the model was sent meanwhile. */
async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult & { prompts: string[] }> {
  const before = server.requests.length;
  const env = { ...gitEnv(root), OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-against', ...options.env };
  const result = await runCli(args, { cwd: options.cwd ?? project, env });
  return { ...result, prompts: server.requests.slice(before).map((request) => request.lastUserMessage) };
}

interface ResultEntry {
  file: string;
  test: string;
  comparison: { change: string; base?: { passed: number; samples: number }; head: { passed: number; samples: number } };
}

describe('run --against a ref', () => {
  let result: CliResult & { prompts: string[] };
  let report: { summary: { comparison: Record<string, number> }; results: ResultEntry[] };

  beforeAll(async () => {
    result = await run(['run', 'prompts', '--against', 'base', '--no-cache', '--output', 'out/results.json', '--markdown', 'out/summary.md']);
    report = JSON.parse(await readFile(join(project, 'out/results.json'), 'utf8'));
  });

  it('calls a test that passed at the ref and fails now a regression, with both sides counted, and exits 1', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Compared with base \([0-9a-f]{7}\): 1 regression, 0 improvements, 2 unchanged, 0 inconclusive, 4 new · false-alarm rate 5%/);
    expect(result.stdout).toMatch(/\n {2}regression {2}(\d+)\/\1 \(\d+–100%\) → 0\/\1 \(0–\d+%\) {2}prompts\/support\.prompt\.yaml:7 {2}Support › says yes\n/);
  });

  it('writes each test\'s change and both sides\' counts to the JSON, valid against the schema', async () => {
    const changes = Object.fromEntries(report.results.map((entry) => [`${entry.file} ${entry.test}`, entry.comparison.change]));
    expect(changes).toEqual({
      'prompts/added.prompt.yaml a1': 'new',
      'prompts/broken.prompt.yaml b1': 'new',
      'prompts/nomodel.prompt.yaml n1': 'new',
      'prompts/support.prompt.yaml says yes': 'regression',
      'prompts/support.prompt.yaml greets': 'unchanged',
      'prompts/support.prompt.yaml wants the policy': 'unchanged',
      'prompts/support.prompt.yaml brand new': 'new',
    });
    const regression = report.results.find((entry) => entry.test === 'says yes')!.comparison;
    expect(regression.base!.samples).toBeGreaterThanOrEqual(4);
    expect(regression).toMatchObject({ base: { passed: regression.base!.samples }, head: { passed: 0, samples: regression.base!.samples } });
    expect(report.summary.comparison).toMatchObject({ regression: 1, improvement: 0, unchanged: 2, inconclusive: 0, new: 4 });

    const schema = JSON.parse(await readFile(join(repoRoot, 'schema/results.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('runs the head of a file that is invalid or names no model at the ref, warns, and never sends its base', () => {
    expect(result.stderr).toMatch(
      /promptgate: warning: the version at base of prompts\/broken\.prompt\.yaml could not be run: 11:9: unknown assertion type "contians\\x1b\[2J".*; its tests count as new\n/,
    );
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toMatch(/promptgate: warning: the version at base of prompts\/nomodel\.prompt\.yaml could not be run: 1:1: no model: .*; its tests count as new\n/);
    expect(result.prompts.filter((prompt) => /at base/.test(prompt))).toEqual([]);
    expect(result.prompts).toContain('Broken: hello there');
    expect(result.prompts).toContain('Has a model: hello there');
    expect(result.prompts).toContain('Added: hello there');
  });

  it('writes the release report as the Markdown report: the gate, the regression with both sides\' counts, the tests added, the warnings', async () => {
    const markdown = await readFile(join(project, 'out/summary.md'), 'utf8');
    expect(markdown).toMatch(/^## promptgate: `working tree` against `base \([0-9a-f]{7}\)`\n/);
    expect(markdown).toContain('| no regression | 1 regression | 0 | ❌ failed |');
    expect(markdown).toMatch(/\| `prompts\/support\.prompt\.yaml` › says yes \| (\d+)\/\1 \(\d+–100%\) → 0\/\1 \(0–\d+%\) \|/);
    expect(markdown).toContain('### Tests added (4)');
    expect(markdown).toContain('> ⚠️ The version at base of prompts/broken.prompt.yaml could not be run:');
  });

  it('shows the gate that failed, with its figure and the test it blames, in the console', () => {
    expect(result.stdout).toMatch(/Gates: 1 failed\n {2}FAIL {2}no regression {2}1 regression {2}limit 0\n {8}prompts\/support\.prompt\.yaml › says yes\n/);
  });
});

describe('run --against: --fail-on, --test and --repeat', () => {
  it('exits 0 with --fail-on never, whatever regressed', async () => {
    const result = await run(['run', 'prompts', '--against', 'base', '--no-cache', '--test', 'says yes', '--fail-on', 'never']);
    expect(result.stdout).toContain('1 regression');
    expect(result.code).toBe(0);
  });

  it('does not fail on a test that fails at both sides by default, and does with --fail-on failure; --test filters both sides', async () => {
    const regression = await run(['run', 'prompts', '--against', 'base', '--no-cache', '--test', 'wants the policy']);
    expect(regression.stdout).toContain('0 regressions, 0 improvements, 1 unchanged, 0 inconclusive, 0 new');
    expect(regression.code).toBe(0);
    expect(new Set(regression.prompts)).toEqual(new Set(['Answer kindly: policy please', 'Answer curtly: policy please']));

    const failure = await run(['run', 'prompts', '--against', 'base', '--no-cache', '--test', 'wants the policy', '--fail-on', 'failure']);
    expect(failure.code).toBe(1);
  });

  it('takes exactly N samples a side with --repeat N', async () => {
    const result = await run(['run', 'prompts', '--against', 'base', '--no-cache', '--test', 'says yes', '--repeat', '5', '--output', 'out/repeat.json']);
    expect(result.prompts.filter((prompt) => prompt === 'Answer kindly: can I return it')).toHaveLength(5);
    expect(result.prompts.filter((prompt) => prompt === 'Answer curtly: can I return it')).toHaveLength(5);
    expect(result.prompts).toHaveLength(10);
    const report = JSON.parse(await readFile(join(project, 'out/repeat.json'), 'utf8')) as { results: ResultEntry[] };
    expect(report.results.map((entry) => entry.comparison)).toMatchObject([{ change: 'regression', base: { passed: 5, samples: 5 }, head: { passed: 0, samples: 5 } }]);
  });

  it('answers a second comparison from the cache', async () => {
    const first = await run(['run', 'prompts', '--against', 'base', '--test', 'greets', '--cache-dir', '../cache']);
    expect(first.prompts.length).toBeGreaterThan(0);
    const second = await run(['run', 'prompts', '--against', 'base', '--test', 'greets', '--cache-dir', '../cache']);
    expect(second.code).toBe(0);
    expect(second.prompts).toEqual([]);
    expect(second.stdout).toContain('1 unchanged');
    expect(second.stdout).toMatch(/the base side took 0 requests, [1-9]\d* cache hits/);
  });

  it('runs from a subdirectory of the repository and from its top alike', async () => {
    const fromTop = await run(['run', 'project/prompts/support.prompt.yaml', '--against', 'base', '--no-cache', '--test', 'says yes'], { cwd: root });
    expect(fromTop.stdout).toMatch(/regression .* project\/prompts\/support\.prompt\.yaml:7 {2}Support › says yes/);
    expect(fromTop.code).toBe(1);
  });
});

describe('run --against: bad input', () => {
  it('refuses a ref that names no commit: exit 2, nothing sent', async () => {
    const result = await run(['run', 'prompts', '--against', 'no-such-branch']);
    expect(result).toMatchObject({ code: 2, prompts: [] });
    expect(result.stderr).toContain('promptgate: --against no-such-branch: no commit of that name in this repository');
    expect(result.stderr).toContain('Nothing was sent to the model.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a ref git would read as an option', async () => {
    const result = await run(['run', 'prompts', '--against=--output=/tmp/x']);
    expect(result).toMatchObject({ code: 2, prompts: [] });
    expect(result.stderr).toContain('"--output=/tmp/x" starts with "-", which git would read as an option');
  });

  it('refuses outside a git repository and without git: exit 2, nothing sent', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'promptgate-nogit-'));
    await mkdir(join(outside, 'prompts'));
    await writeFile(join(outside, 'prompts/added.prompt.yaml'), ADDED);
    const notRepo = await run(['run', 'prompts', '--against', 'main'], { cwd: outside, env: gitEnv(outside) });
    expect(notRepo).toMatchObject({ code: 2, prompts: [] });
    expect(notRepo.stderr).toContain('--against main: git cannot use this directory as a repository (not a git repository');

    // A PATH with no git on it: the CLI itself is started by its full path.
    const noGit = await run(['run', 'prompts', '--against', 'base'], { env: { PATH: outside } });
    expect(noGit).toMatchObject({ code: 2, prompts: [] });
    expect(noGit.stderr).toContain('--against base: git is not installed (or not on PATH)');
  });

  it('refuses --fail-on regression without --against, and --against outside run', async () => {
    const noBase = await run(['run', 'prompts', '--fail-on', 'regression']);
    expect(noBase).toMatchObject({ code: 2, prompts: [] });
    expect(noBase.stderr).toContain('--fail-on regression needs --against <git ref>');
    const validate = await run(['validate', 'prompts', '--against', 'base']);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('--against is an option of `promptgate run`, not of `promptgate validate`');
  });
});
