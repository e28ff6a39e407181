import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAIEmbeddingProvider } from '../../src/provider/openai.js';
import type { EmbeddingAttempt } from '../../src/run/provider.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../support/model-server.js';

const API_KEY = 'sk-test-0123456789abcdef';
const MODEL = 'text-embedding-3-small';
let server: ModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerFor(options: ModelServerOptions = {}, apiKey = API_KEY) {
  server = await startModelServer({ apiKey: API_KEY, ...options });
  return createOpenAIEmbeddingProvider({ baseURL: server.url, apiKey, timeoutMs: 5_000 });
}

const live = () => new AbortController().signal;

function failureOf(outcome: EmbeddingAttempt) {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.vectors.length} vectors`);
  return outcome;
}

/** Vectors whose first number says which text they belong to. */
const byLength = (text: string) => [text.length, 1];

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, i) => sum + value * b[i]!, 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

describe('createOpenAIEmbeddingProvider: answers', () => {
  it('returns one vector per text, in input order, with the usage', async () => {
    const provider = await providerFor({ embeddings: byLength });
    const outcome = await provider.embed({ model: MODEL, input: ['a', 'the refund window', 'thirty days'] }, live());
    expect(outcome).toEqual({
      ok: true,
      vectors: [
        [1, 1],
        [17, 1],
        [11, 1],
      ],
      usage: { prompt: 6, total: 6 },
    });
    expect(server!.stats).toMatchObject({ requests: 1, embeddings: 3, completions: 0 });
  });

  it('puts vectors back in input order when the server answers them reversed', async () => {
    const provider = await providerFor({ embeddings: byLength, shuffleEmbeddings: true });
    const outcome = await provider.embed({ model: MODEL, input: ['a', 'bbb', 'cc'] }, live());
    expect(outcome.ok && outcome.vectors).toEqual([
      [1, 1],
      [3, 1],
      [2, 1],
    ]);
  });

  it('asks for floats for the model and texts given, and the double records it as an embeddings request', async () => {
    const provider = await providerFor({ embeddings: byLength });
    await provider.embed({ model: MODEL, input: ['one', 'two'] }, live());
    const received = server!.requests[0]!;
    expect(received.kind).toBe('embeddings');
    expect(received.path).toBe('/v1/embeddings');
    expect(received.body).toMatchObject({ model: MODEL, input: ['one', 'two'], encoding_format: 'float' });
  });

  it("the double's default vectors give texts sharing words a high cosine and unrelated texts 0", async () => {
    const provider = await providerFor();
    const outcome = await provider.embed(
      { model: MODEL, input: ['The refund window is 30 days.', 'the refund window is thirty days', 'Bananas grow on tall trees'] },
      live(),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const [refund, refundInWords, bananas] = outcome.vectors as [number[], number[], number[]];
    expect(refund).toHaveLength(64);
    // Five of six words shared, each once: 5 / (√6 · √6).
    expect(cosine(refund, refundInWords)).toBeCloseTo(5 / 6, 10);
    expect(cosine(refund, bananas)).toBe(0);
  });

  it('names itself by the base URL without credentials', () => {
    const provider = createOpenAIEmbeddingProvider({ baseURL: 'http://user:secret@127.0.0.1:9/v1/', apiKey: API_KEY, timeoutMs: 1000 });
    expect(provider.id).toBe('http://127.0.0.1:9/v1');
  });
});

describe('createOpenAIEmbeddingProvider: failures that a retry may fix', () => {
  it('a 429 with retry-after is rate limited, retryable and says how long to wait', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'rate-limit', retryAfter: 2 });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['x'] }, live()));
    expect(failure).toMatchObject({ status: 429, retryable: true, rateLimited: true, retryAfterMs: 2000 });
    expect(failure.message).toContain('rate limited');
  });

  it("the double's rate limit applies to embeddings too", async () => {
    const provider = await providerFor({ rateLimit: { perSecond: 1, burst: 1 } });
    const first = await provider.embed({ model: MODEL, input: ['x'] }, live());
    const second = await provider.embed({ model: MODEL, input: ['y'] }, live());
    expect(first.ok).toBe(true);
    expect(failureOf(second)).toMatchObject({ status: 429, rateLimited: true, retryable: true });
    expect(server!.stats.rateLimited).toBe(1);
  });

  it('a 503 is retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'status', status: 503 });
    expect(failureOf(await provider.embed({ model: MODEL, input: ['x'] }, live()))).toMatchObject({ status: 503, retryable: true });
  });

  it('a body that is not JSON is retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'malformed' });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['x'] }, live()));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain('not valid JSON');
  });

  it('a refused connection is retryable and says where it tried', async () => {
    const port = await unusedPort();
    const provider = createOpenAIEmbeddingProvider({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: API_KEY, timeoutMs: 2000 });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['x'] }, live()));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain(`could not reach http://127.0.0.1:${port}/v1`);
    expect(failure.message).toContain('ECONNREFUSED');
  });
});

describe('createOpenAIEmbeddingProvider: failures a retry cannot fix', () => {
  it('a 401 says to check the API key and never repeats the key', async () => {
    const wrongKey = 'sk-wrong-key-987654321';
    const provider = await providerFor({}, wrongKey);
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['x'] }, live()));
    expect(failure).toMatchObject({ status: 401, retryable: false });
    expect(failure.message).toContain('check the API key');
    // The double echoes the presented key in its message, as some servers do.
    expect(failure.message).toContain('[redacted]');
    expect(failure.message).not.toContain(wrongKey);
  });

  it('a 404 names the embedding model and says endpoints differ in the models they embed with', async () => {
    const provider = await providerFor({ models: [MODEL] });
    const failure = failureOf(await provider.embed({ model: 'nomic-embed-txt', input: ['x'] }, live()));
    expect(failure).toMatchObject({ status: 404, retryable: false });
    expect(failure.message).toContain('check the embedding model name ("nomic-embed-txt")');
    expect(failure.message).toContain('such as nomic-embed-text');
    expect(failure.message).toContain('embeddings: {source: local}');
  });

  it('a 400 says the model may not be an embedding model', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'status', status: 400, message: 'This model does not support embeddings.' });
    const failure = failureOf(await provider.embed({ model: 'gpt-4o', input: ['x'] }, live()));
    expect(failure).toMatchObject({ status: 400, retryable: false });
    expect(failure.message).toContain('check that "gpt-4o" is an embedding model');
  });

  it('fewer embeddings than texts is a malformed answer, not retried', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'embeddings-count', count: 1 });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['first', 'second'] }, live()));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe(
      `${server!.url} sent a malformed embeddings answer for the model "${MODEL}": expected 2 embeddings, got 1 — ` +
        'a chat-only server may not serve /embeddings; `embeddings: {source: local}` computes them offline instead',
    );
  });

  it('more embeddings than texts is malformed too', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'embeddings-count', count: 3 });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['only'] }, live()));
    expect(failure.message).toContain('expected 1 embeddings, got 3');
  });

  it.each([
    ['an empty vector', () => [], 'the embedding at index 0 is not a non-empty list of numbers'],
    ['a vector holding a non-number', () => [0.5, Number.NaN], 'the embedding at index 0 is not a non-empty list of numbers'],
    ['vectors of different lengths', (text: string) => (text === 'a' ? [1, 2] : [1, 2, 3]), 'the embeddings differ in length'],
  ])('%s is malformed', async (_label, embeddings, problem) => {
    const provider = await providerFor({ embeddings });
    const failure = failureOf(await provider.embed({ model: MODEL, input: ['a', 'b'] }, live()));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(problem);
  });

  it('a cancelled call is not retryable', async () => {
    const provider = await providerFor();
    server!.failNext(1, { kind: 'hang' });
    const controller = new AbortController();
    const embedding = provider.embed({ model: MODEL, input: ['x'] }, controller.signal);
    // Cancelled once the server holds the call.
    await vi.waitFor(() => expect(server!.stats.inFlight).toBe(1), { interval: 5 });
    controller.abort();
    expect(failureOf(await embedding)).toMatchObject({
      retryable: false,
      message: 'the run was cancelled',
    });
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
