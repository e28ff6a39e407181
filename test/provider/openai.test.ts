import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAIProvider, retryAfterFromHeaders } from '../../src/provider/openai.js';
import type { AttemptOutcome, CompletionRequest } from '../../src/run/provider.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../support/model-server.js';

const API_KEY = 'sk-test-0123456789abcdef';
let server: ModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerFor(options: ModelServerOptions = {}, apiKey = API_KEY) {
  server = await startModelServer({ apiKey: API_KEY, ...options });
  return createOpenAIProvider({ baseURL: server.url, apiKey, timeoutMs: 5_000 });
}

function request(content: string, overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model: 'gpt-test', messages: [{ role: 'user', content }], parameters: {}, ...overrides };
}

const live = () => new AbortController().signal;

function failureOf(outcome: AttemptOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got the answer "${outcome.completion.output}"`);
  return outcome;
}

describe('createOpenAIProvider: answers', () => {
  it('returns the output, usage, finish reason and latency of a completion', async () => {
    const provider = await providerFor({ rules: [{ match: /refund/, reply: 'The refund window is 30 days.' }], latencyMs: 40 });
    const outcome = await provider.attempt(
      request('How long is the refund window?', {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'How long is the refund window?' },
        ],
      }),
      live(),
    );
    expect(outcome).toEqual({
      ok: true,
      completion: {
        output: 'The refund window is 30 days.',
        usage: { prompt: 9, completion: 6, total: 15 },
        finishReason: 'stop',
        latencyMs: expect.any(Number),
      },
    });
    expect(outcome.ok && outcome.completion.latencyMs).toBeGreaterThanOrEqual(40);
  });

  it('sends the model, the messages and every model parameter under its API name', async () => {
    const provider = await providerFor();
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    await provider.attempt(
      request('hi', {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'developer', content: 'Answer in JSON.' },
          { role: 'user', content: 'hi' },
        ],
        parameters: {
          temperature: 0.2,
          topP: 0.9,
          seed: 7,
          maxTokens: 50,
          responseFormat: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
        },
      }),
      live(),
    );
    expect(server!.requests[0]!.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'developer', content: 'Answer in JSON.' },
        { role: 'user', content: 'hi' },
      ],
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      max_tokens: 50,
      response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
    });
  });

  it('reports a cut-off answer with finish reason "length"', async () => {
    const provider = await providerFor({ defaultReply: 'one two three four five' });
    const outcome = await provider.attempt(request('count', { parameters: { maxTokens: 3 } }), live());
    expect(outcome.ok && outcome.completion).toMatchObject({ output: 'one two three', finishReason: 'length' });
  });

  it('switches a model that rejects max_tokens to max_completion_tokens, once, and remembers it', async () => {
    const provider = await providerFor({ rejectMaxTokensFor: /^o3/ });
    const first = await provider.attempt(request('a', { model: 'o3-mini', parameters: { maxTokens: 20 } }), live());
    const second = await provider.attempt(request('b', { model: 'o3-mini', parameters: { maxTokens: 20 } }), live());
    const other = await provider.attempt(request('c', { model: 'gpt-test', parameters: { maxTokens: 20 } }), live());
    expect([first.ok, second.ok, other.ok]).toEqual([true, true, true]);
    const sent = server!.requests.map((r) => [r.body.model, r.body.max_tokens, r.body.max_completion_tokens]);
    expect(sent).toEqual([
      ['o3-mini', 20, undefined],
      ['o3-mini', undefined, 20],
      ['o3-mini', undefined, 20],
      ['gpt-test', 20, undefined],
    ]);
  });

  it('names itself by the base URL without credentials', async () => {
    const provider = createOpenAIProvider({ baseURL: 'http://user:secret@127.0.0.1:9/v1/', apiKey: API_KEY, timeoutMs: 1000 });
    expect(provider.id).toBe('http://127.0.0.1:9/v1');
  });
});

describe('createOpenAIProvider: failures that a retry may fix', () => {
  it('a 429 is rate limited and prefers retry-after-ms over retry-after', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'rate-limit', retryAfterMs: 1500, retryAfter: 2 });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure).toMatchObject({ status: 429, retryable: true, rateLimited: true, retryAfterMs: 1500 });
    expect(failure.message).toContain('rate limited');
  });

  it('a 429 with only retry-after in seconds waits that many seconds', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'rate-limit', retryAfter: 3 });
    expect(failureOf(await provider.attempt(request('x'), live()))).toMatchObject({ retryAfterMs: 3000, rateLimited: true });
  });

  it.each([500, 502, 503, 408, 409])('a %i is retryable', async (status) => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'status', status, retryAfterMs: 250 });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure).toMatchObject({ status, retryable: true, retryAfterMs: 250 });
    expect(failure.rateLimited).toBeUndefined();
  });

  it('a body that is not JSON is retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'malformed' });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain('not valid JSON');
  });

  it('a body cut off mid-way is retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'truncated' });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure.retryable).toBe(true);
    expect(failure.status).toBeUndefined();
  });

  it('a refused connection is retryable and says where it tried', async () => {
    const port = await unusedPort();
    const provider = createOpenAIProvider({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: API_KEY, timeoutMs: 2000 });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain(`could not reach http://127.0.0.1:${port}/v1`);
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('a hanging server is cut off by a timeout signal, which is retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'hang' });
    const controller = new AbortController();
    const timeout = new Error('no complete answer within 100 ms (timeout)');
    timeout.name = 'TimeoutError';
    const attempt = provider.attempt(request('x'), controller.signal);
    // Cut off once the server holds the call, as the runner's timeout would.
    await vi.waitFor(() => expect(server!.stats.inFlight).toBe(1), { interval: 5 });
    controller.abort(timeout);
    const failure = failureOf(await attempt);
    expect(failure).toMatchObject({ retryable: true, message: 'no complete answer within 100 ms (timeout)' });
  });

  it('the SDK timeout also ends a hanging call as retryable', async () => {
    server = await startModelServer();
    const provider = createOpenAIProvider({ baseURL: server.url, apiKey: API_KEY, timeoutMs: 100 });
    server.failNext(1, { kind: 'hang' });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain('timeout');
  });
});

describe('createOpenAIProvider: failures a retry cannot fix', () => {
  it('a cancelled call is not retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'hang' });
    const controller = new AbortController();
    const attempt = provider.attempt(request('x'), controller.signal);
    await vi.waitFor(() => expect(server!.stats.inFlight).toBe(1), { interval: 5 });
    controller.abort();
    expect(failureOf(await attempt)).toMatchObject({
      retryable: false,
      message: 'the run was cancelled',
    });
  });

  it('a 429 for a used-up quota is not retryable and says to check billing', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'status', status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota.' });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure).toMatchObject({ status: 429, retryable: false });
    expect(failure.rateLimited).toBeUndefined();
    expect(failure.message).toContain('check its plan and billing');
  });

  it('a 401 says to check the API key and never repeats the key', async () => {
    const wrongKey = 'sk-wrong-key-987654321';
    const provider = await providerFor({}, wrongKey);
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure).toMatchObject({ status: 401, retryable: false });
    expect(failure.message).toContain('check the API key');
    // The test server echoes the presented key in its message, as some servers do.
    expect(failure.message).toContain('[redacted]');
    expect(failure.message).not.toContain(wrongKey);
  });

  it('a 401 without any key says that none was given', async () => {
    const provider = await providerFor({}, '');
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure.message).toContain('no API key was given');
  });

  it('a 404 says to check the model name and the base URL', async () => {
    const provider = await providerFor({ models: ['gpt-real'] });
    const failure = failureOf(await provider.attempt(request('x', { model: 'gpt-typo' }), live()));
    expect(failure).toMatchObject({ status: 404, retryable: false });
    expect(failure.message).toContain('does not exist');
    expect(failure.message).toContain('check the model name ("gpt-typo") and the base URL');
  });

  it('a 400 passes the server reason on and points at the parameters', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'status', status: 400, message: "Invalid value for 'temperature': must be at most 2." });
    const failure = failureOf(await provider.attempt(request('x'), live()));
    expect(failure).toMatchObject({ status: 400, retryable: false });
    expect(failure.message).toContain("Invalid value for 'temperature'");
    expect(failure.message).toContain('check the model parameters');
  });
});

describe('retryAfterFromHeaders', () => {
  it('reads retry-after-ms first, then retry-after as seconds or as an HTTP date', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '20', 'retry-after': '1' }))).toBe(20);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '1.5' }))).toBe(1500);
    const now = Date.parse('Wed, 21 Oct 2015 07:27:30 GMT');
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), now)).toBe(30_000);
  });

  it('ignores values it cannot read', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': 'x', 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterFromHeaders(new Headers())).toBeUndefined();
  });

  it('never reads a negative or endless wait: negative values are ignored and a date in the past is now', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '-5' }))).toBeUndefined();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '-1', 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '1e999', 'retry-after': 'Infinity' }))).toBeUndefined();
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }), now)).toBe(0);
  });
});

function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
