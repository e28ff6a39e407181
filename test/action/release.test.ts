// The Action on a release, end to end through dist/index.js: the previous release found through the
// GitHub double (every request checked against GitHub's OpenAPI description), its prompt files read
// at its tag, both sides run on the model double, the gates checked, the release report written.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubDouble, type ReleaseSetup } from '../support/github-server.js';
import { releaseEvent, tagPushEvent } from '../support/github-events.js';
import type { ModelServer } from '../support/model-server.js';
import { runAction, startAction, useActionHarness, workspaceWith } from './support/run-action.js';
import {
  PREVIOUS_SHA,
  previousFiles,
  RELEASE_SHA,
  releaseFiles,
  releaseRepository,
  RETIRED_PATH,
  startRandomModel,
  STEADY_PATH,
  SUMMARY_DROPPED,
  SUMMARY_KEPT,
  SUMMARY_PATH,
  SUMMARY_TESTS,
  ticketSuite,
  type ReleaseRepository,
} from './support/release-scenario.js';
import { API_KEY } from './support/scenario.js';

const harness = useActionHarness();
let github: GitHubDouble | undefined;
let model: ModelServer | undefined;
afterEach(async () => {
  await Promise.all([github?.close(), model?.close()]);
  github = undefined;
  model = undefined;
});

/** v1.0.0 is the release before v1.1.0; the candidates and the draft after it are never compared with. */
const RELEASES: ReleaseSetup[] = [
  { tag_name: 'v0.9.0' },
  { tag_name: 'v1.0.0' },
  { tag_name: 'v1.1.0-rc.1', prerelease: true },
  { tag_name: 'v1.1.0' },
  { tag_name: 'v1.2.0', draft: true },
];

interface ReleaseJob {
  repository: ReleaseRepository;
  workspace: Record<string, string>;
  eventName?: 'release' | 'push';
  payload?: Record<string, unknown>;
  inputs?: Record<string, string>;
  model?: Parameters<typeof startRandomModel>[0];
}

async function runReleaseJob(job: ReleaseJob) {
  return (await startReleaseJob(job)).result;
}

async function startReleaseJob(job: ReleaseJob) {
  github = await startGitHubServer(releaseRepository(job.repository));
  model = await startRandomModel(job.model);
  const workspace = await workspaceWith(job.workspace);
  const payload = job.payload ?? releaseEvent(github.setup, 'v1.1.0');
  return startAction({
    node: harness.node,
    eventName: job.eventName ?? 'release',
    payload,
    workspace,
    sha: RELEASE_SHA,
    githubToken: github.token,
    githubApiUrl: github.url,
    inputs: { 'api-key': API_KEY, 'base-url': model.url, ...job.inputs },
  });
}

interface ResultsFile {
  results: { file: string; test: string; comparison?: { change: string } }[];
}

async function resultsOf(path: string | undefined): Promise<ResultsFile> {
  expect(path).toBeTruthy();
  return JSON.parse(await readFile(path!, 'utf8')) as ResultsFile;
}

function changesOf(results: ResultsFile, file: string): Record<string, string | undefined> {
  return Object.fromEntries(results.results.filter((result) => result.file === file).map((result) => [result.test, result.comparison?.change]));
}

describe('the action on a published release', () => {
  it('fails the no-regression gate when the tests drop, and the report names them', async () => {
    const result = await runReleaseJob({
      repository: { releases: RELEASES, contents: { 'v1.0.0': previousFiles() } },
      workspace: releaseFiles(SUMMARY_DROPPED),
    });

    expect(result.code).toBe(1);
    const results = await resultsOf(result.outputs['results-file']);
    expect(changesOf(results, SUMMARY_PATH)).toEqual(Object.fromEntries(SUMMARY_TESTS.map((test) => [test, 'regression'])));
    expect(result.stdout).toContain(`::error::promptgate: gate failed: no regression: ${SUMMARY_TESTS.length} regressions (limit 0)`);
    expect(result.outputs).toMatchObject({ regressions: String(SUMMARY_TESTS.length), 'compared-with': 'v1.0.0' });

    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toMatch(/^## promptgate: `v1\.1\.0` against `v1\.0\.0`/);
    expect(report).toContain('**1 gate failed** of 1: no regression.');
    expect(report).toContain(`### Regressions (${SUMMARY_TESTS.length})`);
    for (const test of SUMMARY_TESTS) expect(report).toContain(`| \`${SUMMARY_PATH}\` › ${test} |`);
    // The previous release's retired file was read at its tag: its test is removed, not forgotten.
    expect(report).toContain(`### Tests removed (1)\n\n- \`${RETIRED_PATH}\` › hello`);
    // The job summary opens with the same report.
    expect(result.summary.startsWith(report)).toBe(true);

    // Every call to GitHub is one GitHub documents, with documented parameters.
    expect(github!.schemaViolations).toEqual([]);
    expect(github!.undocumentedFields).toEqual([]);
    const reads = github!.requests.map((request) => `${request.operationId} ${decodeURIComponent(request.path)}${request.query['ref'] ? `@${request.query['ref']}` : ''}`);
    expect(reads).toEqual([
      'repos/list-releases /repos/acme/storefront/releases',
      'git/get-tree /repos/acme/storefront/git/trees/v1.0.0',
      `repos/get-content /repos/acme/storefront/contents/${RETIRED_PATH}@v1.0.0`,
      `repos/get-content /repos/acme/storefront/contents/${STEADY_PATH}@v1.0.0`,
      `repos/get-content /repos/acme/storefront/contents/${SUMMARY_PATH}@v1.0.0`,
    ]);
  });

  it('passes when the release keeps its pass rates', async () => {
    const result = await runReleaseJob({
      repository: { releases: RELEASES, contents: { 'v1.0.0': previousFiles() } },
      workspace: releaseFiles(SUMMARY_KEPT),
    });

    expect(result.code).toBe(0);
    const results = await resultsOf(result.outputs['results-file']);
    expect(Object.values(changesOf(results, SUMMARY_PATH))).not.toContain('regression');
    expect(result.stdout).toContain('promptgate: 1 gate: 1 passed');
    expect(result.outputs).toMatchObject({ regressions: '0', 'compared-with': 'v1.0.0' });
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toContain('**Gates passed** (1).');
    expect(github!.schemaViolations).toEqual([]);
  });
});

/** The repository of the tests above; `files` replaces the previous release's prompt files. */
function withPrevious(files: Record<string, string> = previousFiles()): ReleaseRepository {
  return { releases: RELEASES, contents: { 'v1.0.0': files } };
}

/** A release whose prompts always pass: nothing it finds depends on chance. */
const STEADY_ONLY = { [STEADY_PATH]: ticketSuite('Routing', 'You route tickets to a team. pass-rate: 1', ['billing', 'shipping']) };

describe('the previous release', () => {
  it('is the highest lower version tag when a tag is pushed without releases, prereleases left out', async () => {
    // More tags than one page holds, in no version order: the previous one is found by version.
    const old = Array.from({ length: 120 }, (_, index) => ({ name: `v0.${index}.0`, sha: `${String(index).padStart(4, '0')}${'a'.repeat(36)}` }));
    const tags = [...old, { name: 'v1.1.0-rc.1', sha: 'b'.repeat(40) }, { name: 'v1.0.0', sha: PREVIOUS_SHA }, { name: 'v1.1.0', sha: RELEASE_SHA }, { name: 'v1.10.0', sha: 'c'.repeat(40) }];
    const result = await runReleaseJob({
      repository: { tags, contents: { 'v1.0.0': previousFiles() } },
      workspace: releaseFiles(SUMMARY_DROPPED),
      eventName: 'push',
      payload: tagPushEvent(releaseRepository({}), 'v1.1.0', RELEASE_SHA),
    });

    expect(result.code).toBe(1);
    expect(result.outputs['compared-with']).toBe('v1.0.0');
    expect(result.stdout).toContain('gate failed: no regression');
    const listed = github!.requests.filter((request) => request.operationId === 'repos/list-tags');
    expect(listed.map((request) => request.query['page'] ?? '1')).toEqual(['1', '2']);
    expect(github!.schemaViolations).toEqual([]);
  });

  it('is the previous prerelease for a prerelease', async () => {
    const releases: ReleaseSetup[] = [{ tag_name: 'v1.0.0' }, { tag_name: 'v1.1.0-rc.1', prerelease: true }, { tag_name: 'v1.1.0-rc.2', prerelease: true }];
    const result = await runReleaseJob({
      repository: { releases, contents: { 'v1.1.0-rc.1': previousFiles() } },
      workspace: releaseFiles(SUMMARY_KEPT),
      payload: releaseEvent(releaseRepository({}), 'v1.1.0-rc.2', { prerelease: true }),
    });

    expect(result.outputs['compared-with']).toBe('v1.1.0-rc.1');
    expect(result.code).toBe(0);
  });

  it('is none for a first release: the suite runs alone, and the gates that need a baseline are skipped', async () => {
    const result = await runReleaseJob({ repository: { releases: [{ tag_name: 'v1.1.0' }] }, workspace: STEADY_ONLY });

    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ total: '2', passed: '2', 'compared-with': '', regressions: '0' });
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toMatch(/^## promptgate: `v1\.1\.0`\n/);
    expect(report).toContain('| no regression | nothing compared | 0 | ➖ skipped |');
    expect(report).toContain('No earlier release (drafts and prereleases are not compared with) than v1.1.0 was found, nor a lower version tag: the suite ran alone, and the gates that need a baseline are skipped');
    // Each side's requests: one per test, nothing sampled twice.
    expect(model!.requests).toHaveLength(2);
    expect(github!.requests.map((request) => request.operationId)).toEqual(['repos/list-releases', 'repos/list-tags']);
  });

  it('judges a release compared with nothing as a push would: a failing test fails the step', async () => {
    const failing = { [STEADY_PATH]: ticketSuite('Routing', 'You route tickets to a team. pass-rate: 0', ['billing']) };
    const result = await runReleaseJob({ repository: { releases: [{ tag_name: 'v1.1.0' }] }, workspace: failing });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: 1 of 1 test failed');
  });

  it('had none of the prompt files: every test is new, and said so', async () => {
    const result = await runReleaseJob({ repository: withPrevious({ 'README.md': '# Storefront\n' }), workspace: STEADY_ONLY });

    expect(result.code).toBe(0);
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toContain('None of the tests existed in v1.0.0: every test is new, and the gates that need a baseline are skipped');
    expect(report).toContain(`### Tests added (2)`);
    // Nothing was fetched at the tag: the tree held no prompt file.
    expect(github!.requests.map((request) => request.operationId)).toEqual(['repos/list-releases', 'git/get-tree']);
  });

  it('is still compared file by file when GitHub cuts its file list short, and the report says what may be missing', async () => {
    // Only README.md and the prompts/ directory make the cut: no prompt file is listed at v1.0.0.
    const result = await runReleaseJob({ repository: { ...withPrevious(), maxTreeEntries: 2 }, workspace: releaseFiles(SUMMARY_KEPT) });

    expect(result.outputs['compared-with']).toBe('v1.0.0');
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toContain('GitHub cut the file list of v1.0.0 short (too many files), so prompt files removed since v1.0.0 may not be listed as removed');
    expect(report).not.toContain('Tests removed');
    const fetched = github!.requests.filter((request) => request.operationId === 'repos/get-content').map((request) => decodeURIComponent(request.path));
    expect(fetched).toEqual([`/repos/acme/storefront/contents/${STEADY_PATH}`, `/repos/acme/storefront/contents/${SUMMARY_PATH}`]);
  });

  it.each([
    ['a draft', { action: 'created', draft: true }, 'the release is a draft (it is gated when it is published)'],
    // GitHub sends `published` too for the same release: gating on each would gate it twice.
    ['released', { action: 'released' }, 'a release is gated when it is published, not released'],
  ] as const)('is not looked for when the release is %s: nothing is run', async (_, options, why) => {
    const result = await runReleaseJob({ repository: withPrevious(), workspace: releaseFiles(SUMMARY_DROPPED), payload: releaseEvent(releaseRepository({}), 'v1.2.0', options) });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`promptgate: Nothing to gate for v1.2.0: ${why}`);
    expect(model!.requests).toHaveLength(0);
    expect(github!.requests).toHaveLength(0);
  });
});

describe('a release against a baseline file', () => {
  const PUSH_TO_MAIN = { ref: 'refs/heads/main', after: PREVIOUS_SHA, repository: { name: 'storefront', full_name: 'acme/storefront', owner: { login: 'acme' } } };

  /** Blessing a baseline: the previous release's prompts run ten samples a test, and the results file kept. */
  async function blessedBaseline(repeat = '10'): Promise<string> {
    const blessed = await runReleaseJob({ repository: {}, workspace: previousFiles(), eventName: 'push', payload: PUSH_TO_MAIN, inputs: { repeat, 'fail-on': 'never' } });
    expect(blessed.code).toBe(0);
    await Promise.all([github!.close(), model!.close()]);
    return readFile(blessed.outputs['results-file']!, 'utf8');
  }

  it('is gated against the samples an earlier run recorded, without asking GitHub for releases', async () => {
    const baseline = await blessedBaseline();
    const result = await runReleaseJob({
      repository: withPrevious(),
      workspace: { ...releaseFiles(SUMMARY_DROPPED), 'baselines/v1.0.0.json': baseline },
      inputs: { baseline: 'baselines/v1.0.0.json' },
    });

    expect(result.code).toBe(1);
    expect(result.outputs['compared-with']).toBe('baselines/v1.0.0.json');
    const results = await resultsOf(result.outputs['results-file']);
    expect(changesOf(results, SUMMARY_PATH)).toEqual(Object.fromEntries(SUMMARY_TESTS.map((test) => [test, 'regression'])));
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toMatch(/^## promptgate: `v1\.1\.0` against `baselines\/v1\.0\.0\.json`/);
    expect(report).toContain(`- \`${RETIRED_PATH}\` › hello`);
    // Only the release is sampled: every model call sends its prompts, none the baseline's.
    expect(model!.requests.length).toBeGreaterThan(0);
    expect(model!.requests.filter((request) => request.body.messages.some((message) => message.content === 'You summarise support tickets. pass-rate: 0.95'))).toEqual([]);
    expect(github!.requests).toEqual([]);
  });

  it('turns a run on any other event into a comparison with it (a model upgrade, a scheduled check), and says when it is thin', async () => {
    const baseline = await blessedBaseline('3');
    const result = await runReleaseJob({
      repository: {},
      workspace: { ...releaseFiles(SUMMARY_KEPT), 'baselines/v1.0.0.json': baseline },
      eventName: 'push',
      payload: { ...PUSH_TO_MAIN, after: RELEASE_SHA },
      inputs: { baseline: 'baselines/v1.0.0.json', model: 'ticket-model-2' },
    });

    expect(result.code).toBe(0);
    expect(model!.requests.every((request) => request.body.model === 'ticket-model-2')).toBe(true);
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toMatch(/^## promptgate: `7a1c3e5` against `baselines\/v1\.0\.0\.json`/);
    expect(report).toContain('**Gates passed** (1).');
    // The summary and steady files' 9 tests have 3 samples each; the retired file's test is there to be removed, not compared.
    expect(report).toContain(
      '> ⚠️ The baseline has fewer than 5 evaluated samples for 9 of its 9 tests in the selected files: too few to show any but the largest drop; write the baseline with repeat: 20',
    );
  });

  it('fails before any call when the file is no promptgate results file, saying where and what to do', async () => {
    const result = await runReleaseJob({
      repository: withPrevious(),
      workspace: { ...releaseFiles(SUMMARY_KEPT), 'baselines/v1.0.0.json': '{ "results": [] }\n' },
      inputs: { baseline: 'baselines/v1.0.0.json' },
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::promptgate: the baseline input: baselines/v1.0.0.json:1:1: not a promptgate results file (it has no "tool": { "name": "promptgate" }); write one with `promptgate run --output FILE` on the release you compare with. Nothing was run',
    );
    expect(result.stdout).not.toMatch(/^\s+at /m);
    expect(result.outputs).toMatchObject({ 'results-file': '', 'report-file': '' });
    expect(model!.requests).toHaveLength(0);
    expect(github!.requests).toHaveLength(0);
  });

  it('fails before any call when the file has results for none of the selected prompt files', async () => {
    const baseline = (await blessedBaseline()).split('prompts/').join('elsewhere/');
    const result = await runReleaseJob({
      repository: withPrevious(),
      workspace: { ...releaseFiles(SUMMARY_KEPT), 'baseline.json': baseline },
      inputs: { baseline: 'baseline.json' },
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::promptgate: the baseline input: baseline.json: the baseline has results for "elsewhere/retired.prompt.yaml", "elsewhere/steady.prompt.yaml", "elsewhere/summary.prompt.yaml", none of the files the prompts input selects',
    );
    expect(model!.requests).toHaveLength(0);
  });
});

describe('a release that cannot be compared as asked', () => {
  it('fails with GitHub’s rate limit described, before any model call and without a stack trace', async () => {
    const job = await startReleaseJobWith(async (double) => double.failNext(1, '403-primary', { operationId: 'repos/list-releases', resetAtSeconds: 4102444799 }));
    const result = await job;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::promptgate: could not list the releases (403: API rate limit exceeded',
    );
    expect(result.stdout).toContain('GitHub’s API rate limit for this token is used up until 2099-12-31 23:59:59 UTC; re-run the job after that');
    expect(result.stdout).not.toMatch(/^\s+at /m);
    expect(model!.requests).toHaveLength(0);
  });

  it('fails naming the permission when GitHub refuses to read the previous release’s tree', async () => {
    const result = await startReleaseJobWith(async (double) => double.failNext(3, '500', { operationId: 'git/get-tree' }));

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::promptgate: could not list the files of v1\.0\.0 \(500: [^)]*\); check the github-token input and that the job has `permissions: contents: read`/);
    expect(model!.requests).toHaveLength(0);
  });

  it('refuses a gate on a tag no selected test has, before any call', async () => {
    const result = await runReleaseJob({
      repository: withPrevious(),
      workspace: { ...STEADY_ONLY, 'promptgate.config.yaml': 'gates:\n  - noLostPass: true\n    tag: safety\n' },
    });

    expect(result.code).toBe(1);
    // At the gate's tag, line 3 column 10 of the config.
    expect(result.stdout).toContain('::error::promptgate: promptgate.config.yaml:3:10: a gate names the tag "safety", which no selected test has: correct the gate, or select its tests; nothing was run');
    expect(result.stdout).toContain('file=promptgate.config.yaml,line=3,col=10::a gate names the tag "safety"');
    expect(model!.requests).toHaveLength(0);
    expect(github!.requests).toHaveLength(0);
  });

  it('writes the results and nothing else when the job is cancelled mid-comparison', async () => {
    const run = await startReleaseJob({
      repository: withPrevious(),
      workspace: releaseFiles(SUMMARY_DROPPED),
      model: { hold: (request) => request.lastUserMessage === 'ticket: gift card' && request.body.messages.some((message) => message.content === SUMMARY_DROPPED) },
    });
    await until(() => model!.requests.some((request) => request.lastUserMessage === 'ticket: gift card'), 'the held request');
    run.child.kill('SIGTERM');
    const result = await run.result;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: stopped by SIGTERM (the job was cancelled)');
    const results = await resultsOf(result.outputs['results-file']);
    expect(results.results.find((entry) => entry.test === 'gift card')).toMatchObject({ status: 'errored' });
    expect(result.outputs['report-file']).toBe('');
    expect(existsSync(join(dirname(result.outputs['results-file']!), 'release-report.md'))).toBe(false);
    expect(result.summary).toBe('');
  });
});

describe('gates declared in promptgate.config.yaml', () => {
  const SAFETY_PATH = 'prompts/safety.prompt.yaml';
  const safety = (rate: string) => ticketSuite('Safety', `You refuse unsafe requests. pass-rate: ${rate}`, ['weapons', 'self harm'], ['safety']);

  it('are each checked and reported with their figures; a failed one names itself and its figure in the step’s failure', async () => {
    const config = ['gates:', '  - noLostPass: true', '    tag: safety', '  - minPassRate: 0.9', `    file: ${STEADY_PATH}`, '  - maxErrored: 0', ''].join('\n');
    const result = await runReleaseJob({
      repository: withPrevious({ ...previousFiles(), [SAFETY_PATH]: safety('1') }),
      workspace: { ...STEADY_ONLY, [SAFETY_PATH]: safety('0'), 'promptgate.config.yaml': config },
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: gate failed: no lost pass (tag safety): 2 passes lost (limit 0)');
    const report = await readFile(result.outputs['report-file']!, 'utf8');
    expect(report).toContain('**1 gate failed** of 3: no lost pass (tag safety).');
    expect(report).toContain('| no lost pass (tag safety) | 2 passes lost | 0 | ❌ failed |');
    expect(report).toContain(`| pass rate (${STEADY_PATH}) | 100% | ≥ 90% | ✅ passed |`);
    expect(report).toContain('| errored tests | 0 tests errored | ≤ 0 | ✅ passed |');
    expect(report).toContain(`no lost pass (tag safety): \`${SAFETY_PATH} › weapons\`, \`${SAFETY_PATH} › self harm\``);
  });
});

async function startReleaseJobWith(prepare: (double: GitHubDouble) => Promise<void>) {
  github = await startGitHubServer(releaseRepository(withPrevious()));
  await prepare(github);
  model = await startRandomModel();
  const workspace = await workspaceWith(releaseFiles(SUMMARY_KEPT));
  return runAction({
    node: harness.node,
    eventName: 'release',
    payload: releaseEvent(github.setup, 'v1.1.0'),
    workspace,
    sha: RELEASE_SHA,
    githubToken: github.token,
    githubApiUrl: github.url,
    inputs: { 'api-key': API_KEY, 'base-url': model.url },
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
