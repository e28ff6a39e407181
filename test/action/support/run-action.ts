// Runs the built Action (dist/index.js) under Node 24 as a child process, the way a runner does:
// INPUT_* variables for every input (defaults from action.yml), the GITHUB_* context variables,
// and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back. Asynchronous on purpose: the GitHub
// and model doubles answer from the test's own event loop.
import { execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeAll } from 'vitest';
import { builtAction, node24 } from '../../support/built.js';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface ActionHarness {
  /** The Node 24 binary, set before the first test runs. */
  readonly node: string;
  /** Things a test started (servers, proxies), stopped after it. */
  readonly cleanups: (() => Promise<void>)[];
}

/**
 * The hooks every end-to-end file needs. Fails (never skips) when Node 24 cannot be had:
 * action.yml promises node24, so a run under anything else would prove nothing. Fails too when
 * this run could not build dist/index.js from src/ (test/support/global-setup.ts builds it).
 */
export function useActionHarness(): ActionHarness {
  const harness = { node: '', cleanups: [] as (() => Promise<void>)[] };
  beforeAll(() => {
    harness.node = node24();
    builtAction();
  });
  afterEach(async () => {
    await Promise.all(harness.cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return harness;
}

interface ActionMetadata {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

export function actionMetadata(): ActionMetadata {
  return parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** The runner's name for an input's variable: spaces become underscores, upper-cased, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface ActionRunOptions {
  node: string;
  eventName: string;
  payload: unknown;
  workspace: string;
  /** Overrides of action.yml's defaults, by input name (`fail-on`, `api-key`…). */
  inputs?: Record<string, string>;
  /** What `${{ github.token }}` evaluates to. */
  githubToken?: string;
  githubApiUrl?: string;
  repository?: string;
  sha?: string;
  /** Laid over the runner's environment last (e.g. a RUNNER_TEMP of the test's choosing). */
  env?: Record<string, string>;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  return (await startAction(options)).result;
}

/** As runAction, with the child at hand while it runs (to cancel the job with a signal). */
export async function startAction(options: ActionRunOptions): Promise<{ child: ChildProcess; result: Promise<ActionRun> }> {
  const scratch = await mkdtemp(join(tmpdir(), 'promptgate-runner-'));
  const eventPath = join(scratch, 'event.json');
  const outputPath = join(scratch, 'output.txt');
  const summaryPath = join(scratch, 'summary.md');
  const runnerTemp = join(scratch, 'runner-temp');
  await mkdir(runnerTemp);
  await writeFile(eventPath, JSON.stringify(options.payload));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');

  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository ?? 'acme/storefront',
    GITHUB_SHA: options.sha ?? 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'mona',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerTemp,
    ...(options.githubApiUrl ? { GITHUB_API_URL: options.githubApiUrl } : {}),
  };
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    const fallback = input.default === '${{ github.token }}' ? (options.githubToken ?? '') : (input.default ?? '');
    env[inputVariable(name)] = options.inputs?.[name] ?? fallback;
  }

  Object.assign(env, options.env);

  let child: ChildProcess | undefined;
  const finished = new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    child = execFile(options.node, [builtAction()], { cwd: options.workspace, env, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: out, stderr: err });
    });
  });
  const result = finished.then(async ({ code, stdout, stderr }) => ({
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  }));
  return { child: child!, result };
}

/** GITHUB_OUTPUT's format: `name<<DELIMITER`, the value's lines, then the delimiter. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[index]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, index + 1);
      outputs[heredoc[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const simple = /^([^=]+)=(.*)$/.exec(lines[index]!);
    if (simple) outputs[simple[1]!] = simple[2]!;
  }
  return outputs;
}

/** A scratch workspace holding `files` (path → text), as actions/checkout would leave it. */
export async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promptgate-workspace-'));
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
