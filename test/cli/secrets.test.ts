// The keys a CLI run knows (the model's, the judge's) must not reach the disk or any report, even
// when the model repeats them: not the console, the JSON, JUnit or Markdown results, nor the answer
// cache that CI persists between runs.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject, type CliResult } from './run-cli.js';

const API_KEY = 'sk-cli-test-7c1e9a04d2b85f36';
const JUDGE_KEY = 'sk-judge-test-3b8e61f0a9c2d475';
/** What the model says: it quotes both keys, as a model that saw them in an error or a prompt might. */
const LEAKY_ANSWER = `Refunds take 30 days. (debug: key=${API_KEY} judge=${JUDGE_KEY})`;

const SUITE = `name: Leaky support
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: passes
    vars: { question: How long do refunds take? }
    assert:
      - contains: "30 days"
  - name: fails, so its output is shown
    vars: { question: Can I return shoes? }
    assert:
      - contains: "within 14 days"
`;

let model: ModelServer | undefined;
let judge: ModelServer | undefined;
let project: string | undefined;
afterEach(async () => {
  await Promise.all([model?.close(), judge?.close(), project ? rm(project, { recursive: true, force: true }) : undefined]);
  model = judge = project = undefined;
});

async function leakyProject(reply = LEAKY_ANSWER): Promise<string> {
  model = await startModelServer({ defaultReply: reply });
  // Never called: a judge endpoint of its own is enough for its key to be one the run knows.
  judge = await startModelServer({ defaultReply: 'unused' });
  const dir = await scratchProject();
  await writeFile(join(dir, 'leaky.prompt.yaml'), SUITE);
  await writeFile(join(dir, 'promptgate.config.yaml'), `judge:\n  baseUrl: ${judge.url}\n`);
  return dir;
}

function runIn(dir: string, apiKey: string): Promise<CliResult> {
  const outputs = ['--output', 'out/results.json', '--junit', 'out/results.xml', '--markdown', 'out/results.md'];
  return runCli(['run', 'leaky.prompt.yaml', '--cache-dir', 'cache', ...outputs], {
    cwd: dir,
    env: { OPENAI_BASE_URL: model!.url, OPENAI_API_KEY: apiKey, PROMPTGATE_JUDGE_API_KEY: JUDGE_KEY },
  });
}

/** Every file under `dir`, as `path: content`, so a key in a name or in a body shows up alike. */
async function filesUnder(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const texts = await Promise.all(files.map(async (path) => `${path}: ${await readFile(path, 'utf8')}`));
  return texts.join('\n');
}

/** The views that hold `secret`: a failure names every one of them at once. */
function holding(views: Record<string, string>, secret: string): string[] {
  return Object.keys(views).filter((where) => views[where]!.includes(secret));
}

async function everythingWritten(dir: string, result: CliResult) {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    json: await readFile(join(dir, 'out/results.json'), 'utf8'),
    junit: await readFile(join(dir, 'out/results.xml'), 'utf8'),
    markdown: await readFile(join(dir, 'out/results.md'), 'utf8'),
    cache: await filesUnder(join(dir, 'cache')),
  };
}

it('keeps the keys out of the console, every results file and the cache, even when the model echoes them', async () => {
  project = await leakyProject();
  const result = await runIn(project, API_KEY);

  expect(result.code).toBe(1);
  // The model was sent the key, and answered with it.
  expect(model!.requests.map((request) => request.headers.authorization)).toContain(`Bearer ${API_KEY}`);
  const written = await everythingWritten(project, result);
  expect(holding(written, API_KEY)).toEqual([]);
  expect(holding(written, JUDGE_KEY)).toEqual([]);
  // Redacted, not dropped: every view still shows what the model said, keys hidden.
  const redacted = 'key=[redacted] judge=[redacted]';
  for (const where of ['stdout', 'json', 'junit', 'markdown', 'cache'] as const) expect(written[where], where).toContain(redacted);
});

it('redacts a key held raw by an answer cache written before (by an older version), and rewrites that entry', async () => {
  project = await leakyProject();
  // A run that does not know the key stores the answers as they came, as versions before redaction did.
  await runIn(project, 'sk-some-other-key-5e0d');
  expect(await filesUnder(join(project, 'cache'))).toContain(API_KEY);
  const requestsBefore = model!.requests.length;

  const result = await runIn(project, API_KEY);

  expect(model!.requests.length - requestsBefore).toBe(0);
  const written = await everythingWritten(project, result);
  expect(holding(written, API_KEY)).toEqual([]);
  expect(written.json).toContain(`key=[redacted] judge=[redacted]`);
});

it('does not treat a short placeholder key (local servers accept any) as a secret', async () => {
  // "dummy" is a word of every answer; a 5-letter key must not turn it into [redacted].
  project = await leakyProject('Refunds take 30 days; this is a dummy answer.');
  const result = await runIn(project, 'dummy');

  const json = await readFile(join(project, 'out/results.json'), 'utf8');
  expect(result.code).toBe(1);
  expect(json).toContain('this is a dummy answer');
  expect(json).not.toContain('[redacted]');
});
