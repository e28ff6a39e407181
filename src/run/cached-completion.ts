// One chat completion the way a run makes it: from the cache when it holds the answer, otherwise
// through the run's CallSession (timeouts, retries, rate governor). The model under test and the
// judge both come here; what differs is when a fresh answer is worth keeping.
import { cacheKey, type CompletionCache } from './cache.js';
import type { ChatProvider, CompletionRequest } from './provider.js';
import type { Redactor } from '../redact.js';
import type { Completion, ProviderFailure } from '../types.js';
import type { CallCounters, CallSession } from './caller.js';
import type { Slot } from './slots.js';

export type CachedCompletion =
  | {
      ok: true;
      completion: Completion;
      /**
       * Stores a fresh answer, or rewrites a cached one that held a secret (a no-op for any other
       * cached one, or without a cache). Never rejects.
       */
      remember: () => Promise<void>;
    }
  | { ok: false; failure: ProviderFailure };

export interface CachedCompletionOptions {
  session: CallSession;
  counters: CallCounters;
  cache?: CompletionCache;
  /** The case's concurrency slot, put down while the call waits for the server. */
  slot?: Slot;
}

/** `sample` is part of the cache key, so repeats of a test are independent samples. */
export async function completeCached(
  provider: ChatProvider,
  request: CompletionRequest & { sample: number },
  options: CachedCompletionOptions,
): Promise<CachedCompletion> {
  const { cache, session, counters } = options;
  const { redact } = session;
  // A prompt may quote a key too: the entry's name is a hash of the request, and a hash of a secret
  // is a way to check guesses of it, so the request is hashed with the secrets hidden.
  const key = cache ? cacheKey(provider.id, request, redact) : undefined;
  if (cache && key) {
    // A cache that throws is a broken optimisation, not a reason to lose the call.
    const cached = await cache.get(key).catch(() => undefined);
    if (cached) {
      counters.cacheHits++;
      // An entry written by an older version may hold a key raw: it is redacted on the way out,
      // and remembering it rewrites it, so a cache that CI keeps is cleaned as it is used.
      const clean = redactCompletion(cached, redact);
      const rewrite = async () => {
        await cache.set(key, clean).catch(() => undefined);
      };
      return { ok: true, completion: { ...clean, cached: true }, remember: clean === cached ? async () => undefined : rewrite };
    }
  }
  const { model, messages, parameters } = request;
  const result = await session.call<Completion>(
    { endpoint: provider.id, model, ...(options.slot ? { slot: options.slot } : {}) },
    async (signal) => {
      const attempt = await provider.attempt({ model, messages, parameters }, signal);
      return attempt.ok ? { ok: true, value: { ...attempt.completion, cached: false } } : attempt;
    },
    counters,
  );
  if (!result.ok) return result;
  // Where a model's answer enters the run: from here on, the cache, the assertions, the judge, the
  // reports and the logs only ever see it redacted.
  const completion = redactCompletion(result.value, redact);
  const remember = async () => {
    if (cache && key) await cache.set(key, completion).catch(() => undefined);
  };
  return { ok: true, completion, remember };
}

function redactCompletion(completion: Completion, redact: Redactor): Completion {
  const output = redact(completion.output);
  const finishReason = completion.finishReason === undefined ? undefined : redact(completion.finishReason);
  if (output === completion.output && finishReason === completion.finishReason) return completion;
  return { ...completion, output, ...(finishReason === undefined ? {} : { finishReason }) };
}
