// A 429 with a long retry-after, on one model of two: that endpoint and model waits (or, past the
// bound, its unsent tests error), the other model carries on. Time is the test's clock, never the
// real one.
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { runCases, type RunOptions } from '../../src/run/runner.js';
import type { Case, CallOutcome } from '../../src/types.js';
import { makeCase } from '../provider/cases.js';
import { drive, ManualClock, recordingProvider } from '../support/manual-clock.js';
import { startModelServer, type ModelServer, type Misbehaviour } from '../support/model-server.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Two files, each on its own model, two tests each. */
function twoFilesOnTwoModels(): Case[] {
  const file = (name: string, model: string, tests: string[]) => {
    const suite = { ...makeCase('').suite, file: `prompts/${name}.prompt.yaml`, name, model };
    return tests.map((test) => makeCase(test, { model, suite }));
  };
  return [...file('alpha', 'model-a', ['a one', 'a two']), ...file('beta', 'model-b', ['b one', 'b two'])];
}

/** The first request for model-a gets `once`; everything else is answered. */
async function setup(once: Misbehaviour, options: Partial<RunOptions> = {}) {
  server = await startModelServer({
    rules: [{ match: (request) => request.body.model === 'model-a', fail: once, failTimes: 1 }],
  });
  const clock = new ManualClock();
  const recorded = recordingProvider(createOpenAIProvider({ baseURL: server.url, apiKey: '', timeoutMs: 5_000 }), clock);
  const run = runCases(twoFilesOnTwoModels(), { provider: recorded.provider, concurrency: 1, timeoutMs: 5_000, clock, ...options });
  return { server, clock, sends: recorded.sends, result: await drive(run, clock, recorded.busy) };
}

function sendTimes(sends: { model: string; at: number }[], model: string): number[] {
  return sends.filter((send) => send.model === model).map((send) => send.at);
}

function describeOutcome(outcome: CallOutcome): string {
  return outcome.ok ? outcome.completion.output : `error: ${outcome.failure.message} (${outcome.failure.attempts} attempts)`;
}

describe('runCases: a long retry-after on one model', () => {
  it('pauses that model until the time has passed while the other model goes on at once', async () => {
    const { server, sends, result } = await setup({ kind: 'rate-limit', retryAfter: 60 });
    expect(result.outcomes.map(describeOutcome)).toEqual(['echo: a one', 'echo: a two', 'echo: b one', 'echo: b two']);
    expect(server.stats.rateLimited).toBe(1);
    expect(result.stats).toEqual({ requests: 5, cacheHits: 0, retries: 1, rateLimited: 1 });
    // model-b never waited, even with one slot: the paused tests of model-a gave it up.
    expect(sendTimes(sends, 'model-b')).toEqual([0, 0]);
    // model-a: the refused send, then nothing until the 60 s have passed.
    const [refused, ...afterwards] = sendTimes(sends, 'model-a');
    expect(refused).toBe(0);
    expect(afterwards).toHaveLength(2);
    for (const at of afterwards) expect(at).toBeGreaterThanOrEqual(60_000);
  });

  it('errors only the test that got the 429 when the wait is longer than its retry budget; tests never sent wait and pass', async () => {
    const { server, sends, result } = await setup({ kind: 'rate-limit', retryAfter: 60 }, { maxRetryTimeMs: 30_000 });
    expect(result.outcomes.map(describeOutcome)).toEqual([
      `error: rate limited by ${server.url} (429): Rate limit reached for requests. Please try again later. ` +
        '(the server asked to wait 60 s, longer than the retry budget of 30 s) (1 attempts)',
      'echo: a two',
      'echo: b one',
      'echo: b two',
    ]);
    expect(result.stats).toEqual({ requests: 4, cacheHits: 0, retries: 0, rateLimited: 1 });
    expect(sendTimes(sends, 'model-b')).toEqual([0, 0]);
    expect(sendTimes(sends, 'model-a')).toEqual([0, 60_000]);
  });

  it.each<[string, Misbehaviour, number]>([
    ['an hour in seconds', { kind: 'rate-limit', retryAfter: 3_600 }, 3_600],
    ['a year in milliseconds', { kind: 'rate-limit', retryAfterMs: 365 * 86_400_000 }, 365 * 86_400],
  ])('errors the unsent tests of that model at once when the wait (%s) is beyond what a run waits out', async (_label, once, seconds) => {
    const { server, sends, result } = await setup(once);
    expect(result.outcomes.map(describeOutcome)).toEqual([
      `error: rate limited by ${server.url} (429): Rate limit reached for requests. Please try again later. ` +
        `(the server asked to wait ${seconds} s, longer than the retry budget of 120 s) (1 attempts)`,
      `error: rate limited by ${server.url} for model-a: the server asked to wait ${seconds} s, ` +
        'longer than the 300 s a run waits out a rate limit; not sent (0 attempts)',
      'echo: b one',
      'echo: b two',
    ]);
    expect(server.stats.requests).toBe(3);
    expect(sends.map((send) => send.at)).toEqual(sends.map(() => 0));
  });
});
