// The run's secrets are hidden where answers enter the core: before the cache, the assertions, the
// judge or a report sees them, and in what cache keys are made of.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiskCache } from '../../src/run/cache.js';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { createRedactor, redactDeep } from '../../src/redact.js';
import { runCases, type RunOptions } from '../../src/run/runner.js';
import type { CallOutcome } from '../../src/types.js';
import { API_KEY as GRADING_KEY, isRubricJudge, judgedText, runGraded } from '../grade/support.js';
import { makeCase } from '../provider/cases.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../support/model-server.js';

const API_KEY = 'sk-redaction-test-0f4b7d2e91';
/** A key the run knows that is not this endpoint's (the judge's, say): the adapter alone would not know to hide it. */
const OTHER_KEY = 'sk-other-endpoint-6a3c8e15';
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 10 };

let server: ModelServer | undefined;
let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'promptgate-redaction-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cacheDir, { recursive: true, force: true });
});

async function options(serverOptions: ModelServerOptions = {}): Promise<RunOptions> {
  // By default the double answers `echo: <the user's message>`: a model that repeats its prompt.
  server = await startModelServer(serverOptions);
  const provider = createOpenAIProvider({ baseURL: server.url, apiKey: API_KEY, timeoutMs: 5_000 });
  return { provider, concurrency: 2, timeoutMs: 5_000, retry: FAST_RETRY, cache: createDiskCache(cacheDir), redact: createRedactor([API_KEY, OTHER_KEY]) };
}

async function cacheFiles(): Promise<string> {
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.map(async (path) => `${path}: ${await readFile(path, 'utf8')}`))).join('\n');
}

function output(outcome: CallOutcome | undefined): string | undefined {
  return outcome?.ok ? outcome.completion.output : undefined;
}

describe('redaction in the run', () => {
  it('an answer that repeats a secret is redacted in the outcome and in the cache', async () => {
    const run = await options();
    const { outcomes } = await runCases([makeCase(`mine is ${API_KEY}, theirs ${OTHER_KEY}`)], run);
    expect(output(outcomes[0])).toBe('echo: mine is [redacted], theirs [redacted]');
    const cache = await cacheFiles();
    expect(cache).toContain('mine is [redacted], theirs [redacted]');
    expect(cache).not.toContain(API_KEY);
    expect(cache).not.toContain(OTHER_KEY);
  });

  it('a prompt that quotes the key is cached under a name that does not depend on the key: a rotated key keeps the answer', async () => {
    const rotated = 'sk-rotated-key-93d0c6a1b2';
    const first = await options();
    await runCases([makeCase(`the key is ${API_KEY}`)], first);
    const { outcomes, stats } = await runCases([makeCase(`the key is ${rotated}`)], { ...first, redact: createRedactor([rotated]) });
    expect(stats).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(output(outcomes[0])).toBe('echo: the key is [redacted]');
  });

  it('a failure that quotes a secret other than the endpoint\'s own key is redacted', async () => {
    const run = await options();
    server!.failNext(1, { kind: 'status', status: 400, message: `unknown parameter near "${OTHER_KEY}"` });
    const { outcomes } = await runCases([makeCase('hello')], run);
    const failure = outcomes[0]?.ok === false ? outcomes[0].failure.message : '(no failure)';
    expect(failure).toContain('unknown parameter near "[redacted]"');
    expect(failure).not.toContain(OTHER_KEY);
  });
});

describe('redaction and the judge', () => {
  it('shows the judge the answer redacted, and redacts what the judge says', async () => {
    server = await startModelServer({
      apiKey: GRADING_KEY,
      rules: [
        { match: isRubricJudge, reply: JSON.stringify({ reason: `The answer leaks ${OTHER_KEY}.`, pass: false, score: 0 }) },
        { match: /shoes/, reply: `Refunds within 30 days. Key: ${GRADING_KEY}` },
      ],
    });
    const suite = `
name: support
model: gpt-test
messages:
  - role: user
    content: Can I return my shoes?
tests:
  - name: refund
    assert:
      - type: llm-rubric
        value: Mentions the 30-day refund policy
`;
    const report = await runGraded({ 'support.prompt.yaml': suite }, { baseURL: server.url, cacheDir, redact: createRedactor([GRADING_KEY, OTHER_KEY]) });

    const judged = server.requests.filter(isRubricJudge).map(judgedText).join('\n');
    expect(judged).toContain('Key: [redacted]');
    expect(judged).not.toContain(GRADING_KEY);
    const text = JSON.stringify(report);
    expect(text).toContain('The answer leaks [redacted].');
    expect(text).not.toContain(GRADING_KEY);
    expect(text).not.toContain(OTHER_KEY);
    const cache = await cacheFiles();
    expect(cache).not.toContain(GRADING_KEY);
    expect(cache).not.toContain(OTHER_KEY);
  });
});

describe('redactDeep', () => {
  const redact = createRedactor([API_KEY]);

  it('returns a value with nothing to hide as it is, without copying', () => {
    const report = { results: [{ output: 'clean', vars: { question: 'hi' } }], summary: { total: 1 } };
    expect(redactDeep(report, redact)).toBe(report);
  });

  it('copies only the path to what it redacts, keys included, and leaves the original alone', () => {
    const untouched = { output: 'clean' };
    const report = { results: [untouched, { output: `key ${API_KEY}`, vars: { [API_KEY]: 1 } }] };
    const redacted = redactDeep(report, redact);
    expect(redacted).toEqual({ results: [{ output: 'clean' }, { output: 'key [redacted]', vars: { '[redacted]': 1 } }] });
    expect(redacted.results[0]).toBe(untouched);
    expect(report.results[1]!.output).toBe(`key ${API_KEY}`);
  });

  it('keeps a variable named __proto__ a plain key, not a prototype', () => {
    const vars = JSON.parse(`{"__proto__": "${API_KEY}", "b": 2}`) as Record<string, unknown>;
    const redacted = redactDeep(vars, redact);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.entries(redacted)).toEqual([
      ['__proto__', '[redacted]'],
      ['b', 2],
    ]);
  });
});

describe('createRedactor', () => {
  it('leaves values shorter than 6 characters alone: a local server\'s "x" or "EMPTY" is no secret', () => {
    const redact = createRedactor(['x', 'none', 'EMPTY', 'dummy', 'sk-1234']);
    expect(redact('none of x is EMPTY or dummy; sk-1234 is')).toBe('none of x is EMPTY or dummy; [redacted] is');
  });

  it('replaces a secret that contains another whole', () => {
    const redact = createRedactor(['sk-abcdefgh', 'sk-abcdefgh-ijklmnop']);
    expect(redact('a sk-abcdefgh-ijklmnop b sk-abcdefgh')).toBe('a [redacted] b [redacted]');
  });
});
