// The built-in echo model answers with the request's last user message and never reaches the
// endpoint; every other model still goes there.
import { afterEach, describe, expect, it } from 'vitest';
import { createEchoProvider, withEchoModel } from '../../src/provider/echo.js';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import type { CompletionRequest } from '../../src/run/provider.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';

const live = () => new AbortController().signal;

function request(model: string, messages: CompletionRequest['messages']): CompletionRequest {
  return { model, messages, parameters: { maxTokens: 5, responseFormat: { type: 'json_object' } } };
}

describe('createEchoProvider', () => {
  it('answers with the last user message, not a later assistant turn or the system prompt', async () => {
    const outcome = await createEchoProvider().attempt(
      request('echo', [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an earlier answer' },
        { role: 'user', content: 'Where is my order A-1042?' },
        { role: 'assistant', content: 'a prefilled turn' },
      ]),
      live(),
    );
    // No usage: the tokens of a model that does not exist would be made up.
    expect(outcome).toEqual({ ok: true, completion: { output: 'Where is my order A-1042?', finishReason: 'stop', latencyMs: expect.any(Number) } });
  });

  it('answers nothing when no message is the user’s', async () => {
    const outcome = await createEchoProvider().attempt(request('echo', [{ role: 'system', content: 'Say hello.' }]), live());
    expect(outcome).toMatchObject({ ok: true, completion: { output: '' } });
  });

  it('does not answer a request already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await createEchoProvider().attempt(request('echo', [{ role: 'user', content: 'hi' }]), controller.signal)).toEqual({
      ok: false,
      retryable: false,
      message: 'the request was aborted',
    });
  });
});

describe('withEchoModel', () => {
  let server: ModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers the echo model itself and sends every other model to the endpoint', async () => {
    server = await startModelServer({ defaultReply: 'from the endpoint' });
    const provider = withEchoModel(createOpenAIProvider({ baseURL: server.url, apiKey: '', timeoutMs: 5_000 }));
    const messages = [{ role: 'user' as const, content: 'Can I return boots?' }];

    const echoed = await provider.attempt(request('echo', messages), live());
    expect(echoed).toMatchObject({ ok: true, completion: { output: 'Can I return boots?' } });
    expect(server.requests).toHaveLength(0);

    const real = await provider.attempt(request('gpt-test', messages), live());
    expect(real).toMatchObject({ ok: true, completion: { output: 'from the endpoint' } });
    expect(server.requests.map((received) => received.body.model)).toEqual(['gpt-test']);
    // Cache entries are keyed by endpoint and model: the endpoint's id, the model tells them apart.
    expect(provider.id).toBe(server.url);
  });
});
