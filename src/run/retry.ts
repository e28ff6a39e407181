// When to try a failed model call again, and after how long. Pure arithmetic so that the policy
// can be tested without clocks; the runner does the waiting.
import type { AttemptFailure } from './provider.js';

export interface RetryPolicy {
  /** Time a case may spend from its first attempt until it gives up. */
  maxRetryTimeMs: number;
  /** Attempts for failures other than 429 (5xx, timeouts, broken answers): they rarely heal quickly. */
  maxAttempts: number;
  /** First backoff ceiling; doubles with every attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest rate-limit pause (a 429's retry-after) that the cases of that endpoint and model
   * not sent yet wait out; past it they end at once with the server's reason. Waiting before the
   * first send is not retrying, so it is not charged to `maxRetryTimeMs`; when that budget is
   * longer, it is the bound instead.
   */
  maxPauseMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetryTimeMs: 120_000,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  // Per-minute limits (requests or tokens a minute) ask for a minute or less; a wait of hours is a
  // daily quota, which no CI job should sit out. Five minutes covers the first with room to spare.
  maxPauseMs: 300_000,
};

/** A server that says "retry after 0 ms" forever must not turn a case into a busy loop. */
const MIN_RATE_LIMIT_DELAY_MS = 10;

/**
 * Milliseconds to wait before the next attempt, or undefined to give up. Rate limits are retried
 * until the time budget runs out (the run slows down rather than fails); other failures get
 * `maxAttempts`. The server's retry-after is taken as said; without one the wait is "full
 * jitter", uniform in [0, ceiling), which spreads calls that failed together instead of sending
 * them back together.
 */
export function retryDelay(
  failure: AttemptFailure,
  attempts: number,
  elapsedMs: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!failure.retryable) return undefined;
  if (!failure.rateLimited && attempts >= policy.maxAttempts) return undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const jittered = random() * ceiling;
  const delay = failure.rateLimited
    ? Math.max(MIN_RATE_LIMIT_DELAY_MS, failure.retryAfterMs ?? jittered)
    : (failure.retryAfterMs ?? jittered);
  if (elapsedMs + delay > policy.maxRetryTimeMs) return undefined;
  return delay;
}
