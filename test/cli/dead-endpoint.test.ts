// `promptgate run` against an endpoint that cannot serve the run (nothing listening, a wrong path,
// a refused key): it stops calling after a handful of attempts, says once what it tried and what
// to check, shows the error once for all the tests, and exits 3; compared with a git ref, it starts
// no further round. Through the built CLI.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { git, gitEnv } from './git-repo.js';
import { runCli, scratchProject } from './run-cli.js';

const TESTS = 300;
/** The CLI's default concurrency (8) in flight, plus the two that start while the first failures back off. */
const MOST_ATTEMPTS = 8 + 2;

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function manyTests(model = 'gpt-test'): string {
  const tests = Array.from({ length: TESTS }, (_, index) => `  - name: case ${index}\n    vars: { word: w${index} }\n    assert:\n      - contains: w${index}\n`);
  return `name: Many\nmodel: ${model}\nmessages:\n  - role: user\n    content: "Say {{word}}"\ntests:\n${tests.join('')}`;
}

async function runMany(baseUrl: string, extraArgs: string[] = [], env: Record<string, string> = {}) {
  const dir = await scratchProject();
  await writeFile(join(dir, 'many.prompt.yaml'), manyTests());
  const result = await runCli(['run', 'many.prompt.yaml', '--no-cache', '-o', 'results.json', '--markdown', 'summary.md', ...extraArgs], {
    cwd: dir,
    env: { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'sk-dead-endpoint-test-77c1', ...env },
  });
  const report = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  const markdown = await readFile(join(dir, 'summary.md'), 'utf8');
  return { ...result, report, markdown };
}

function count(text: string, part: string | RegExp): number {
  return text.split(part).length - 1;
}

describe('promptgate run against a dead endpoint', () => {
  it('a closed port: a handful of attempts, one message, the error once, exit 3', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1`;
    const result = await runMany(url);

    expect(result.code).toBe(3);
    expect(result.report.summary).toMatchObject({ total: TESTS, errored: TESTS });
    expect(result.report.summary.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(result.report.summary.endpointsDown).toMatchObject([{ endpoint: url, model: 'gpt-test', notSent: TESTS - result.report.summary.requests }]);
    // The console: the error once, for all 300 tests.
    expect(count(result.stdout, 'ECONNREFUSED')).toBe(1);
    expect(result.stdout).toContain(`ERROR the same error for 300 tests:\n  could not reach ${url}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    expect(result.stdout.split('\n').length).toBeLessThan(12);
    // The message: what was tried, the error, what to check.
    expect(result.stderr).toContain(
      `promptgate: the endpoint ${url} failed every call for the model "gpt-test": ${result.report.summary.requests} attempts, none succeeded; ` +
        `the other ${TESTS - result.report.summary.requests} calls were not sent.\n` +
        `  error: could not reach ${url}: connect ECONNREFUSED 127.0.0.1:${port}\n` +
        `  check: that a server is running at ${url}, and the base URL's host and port\n`,
    );
    expect(count(result.markdown, 'ECONNREFUSED')).toBe(2);
  });

  it('a wrong path (404): one block, not 300, and the message says to check the base URL and the model', async () => {
    server = await startModelServer();
    const result = await runMany(`${server.url}/chat`);

    expect(result.code).toBe(3);
    expect(result.report.summary.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(count(result.stdout, 'answered 404')).toBe(1);
    expect(result.stdout).toContain('ERROR the same error for 300 tests:');
    expect(result.stderr).toContain(`  check: the base URL (OpenAI-compatible URLs usually end in /v1) and the model name "gpt-test"\n`);
  });

  it('a refused key (401): the double sees a handful of requests; the key is never shown', async () => {
    server = await startModelServer({ apiKey: 'sk-the-right-key-0000' });
    const result = await runMany(server.url);

    expect(result.code).toBe(3);
    expect(server.stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(result.stderr).toContain('  check: the API key: this endpoint refused it (or none was given)\n');
    expect(result.stdout + result.stderr + result.markdown + JSON.stringify(result.report)).not.toContain('sk-dead-endpoint-test-77c1');
  });

  it('--fail-on never keeps its word (exit 0) but still says what to fix', async () => {
    const port = await closedPort();
    const result = await runMany(`http://127.0.0.1:${port}/v1`, ['--fail-on', 'never']);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`promptgate: the endpoint http://127.0.0.1:${port}/v1 failed every call`);
  });
});

describe('a judge model the endpoint does not serve', () => {
  it('is stopped the same way: every test answered, a handful of judge calls, one message, exit 3', async () => {
    server = await startModelServer({ models: ['shop-model'] });
    const dir = await scratchProject();
    const graded = manyTests('shop-model').replace('tests:\n', 'assert:\n  - llm-rubric: Says the word\ntests:\n');
    await writeFile(join(dir, 'many.prompt.yaml'), graded);
    const result = await runCli(['run', 'many.prompt.yaml', '--no-cache', '--judge-model', 'retired-judge'], {
      cwd: dir,
      env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-dead-endpoint-test-77c1' },
    });

    expect(result.code).toBe(3);
    expect(server.requests.filter((request) => request.body.model === 'shop-model')).toHaveLength(TESTS);
    expect(server.requests.filter((request) => request.body.model === 'retired-judge').length).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(result.stdout).toContain('ERROR the same error for 300 tests:');
    expect(count(result.stdout, 'answered 404')).toBe(1);
    expect(result.stderr).toContain(`promptgate: the endpoint ${server.url} failed every call for the model "retired-judge": `);
  });
});

describe('promptgate run --against, compared with a git ref', () => {
  /** A repository whose committed file names `baseModel` and whose working copy names `headModel`. */
  async function repository(baseModel: string, headModel: string): Promise<{ root: string; project: string }> {
    const root = await mkdtemp(join(tmpdir(), 'promptgate-dead-'));
    const project = join(root, 'project');
    await mkdir(project);
    await writeFile(join(project, 'many.prompt.yaml'), manyTests(baseModel));
    git(root, root, 'init', '-q');
    git(root, root, 'add', '.');
    git(root, root, 'commit', '-q', '-m', 'base');
    await writeFile(join(project, 'many.prompt.yaml'), manyTests(headModel));
    return { root, project };
  }

  async function against(where: { root: string; project: string }) {
    return runCli(['run', 'many.prompt.yaml', '--against', 'HEAD', '--no-cache'], {
      cwd: where.project,
      env: { ...gitEnv(where.root), OPENAI_BASE_URL: server!.url, OPENAI_API_KEY: 'sk-dead-endpoint-test-77c1' },
    });
  }

  it('a model the endpoint does not serve, on both sides: no round after the first, a handful of requests, exit 3', async () => {
    server = await startModelServer({ models: ['served-model'] });
    const result = await against(await repository('retired-model', 'retired-model'));

    expect(result.code).toBe(3);
    expect(server.stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(result.stderr).toContain(`promptgate: the endpoint ${server.url} failed every call for the model "retired-model": `);
  });

  it('a model only the base names is gone: the head runs on, and the run is not stopped', async () => {
    server = await startModelServer({ models: ['served-model'] });
    const result = await against(await repository('retired-model', 'served-model'));

    expect(server.requests.filter((request) => request.body.model === 'served-model').length).toBeGreaterThanOrEqual(TESTS);
    expect(server.requests.filter((request) => request.body.model === 'retired-model').length).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(result.stderr).not.toContain('failed every call');
    expect(result.code).toBe(0);
  });
});

/** A port nothing listens on: bound, read, and closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
