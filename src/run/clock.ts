// Time as a run sees it. Everything in a run that waits (backoff, rate-limit pauses and pacing,
// attempt timeouts) waits on a Clock, so that tests move time by hand instead of sitting through a
// server's 60 s retry-after.

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Calls `callback` once `ms` have passed; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** setTimeout's longest delay: a longer one fires at once, with a warning. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      cancel();
      resolve();
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
