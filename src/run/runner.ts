// Makes the model calls for a run: answers from the cache when it can, at most `concurrency`
// cases at work, each call through the run's CallSession (timeouts, retries, a shared rate
// governor per endpoint and model). Every case ends as an outcome value.
import { setMaxListeners } from 'node:events';
import type { CompletionCache } from './cache.js';
import type { ChatProvider } from './provider.js';
import type { Redactor } from '../redact.js';
import type { CallOutcome, Case, EndpointDown } from '../types.js';
import { completeCached } from './cached-completion.js';
import { CallSession, cancelled, newCounters, type CallCounters } from './caller.js';
import type { Clock } from './clock.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { Slots, type Slot } from './slots.js';

export interface RunOptions {
  provider: ChatProvider;
  /**
   * Cases at work at most: sending, reading the cache, grading (a case's grading calls run in its
   * slot, so they count too). A case that waits out a rate-limit pause or a backoff gives its slot
   * up meanwhile, so that one rate-limited model does not hold up the others.
   */
  concurrency: number;
  /** Per attempt, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Time a case may spend from its first send until it is given up. @default 120000 */
  maxRetryTimeMs?: number;
  cache?: CompletionCache;
  /** Backoff, attempt and pause limits; the defaults suit real APIs, tests shorten them. */
  retry?: Partial<Omit<RetryPolicy, 'maxRetryTimeMs'>>;
  /** Everything that waits (backoff, rate limits, timeouts) waits on it; tests move it by hand. @default the system clock */
  clock?: Clock;
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

export type RunStats = CallCounters & {
  /** Endpoints and models the run stopped calling (see endpoint-circuit.ts); absent when none. */
  endpointsDown?: EndpointDown[];
};

/** `outcomes[i]` belongs to `cases[i]`. Never rejects because of a provider problem. */
export async function runCases(cases: Case[], options: RunOptions): Promise<{ outcomes: CallOutcome[]; stats: RunStats }> {
  const outcomes = new Array<CallOutcome>(cases.length);
  const afterCall = options.afterCall;
  const stats = await runEachCase(cases, {
    ...options,
    afterCall: async (index, outcome, session) => {
      outcomes[index] = outcome;
      if (afterCall) await afterCall(index, outcome, session);
    },
  });
  return { outcomes, stats };
}

/**
 * As runCases, but keeps no outcome: each goes to `afterCall` and is forgotten there, so what a
 * long run holds per finished case is only what the caller keeps of it.
 */
export async function runEachCase(cases: Case[], options: RunOptions): Promise<RunStats> {
  const stats: RunStats = newCounters();
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    maxRetryTimeMs: options.maxRetryTimeMs ?? DEFAULT_RETRY_POLICY.maxRetryTimeMs,
  };
  const session = new CallSession(options.timeoutMs, policy, options.signal, options.redact, options.clock);
  const releaseOnAbort = () => session.releaseAll();
  // Every attempt in flight and every case waiting out a pause listens to the run's signal (and
  // stops listening when it ends): that many listeners at once is expected, not the leak Node's
  // default limit of 10 warns about.
  if (options.signal) setMaxListeners(options.concurrency + cases.length + 10, options.signal);
  options.signal?.addEventListener('abort', releaseOnAbort, { once: true });

  const slots = new Slots(Math.max(1, Math.floor(options.concurrency) || 1));
  let done = 0;
  let failed: { error: unknown } | undefined;
  // Counted, not kept: a long run holds nothing for a case that has finished.
  let running = 0;
  let allFinished: (() => void) | undefined;
  const runOne = async (index: number) => {
    try {
      const outcome = await runCase(cases[index]!, options, session, stats, slots.held);
      if (options.afterCall) await options.afterCall(index, outcome, session);
      done++;
      options.onProgress?.(done, cases.length);
    } catch (error) {
      failed ??= { error };
    } finally {
      slots.release();
      running--;
      if (running === 0) allFinished?.();
    }
  };
  try {
    // Cases start in order as slots come free; one that waits for the server frees its slot.
    for (let index = 0; index < cases.length && !failed; index++) {
      const slot = slots.take();
      if (slot) await slot;
      running++;
      void runOne(index);
    }
    if (running > 0) await new Promise<void>((resolve) => (allFinished = resolve));
    if (failed) throw failed.error;
  } finally {
    options.signal?.removeEventListener('abort', releaseOnAbort);
    session.releaseAll();
  }
  const endpointsDown = session.circuit.report();
  if (endpointsDown.length > 0) stats.endpointsDown = endpointsDown;
  return stats;
}

async function runCase(testCase: Case, options: RunOptions, session: CallSession, stats: CallCounters, slot: Slot): Promise<CallOutcome> {
  if (options.signal?.aborted) return cancelled(0);
  const answer = await completeCached(options.provider, testCase, { session, counters: stats, slot, ...(options.cache ? { cache: options.cache } : {}) });
  if (!answer.ok) return answer;
  await answer.remember();
  return { ok: true, completion: answer.completion };
}
