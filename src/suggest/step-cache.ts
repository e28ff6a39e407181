// Answers remembered for the length of one suggest step, in front of the caller's cache (if any).
// A candidate leaves most tests' messages unchanged; those tests must see the very answers the
// before-run saw, or a "regression" could be nothing but a new sample. With a disk cache this
// happens anyway; without one (--no-cache) this layer is what keeps the comparison honest and cheap.
import type { CompletionCache } from '../run/cache.js';
import type { Completion } from '../types.js';

export function createStepCache(below?: CompletionCache): CompletionCache {
  const memory = new Map<string, Completion>();
  return {
    async get(key) {
      const remembered = memory.get(key);
      if (remembered) return remembered;
      const stored = await below?.get(key).catch(() => undefined);
      if (stored) memory.set(key, stored);
      return stored;
    },
    async set(key, completion) {
      memory.set(key, completion);
      await below?.set(key, completion).catch(() => undefined);
    },
  };
}
