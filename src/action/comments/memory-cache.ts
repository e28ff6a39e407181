// Answers kept in memory for one job, in front of the disk cache when there is one. The action runs
// a file's tests once to learn which fail, then hands the same cache to the suggestion engine: its
// "before" run is then answered from here instead of paying for the same calls twice — also when
// caching to disk is turned off.
import type { CompletionCache } from '../../run/cache.js';
import type { Completion } from '../../types.js';

export function createMemoryCache(behind?: CompletionCache): CompletionCache {
  const answers = new Map<string, Completion>();
  return {
    async get(key) {
      const kept = answers.get(key);
      if (kept) return { ...kept, cached: true };
      const stored = await behind?.get(key);
      if (stored) answers.set(key, stored);
      return stored;
    },
    async set(key, completion) {
      answers.set(key, completion);
      await behind?.set(key, completion);
    },
  };
}
