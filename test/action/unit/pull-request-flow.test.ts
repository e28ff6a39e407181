// The pull-request flow in-process, handed plain objects for the runner (log, annotations, job
// summary) and the engine, with the GitHub API double behind a real Octokit: what the flow says and
// posts is read back from those objects, with no bundle and no child process.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/action/engine.js';
import type { PullRequestEvent } from '../../../src/action/event.js';
import type { ActionInputs } from '../../../src/action/inputs.js';
import { runPullRequest } from '../../../src/action/pull-request.js';
import type { AnnotationPlace, RunnerIo } from '../../../src/action/runner-io.js';
import { resolveEngineSettings } from '../../../src/action/run-settings.js';
import type { GitHubClient } from '../../../src/github/octokit.js';
import { startGitHubServer, type GitHubDouble } from '../../support/github-server.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

interface Recorded {
  lines: string[];
  annotations: { level: 'warning' | 'error'; message: string; place?: AnnotationPlace }[];
  summaries: string[];
}

function recordingIo(): RunnerIo & Recorded {
  const recorded: Recorded = { lines: [], annotations: [], summaries: [] };
  return {
    ...recorded,
    info: (message) => void recorded.lines.push(message),
    warning: (message, place) => void recorded.annotations.push({ level: 'warning', message, ...(place ? { place } : {}) }),
    error: (message, place) => void recorded.annotations.push({ level: 'error', message, ...(place ? { place } : {}) }),
    appendJobSummary: async (markdown) => void recorded.summaries.push(markdown),
  };
}

/** An engine that must not be asked for anything: the flow stops before a model call. */
const unusedEngine: Engine = {
  plan: () => {
    throw new Error('plan() called');
  },
  execute: () => Promise.reject(new Error('execute() called')),
  compare: () => Promise.reject(new Error('compare() called')),
};

const inputs: ActionInputs = {
  prompts: ['prompts'],
  apiKey: 'sk-flow-test',
  baseUrl: 'http://127.0.0.1:9/v1',
  githubToken: 'ghs_flow_test',
  failOn: 'failure',
  comment: 'summary',
  maxComments: 30,
  judgeApiKey: '',
};

const event: PullRequestEvent = {
  kind: 'pull-request',
  name: 'pull_request',
  owner: 'acme',
  repo: 'prompts',
  number: 7,
  headSha: HEAD,
  baseSha: BASE,
  fromFork: false,
  headOutsideWorkspace: false,
  actor: 'octocat',
};

let server: GitHubDouble;
let workspace: string;
let runnerTemp: string;
const savedRunnerTemp = process.env['RUNNER_TEMP'];

async function startWith(files: { filename: string; status: 'added' | 'modified' }[]): Promise<void> {
  server = await startGitHubServer({
    owner: 'acme',
    repo: 'prompts',
    pull: { number: 7, head: { sha: HEAD, ref: 'feature' }, base: { sha: BASE, ref: 'main' } },
    files: files.map((file) => ({ ...file, additions: 1, deletions: 0, changes: 1, patch: '@@ -0,0 +1 @@\n+x' })),
  });
}

function flow(io: RunnerIo) {
  const octokit = getOctokit(server.token, { baseUrl: server.url }) as unknown as GitHubClient;
  const settings = resolveEngineSettings(inputs, {}, workspace, {});
  return runPullRequest({ inputs, settings, engine: unusedEngine, event, octokit, io, workspace });
}

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'promptgate-flow-'));
  runnerTemp = await mkdtemp(join(tmpdir(), 'promptgate-flow-temp-'));
  process.env['RUNNER_TEMP'] = runnerTemp;
});

afterEach(async () => {
  await server?.close();
  if (savedRunnerTemp === undefined) delete process.env['RUNNER_TEMP'];
  else process.env['RUNNER_TEMP'] = savedRunnerTemp;
  await rm(workspace, { recursive: true, force: true });
  await rm(runnerTemp, { recursive: true, force: true });
});

describe('the pull-request flow, handed plain objects', () => {
  it('says "nothing to run" in the log, the job summary and one comment when no selected prompt file changed', async () => {
    await startWith([{ filename: 'README.md', status: 'modified' }]);
    const io = recordingIo();
    const result = await flow(io);

    expect(result).toMatchObject({ regressions: 0, comparedWithBase: false, invalidFiles: 0 });
    expect(result.report.summary.total).toBe(0);
    expect(io.lines).toEqual([
      'promptgate: No prompt files selected by `prompts` changed in this pull request; nothing to run.',
      'promptgate: summary comment created.',
    ]);
    expect(io.summaries).toEqual(['## promptgate\n\nNo prompt files selected by `prompts` changed in this pull request; nothing to run.']);
    expect(io.annotations).toEqual([]);
    expect(server.issueComments.map((comment) => comment.body)).toEqual([expect.stringContaining('nothing to run')]);
    expect(server.schemaViolations).toEqual([]);
  });

  it('annotates an invalid changed prompt file at its line, and stops before the engine is asked for anything', async () => {
    await startWith([{ filename: 'prompts/broken.prompt.yaml', status: 'added' }]);
    await mkdir(join(workspace, 'prompts'));
    await writeFile(join(workspace, 'prompts/broken.prompt.yaml'), 'model: gpt-test\nprompt: hi\ntests:\n  - name: a\n    assert: 7\n');
    const io = recordingIo();
    const result = await flow(io);

    expect(result.invalidFiles).toBeGreaterThan(0);
    expect(io.annotations.length).toBe(result.invalidFiles);
    expect(io.annotations[0]).toMatchObject({ level: 'error', place: { file: 'prompts/broken.prompt.yaml', title: 'promptgate: invalid prompt file' } });
    expect(io.annotations[0]!.place!.startLine).toBeGreaterThan(0);
    expect(io.summaries).toEqual([expect.stringMatching(/^## ❌ promptgate: the prompt files have problems\n/)]);
    expect(server.issueComments).toHaveLength(1);
    expect(server.schemaViolations).toEqual([]);
  });
});
