// Makes the model calls for a run: answers from the cache when it can, at most `concurrency`
// cases in progress, each call through the run's CallSession (timeouts, retries, a shared rate
// governor per endpoint). Every case ends as an outcome value.
import { setMaxListeners } from 'node:events';
import type { CompletionCache } from '../provider/cache.js';
import type { ChatProvider } from '../provider/types.js';
import type { Redactor } from '../redact.js';
import type { CallOutcome, Case } from '../types.js';
import { completeCached } from './cached-completion.js';
import { CallSession, cancelled, newCounters, type CallCounters } from './caller.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

export interface RunOptions {
  provider: ChatProvider;
  /** Cases in progress at most; a case's grading calls run in its slot, so they count too. */
  concurrency: number;
  /** Per attempt, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Time a case may spend from its first send until it is given up. @default 120000 */
  maxRetryTimeMs?: number;
  cache?: CompletionCache;
  /** Backoff and attempt limits; the defaults suit real APIs, tests shorten them. */
  retry?: Partial<Omit<RetryPolicy, 'maxRetryTimeMs'>>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Runs after a case's call, in the same slot and before the case counts as done: grading calls
   * made here share the concurrency limit, the session's retries and its rate governors.
   */
  afterCall?: (index: number, outcome: CallOutcome, session: CallSession) => Promise<void>;
  /**
   * Hides the run's secrets (its API keys) in every answer and failure as it arrives, before the
   * cache, the assertions or the judge see it; and in the texts cache keys are made of.
   */
  redact?: Redactor;
}

export type RunStats = CallCounters;

/** `outcomes[i]` belongs to `cases[i]`. Never rejects because of a provider problem. */
export async function runCases(cases: Case[], options: RunOptions): Promise<{ outcomes: CallOutcome[]; stats: RunStats }> {
  const outcomes = new Array<CallOutcome>(cases.length);
  const stats = newCounters();
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    maxRetryTimeMs: options.maxRetryTimeMs ?? DEFAULT_RETRY_POLICY.maxRetryTimeMs,
  };
  const session = new CallSession(options.timeoutMs, policy, options.signal, options.redact);
  const releaseOnAbort = () => session.releaseAll();
  // Every attempt in flight listens to the run's signal (and stops listening when it ends), so
  // `concurrency` listeners at once is expected, not the leak Node's default limit of 10 warns about.
  if (options.signal) setMaxListeners(options.concurrency + 10, options.signal);
  options.signal?.addEventListener('abort', releaseOnAbort, { once: true });

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const outcome = await runCase(cases[index]!, options, session, stats);
      outcomes[index] = outcome;
      if (options.afterCall) await options.afterCall(index, outcome, session);
      done++;
      options.onProgress?.(done, cases.length);
    }
  };
  try {
    const workers = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, cases.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    options.signal?.removeEventListener('abort', releaseOnAbort);
    session.releaseAll();
  }
  return { outcomes, stats };
}

async function runCase(testCase: Case, options: RunOptions, session: CallSession, stats: CallCounters): Promise<CallOutcome> {
  if (options.signal?.aborted) return cancelled(0);
  const answer = await completeCached(options.provider, testCase, { session, counters: stats, ...(options.cache ? { cache: options.cache } : {}) });
  if (!answer.ok) return answer;
  await answer.remember();
  return { ok: true, completion: answer.completion };
}
