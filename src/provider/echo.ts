// The built-in `echo` model: it answers every request with the request's last user message, at
// once, for nothing, without a network or a key. What comes back is exactly what the model would
// have been asked, so `promptgate run --model echo` shows whether a file's placeholders fill in and
// its assertions read the output as meant, before anyone has an endpoint.
import type { AttemptOutcome, ChatProvider, CompletionRequest } from '../run/provider.js';

/** The model name that never leaves the machine, whatever the endpoint. */
export const ECHO_MODEL = 'echo';

export function createEchoProvider(): ChatProvider {
  return {
    id: 'echo',
    async attempt(request: CompletionRequest, signal: AbortSignal): Promise<AttemptOutcome> {
      if (signal.aborted) return { ok: false, retryable: false, message: 'the request was aborted' };
      const started = performance.now();
      const lastUser = request.messages.findLast((message) => message.role === 'user');
      // No usage: echo has no tokens, and made-up counts would pass or fail max-tokens and cost
      // assertions on nothing (they are skipped, saying why).
      return { ok: true, completion: { output: lastUser?.content ?? '', finishReason: 'stop', latencyMs: Math.round(performance.now() - started) } };
    },
  };
}

/**
 * `endpoint`, except that requests for the `echo` model are answered here and never sent. The id
 * stays the endpoint's: a cache entry is keyed by it and by the model name, so echo answers never
 * stand in for a real model's.
 */
export function withEchoModel(endpoint: ChatProvider): ChatProvider {
  const echo = createEchoProvider();
  return {
    id: endpoint.id,
    attempt: (request, signal) => (request.model === ECHO_MODEL ? echo : endpoint).attempt(request, signal),
  };
}
