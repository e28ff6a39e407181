import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, createDiskCache } from '../../src/run/cache.js';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { runCases, type RunOptions } from '../../src/run/runner.js';
import type { CallOutcome } from '../../src/types.js';
import { makeCase, makeCases } from '../provider/cases.js';
import { drive, ManualClock, recordingProvider } from '../support/manual-clock.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../support/model-server.js';

const API_KEY = 'sk-runner-test-5f3a9c1e7b';
/** Short backoff so that retry tests take milliseconds, not the seconds real APIs need. */
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100 };

let server: ModelServer | undefined;
let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'promptgate-runner-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(cacheDir, { recursive: true, force: true });
});

async function setup(serverOptions: ModelServerOptions = {}, apiKey = API_KEY) {
  server = await startModelServer({ apiKey: API_KEY, ...serverOptions });
  const provider = createOpenAIProvider({ baseURL: server.url, apiKey, timeoutMs: 5_000 });
  const options: RunOptions = { provider, concurrency: 4, timeoutMs: 5_000, retry: FAST_RETRY };
  return { server, provider, options };
}

function outputs(outcomes: CallOutcome[]): (string | undefined)[] {
  return outcomes.map((outcome) => (outcome.ok ? outcome.completion.output : undefined));
}

function answeredFrom(outcome: CallOutcome): string {
  return outcome.ok ? (outcome.completion.cached ? 'the cache' : 'the server') : `nowhere: ${outcome.failure.message}`;
}

function failureOf(outcome: CallOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error('expected a failed outcome');
  return outcome.failure;
}

describe('runCases: scheduling', () => {
  it('keeps exactly `concurrency` requests in flight at the peak', async () => {
    const { server, options } = await setup({ latencyMs: 30 });
    const { outcomes, stats } = await runCases(makeCases(40), { ...options, concurrency: 8 });
    expect(server.stats.peakInFlight).toBe(8);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(stats).toEqual({ requests: 40, cacheHits: 0, retries: 0, rateLimited: 0 });
  });

  it('returns outcomes in the order of the cases, whatever order the answers come in', async () => {
    const { options } = await setup({ rules: [{ match: /^slow/, latencyMs: 120 }], latencyMs: 5 });
    const cases = ['slow a', 'fast b', 'slow c', 'fast d', 'fast e'].map((text) => makeCase(text));
    const { outcomes } = await runCases(cases, { ...options, concurrency: 5 });
    expect(outputs(outcomes)).toEqual(['echo: slow a', 'echo: fast b', 'echo: slow c', 'echo: fast d', 'echo: fast e']);
  });

  it('reports progress after every case', async () => {
    const { options } = await setup();
    const seen: string[] = [];
    await runCases(makeCases(3), { ...options, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });

  it('returns at once with no cases', async () => {
    const { options } = await setup();
    expect(await runCases([], options)).toEqual({ outcomes: [], stats: { requests: 0, cacheHits: 0, retries: 0, rateLimited: 0 } });
  });

  it('ends the cases it has not finished as failures when the run is cancelled', async () => {
    const { options } = await setup();
    const controller = new AbortController();
    // Cancelled as soon as the first case is done, with the rest in flight or not yet sent.
    const onProgress = (done: number) => done === 1 && controller.abort();
    const { outcomes } = await runCases(makeCases(20), { ...options, concurrency: 2, signal: controller.signal, onProgress });
    // The first answer is kept (the second may have come in the same moment); the cases never sent are cancelled.
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThanOrEqual(1);
    expect(outcomes.slice(2).map((outcome) => (outcome.ok ? 'answered' : outcome.failure.message))).toEqual(Array(18).fill(expect.stringContaining('cancelled')));
  });
});

describe('runCases: retries', () => {
  it("retries a 429 after the server's retry-after-ms", async () => {
    const { server, provider, options } = await setup();
    server.failNext(1, { kind: 'rate-limit', retryAfterMs: 300, retryAfter: 1 });
    const clock = new ManualClock();
    const recorded = recordingProvider(provider, clock);
    const run = runCases([makeCase('hello')], { ...options, provider: recorded.provider, clock });
    const { outcomes, stats } = await drive(run, clock, recorded.busy);
    expect(recorded.sends.map((send) => send.at)).toEqual([0, 300]);
    expect(outputs(outcomes)).toEqual(['echo: hello']);
    expect(stats).toEqual({ requests: 2, cacheHits: 0, retries: 1, rateLimited: 1 });
  });

  it('retries a 500, a body that is not JSON and a body cut off mid-way', async () => {
    const { server, provider, options } = await setup();
    server.failNext(1, { kind: 'status', status: 500 });
    server.failNext(1, { kind: 'malformed' });
    server.failNext(1, { kind: 'truncated' });
    const clock = new ManualClock();
    const recorded = recordingProvider(provider, clock);
    const run = runCases([makeCase('hello')], { ...options, provider: recorded.provider, clock });
    const { outcomes, stats } = await drive(run, clock, recorded.busy);
    expect(outputs(outcomes)).toEqual(['echo: hello']);
    expect(stats).toEqual({ requests: 4, cacheHits: 0, retries: 3, rateLimited: 0 });
  });

  it('times out an attempt that gets no answer and tries again', async () => {
    const { server, provider, options } = await setup();
    server.failNext(1, { kind: 'hang' });
    const clock = new ManualClock();
    const recorded = recordingProvider(provider, clock);
    const run = runCases([makeCase('hello')], { ...options, provider: recorded.provider, clock, timeoutMs: 200 });
    // Once the server holds the first attempt, only the attempt's timeout (on the clock) can end it.
    const firstAttemptHangs = () => recorded.sends.length === 1 && server.stats.requests === 1;
    const { outcomes, stats } = await drive(run, clock, () => recorded.unwinding() || (recorded.busy() && !firstAttemptHangs()));
    const [first, second] = recorded.sends.map((send) => send.at);
    expect(first).toBe(0);
    // Sent again after the 200 ms timeout and a backoff under FAST_RETRY's 20 ms base.
    expect(second).toBeGreaterThanOrEqual(200);
    expect(second).toBeLessThan(220);
    expect(outputs(outcomes)).toEqual(['echo: hello']);
    expect(stats.requests).toBe(2);
  });

  it('gives up on a call that times out on every attempt, after maxAttempts', async () => {
    const { server, provider, options } = await setup({ rules: [{ match: /never/, fail: { kind: 'hang' } }] });
    const clock = new ManualClock();
    const recorded = recordingProvider(provider, clock);
    const run = runCases([makeCase('never')], { ...options, provider: recorded.provider, clock, timeoutMs: 50, retry: { ...FAST_RETRY, maxAttempts: 3 } });
    // Every attempt hangs: once the server holds it, only its timeout can end it.
    const { outcomes } = await drive(run, clock, () => recorded.unwinding() || (recorded.busy() && server.stats.requests < recorded.sends.length));
    const failure = failureOf(outcomes[0]);
    expect(failure.attempts).toBe(3);
    expect(failure.message).toContain('no complete answer within 50 ms (timeout)');
    expect(failure.message).toContain('gave up after 3 attempts');
  });

  it.each<[string, ModelServerOptions, string, string, number, string]>([
    ['401', { apiKey: API_KEY }, 'sk-wrong-key-0000000', 'gpt-test', 401, 'check the API key'],
    ['404', { models: ['gpt-real'] }, API_KEY, 'gpt-typo', 404, 'check the model name'],
  ])('does not retry a %s and says what to fix', async (_label, serverOptions, key, model, status, hint) => {
    const { server, options } = await setup(serverOptions, key);
    const { outcomes, stats } = await runCases([makeCase('a', { model }), makeCase('b', { model })], options);
    for (const outcome of outcomes) {
      const failure = failureOf(outcome);
      expect(failure).toMatchObject({ status, attempts: 1 });
      expect(failure.message).toContain(hint);
      expect(failure.message).not.toContain(key);
    }
    expect(server.stats.requests).toBe(2);
    expect(stats.retries).toBe(0);
  });

  it('does not retry a 400', async () => {
    const { server, options } = await setup({ rules: [{ match: /bad/, fail: { kind: 'status', status: 400, message: 'bad schema' } }] });
    const { outcomes } = await runCases([makeCase('bad')], options);
    expect(failureOf(outcomes[0])).toMatchObject({ status: 400, attempts: 1 });
    expect(server.stats.requests).toBe(1);
  });

  it('gives a case up when its retry time is spent, while the other cases succeed', async () => {
    const { provider, options } = await setup({ rules: [{ match: /doomed/, fail: { kind: 'status', status: 503, retryAfterMs: 100 } }] });
    const cases = [makeCase('fine 1'), makeCase('doomed'), makeCase('fine 2')];
    const clock = new ManualClock();
    const recorded = recordingProvider(provider, clock);
    const run = runCases(cases, { ...options, provider: recorded.provider, clock, maxRetryTimeMs: 350 });
    const { outcomes } = await drive(run, clock, recorded.busy);
    expect(outputs(outcomes)).toEqual(['echo: fine 1', undefined, 'echo: fine 2']);
    // Sent at 0, 100, 200 and 300 ms; a fifth attempt, at 400 ms, would be past the 350 ms budget.
    const failure = failureOf(outcomes[1]);
    expect(failure.status).toBe(503);
    expect(failure.attempts).toBe(4);
    expect(failure.message).toMatch(/answered 503: .* \(gave up after 4 attempts in 0\.3 s\)$/);
  });
});

describe('runCases: rate limits', () => {
  it('slows down to the rate a token-bucket server allows, with few 429s', async () => {
    // 20 at once, then 40/s: 100 cases need at least (100 - 20) / 40 = 2 s. The bucket refills by the run's clock.
    const clock = new ManualClock();
    const { server, provider, options } = await setup({ rateLimit: { perSecond: 40, burst: 20, now: () => clock.now() } });
    const recorded = recordingProvider(provider, clock);
    const run = runCases(makeCases(100), { ...options, provider: recorded.provider, clock, concurrency: 16 });
    const { outcomes, stats } = await drive(run, clock, recorded.busy);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(stats.rateLimited).toBe(server.stats.rateLimited);
    // Half a 429 per case is the budget; hammering would cost several per case.
    expect(stats.rateLimited).toBeLessThanOrEqual(50);
    expect(clock.now()).toBeGreaterThanOrEqual(2_000);
    // Within three times the least the server allows, though on this clock every answer comes at
    // the instant it was sent, so the first 429s find the whole burst sent at once. How fast it
    // is in real time, with real latency, is a target for bench/ (npm run bench -- rate-limit).
    expect(clock.now()).toBeLessThan(6_000);
  });

  it('fails fast, without sending, when the server asks for a wait longer than a run waits out', async () => {
    const { server, options } = await setup();
    server.failNext(1, { kind: 'rate-limit', retryAfterMs: 3_600_000 });
    const { outcomes, stats } = await runCases(makeCases(4), { ...options, concurrency: 1, maxRetryTimeMs: 120_000 });
    expect(server.stats.requests).toBe(1);
    expect(stats).toMatchObject({ requests: 1, rateLimited: 1, retries: 0 });
    const first = failureOf(outcomes[0]);
    expect(first).toMatchObject({ status: 429, attempts: 1 });
    expect(first.message).toContain('the server asked to wait 3600 s, longer than the retry budget of 120 s');
    for (const outcome of outcomes.slice(1)) {
      expect(failureOf(outcome)).toEqual({
        status: 429,
        attempts: 0,
        message: `rate limited by ${server.url} for gpt-test: the server asked to wait 3600 s, longer than the 300 s a run waits out a rate limit; not sent`,
      });
    }
  });
});

describe('runCases: cache', () => {
  it('answers a second run from the cache without a single request', async () => {
    const { server, options } = await setup();
    const cache = createDiskCache(cacheDir);
    const first = await runCases(makeCases(5), { ...options, cache });
    expect(first.stats).toMatchObject({ requests: 5, cacheHits: 0 });
    expect(first.outcomes.map(answeredFrom)).toEqual(Array(5).fill('the server'));

    const second = await runCases(makeCases(5), { ...options, cache: createDiskCache(cacheDir) });
    expect(server.stats.requests).toBe(5);
    expect(second.stats).toMatchObject({ requests: 0, cacheHits: 5 });
    expect(second.outcomes.map(answeredFrom)).toEqual(Array(5).fill('the cache'));
    expect(outputs(second.outcomes)).toEqual(outputs(first.outcomes));
  });

  it('does not cache failures', async () => {
    const { server, options } = await setup({ models: ['gpt-real'] });
    const cache = createDiskCache(cacheDir);
    await runCases([makeCase('a', { model: 'gpt-typo' })], { ...options, cache });
    await runCases([makeCase('a', { model: 'gpt-typo' })], { ...options, cache });
    expect(server.stats.requests).toBe(2);
  });

  it('replaces a corrupt entry with a fresh answer', async () => {
    const { server, provider, options } = await setup();
    const testCase = makeCase('hello');
    const key = cacheKey(provider.id, testCase);
    await runCases([testCase], { ...options, cache: createDiskCache(cacheDir) });
    const entryPath = join(cacheDir, key.slice(0, 2), `${key}.json`);
    await writeFile(entryPath, '{"version":1,"outp');

    const { outcomes } = await runCases([testCase], { ...options, cache: createDiskCache(cacheDir) });
    expect(outputs(outcomes)).toEqual(['echo: hello']);
    expect(server.stats.requests).toBe(2);
    expect(JSON.parse(await readFile(entryPath, 'utf8'))).toMatchObject({ output: 'echo: hello' });
  });

  it('never writes the API key into the cache', async () => {
    const { options } = await setup();
    await runCases(makeCases(3), { ...options, cache: createDiskCache(cacheDir) });
    const files = (await readdir(cacheDir, { recursive: true })).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(3);
    for (const file of files) expect(await readFile(join(cacheDir, file), 'utf8')).not.toContain(API_KEY);
  });
});
