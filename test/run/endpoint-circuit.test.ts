// An endpoint whose first calls all fail for good (nothing listening, a key refused, no such path
// or model) is not called again: the rest of the run ends at once with one shared reason, and the
// run says which endpoint and model it stopped calling. Through the real SDK and real sockets.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { runCases, type RunOptions } from '../../src/run/runner.js';
import type { CallOutcome, Case } from '../../src/types.js';
import { makeCase, makeCases } from '../provider/cases.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../support/model-server.js';

const API_KEY = 'sk-circuit-test-0b7e2d4a91';
const CONCURRENCY = 8;
/** Short backoff: without the circuit every case would retry a refused connection five times. */
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100 };
/**
 * What a dead endpoint may cost at most: the calls in flight when it answers (one a slot), and the
 * few more that start while the first failures wait out their backoff, before three have failed.
 */
const MOST_ATTEMPTS = CONCURRENCY + 2;

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function optionsFor(baseURL: string, apiKey = API_KEY): RunOptions {
  return { provider: createOpenAIProvider({ baseURL, apiKey, timeoutMs: 5_000 }), concurrency: CONCURRENCY, timeoutMs: 5_000, retry: FAST_RETRY };
}

async function serve(options: ModelServerOptions): Promise<ModelServer> {
  server = await startModelServer({ apiKey: API_KEY, ...options });
  return server;
}

function failures(outcomes: CallOutcome[]): string[] {
  return outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.failure.message]));
}

function casesFor(model: string, count: number): Case[] {
  return makeCases(count, model).map((testCase) => ({ ...testCase, model }));
}

describe('an endpoint whose first calls all fail for good', () => {
  it('a closed port: 300 cases end after a handful of attempts, with one shared reason', async () => {
    const port = await closedPort();
    const { outcomes, stats } = await runCases(makeCases(300), optionsFor(`http://127.0.0.1:${port}/v1`));

    expect(stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(failures(outcomes)).toHaveLength(300);
    const notSent = failures(outcomes).filter((message) => message.includes('(not sent: '));
    expect(notSent.length).toBeGreaterThanOrEqual(300 - MOST_ATTEMPTS);
    expect(new Set(notSent)).toEqual(new Set([`could not reach http://127.0.0.1:${port}/v1: connect ECONNREFUSED 127.0.0.1:${port} (not sent: the first calls to this endpoint and model all failed this way)`]));
    expect(stats.endpointsDown).toEqual([
      {
        endpoint: `http://127.0.0.1:${port}/v1`,
        model: 'gpt-test',
        error: `could not reach http://127.0.0.1:${port}/v1: connect ECONNREFUSED 127.0.0.1:${port}`,
        failedAttempts: stats.requests,
        notSent: notSent.length,
      },
    ]);
  });

  it('a wrong path (404 for every route): a handful of requests, then nothing', async () => {
    const double = await serve({});
    const { outcomes, stats } = await runCases(makeCases(300), optionsFor(`${double.url}/wrong`));

    expect(stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(failures(outcomes)).toHaveLength(300);
    expect(stats.endpointsDown).toMatchObject([{ endpoint: `${double.url}/wrong`, model: 'gpt-test', status: 404 }]);
    expect(stats.endpointsDown![0]!.error).toMatch(/answered 404: no route for POST \/v1\/wrong\/chat\/completions/);
  });

  it('a model the endpoint does not serve (404): the double sees a handful of requests', async () => {
    const double = await serve({ models: ['served-model'] });
    const { outcomes, stats } = await runCases(casesFor('retired-model', 300), optionsFor(double.url));

    expect(double.stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(failures(outcomes)).toHaveLength(300);
    expect(stats.endpointsDown).toMatchObject([{ model: 'retired-model', status: 404, notSent: 300 - double.stats.requests }]);
  });

  it('a refused key (401): the double sees a handful of requests, and the report never the key', async () => {
    const double = await serve({});
    const wrongKey = 'sk-wrong-key-for-circuit-5f1c';
    const { outcomes, stats } = await runCases(makeCases(300), { ...optionsFor(double.url, wrongKey), redact: (text) => text.replaceAll(wrongKey, '[redacted]') });

    expect(double.stats.requests).toBeLessThanOrEqual(MOST_ATTEMPTS);
    expect(failures(outcomes)).toHaveLength(300);
    expect(stats.endpointsDown).toMatchObject([{ status: 401, notSent: 300 - double.stats.requests }]);
    expect(JSON.stringify({ outcomes, stats })).not.toContain(wrongKey);
  });
});

describe('no false stop', () => {
  it('a model that answered keeps running when another model on the same endpoint is not served', async () => {
    const double = await serve({ models: ['good-model'] });
    // The good model's first case first, then both models' cases interleaved.
    const cases = [...casesFor('good-model', 1), ...casesFor('good-model', 100).flatMap((good, index) => [good, { ...makeCase(`bad ${index}`), model: 'bad-model' }])];
    const { outcomes, stats } = await runCases(cases, { ...optionsFor(double.url), concurrency: 4 });

    const byModel = (model: string) => outcomes.filter((_, index) => cases[index]!.model === model);
    expect(failures(byModel('good-model'))).toEqual([]);
    expect(byModel('good-model')).toHaveLength(101);
    expect(byModel('bad-model').filter((outcome) => outcome.ok)).toEqual([]);
    expect(double.requests.filter((request) => request.body.model === 'bad-model').length).toBeLessThanOrEqual(4 + 2);
    expect(stats.endpointsDown).toMatchObject([{ model: 'bad-model', status: 404 }]);
  });

  it('an endpoint and model that answered once is never stopped: each later 404 is that call\'s own', async () => {
    const double = await serve({});
    const options = { ...optionsFor(double.url), concurrency: 1 };
    const cases = makeCases(21);
    // The first call is answered; every later one gets a 404.
    const run = runCases(cases, { ...options, onProgress: (done) => done === 1 && double.failNext(20, { kind: 'status', status: 404, message: 'gone' }) });
    const { outcomes, stats } = await run;

    expect(outcomes[0]!.ok).toBe(true);
    expect(failures(outcomes)).toHaveLength(20);
    expect(double.stats.requests).toBe(21);
    expect(stats.endpointsDown).toBeUndefined();
  });

  it('transient 500s and 429s at the start are retried as before, and the run goes on', async () => {
    const double = await serve({});
    double.failNext(3, { kind: 'status', status: 500, message: 'warming up' });
    double.failNext(3, { kind: 'rate-limit', retryAfterMs: 10 });
    const { outcomes, stats } = await runCases(makeCases(20), optionsFor(double.url));

    expect(failures(outcomes)).toEqual([]);
    expect(stats.retries).toBe(6);
    expect(double.stats.requests).toBe(26);
    expect(stats.endpointsDown).toBeUndefined();
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
