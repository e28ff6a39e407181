// One chat completion the way a run makes it: from the cache when it holds the answer, otherwise
// through the run's CallSession (timeouts, retries, rate governor). The model under test and the
// judge both come here; what differs is when a fresh answer is worth keeping.
import { cacheKey, type CompletionCache } from '../provider/cache.js';
import type { ChatProvider, CompletionRequest } from '../provider/types.js';
import type { Completion, ProviderFailure } from '../types.js';
import type { CallCounters, CallSession } from './caller.js';

export type CachedCompletion =
  | {
      ok: true;
      completion: Completion;
      /** Stores a fresh answer (a no-op for a cached one, or without a cache). Never rejects. */
      remember: () => Promise<void>;
    }
  | { ok: false; failure: ProviderFailure };

export interface CachedCompletionOptions {
  session: CallSession;
  counters: CallCounters;
  cache?: CompletionCache;
}

/** `sample` is part of the cache key, so repeats of a test are independent samples. */
export async function completeCached(
  provider: ChatProvider,
  request: CompletionRequest & { sample: number },
  options: CachedCompletionOptions,
): Promise<CachedCompletion> {
  const { cache, session, counters } = options;
  const key = cache ? cacheKey(provider.id, request) : undefined;
  if (cache && key) {
    // A cache that throws is a broken optimisation, not a reason to lose the call.
    const cached = await cache.get(key).catch(() => undefined);
    if (cached) {
      counters.cacheHits++;
      return { ok: true, completion: { ...cached, cached: true }, remember: async () => undefined };
    }
  }
  const { model, messages, parameters } = request;
  const result = await session.call<Completion>(
    provider.id,
    async (signal) => {
      const attempt = await provider.attempt({ model, messages, parameters }, signal);
      return attempt.ok ? { ok: true, value: { ...attempt.completion, cached: false } } : attempt;
    },
    counters,
  );
  if (!result.ok) return result;
  const completion = result.value;
  const remember = async () => {
    if (cache && key) await cache.set(key, completion).catch(() => undefined);
  };
  return { ok: true, completion, remember };
}
