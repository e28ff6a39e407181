// Makes the model calls for a run: answers from the cache when it can, at most `concurrency`
// requests in flight, a timeout per attempt, retries with backoff, and a shared rate governor so
// that a rate-limited run slows down instead of failing. Every case ends as an outcome value.
import { setMaxListeners } from 'node:events';
import type { CompletionCache } from '../provider/cache.js';
import { cacheKey } from '../provider/cache.js';
import type { AttemptOutcome, ChatProvider, CompletionRequest } from '../provider/types.js';
import type { CallOutcome, Case } from '../types.js';
import { RateGovernor } from './rate-governor.js';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retry.js';

export interface RunOptions {
  provider: ChatProvider;
  /** Requests in flight at most. */
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
}

export interface RunStats {
  /** Attempts actually sent (cache hits excluded, retries included). */
  requests: number;
  cacheHits: number;
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
}

/** `outcomes[i]` belongs to `cases[i]`. Never rejects because of a provider problem. */
export async function runCases(cases: Case[], options: RunOptions): Promise<{ outcomes: CallOutcome[]; stats: RunStats }> {
  const outcomes = new Array<CallOutcome>(cases.length);
  const stats: RunStats = { requests: 0, cacheHits: 0, retries: 0, rateLimited: 0 };
  const governor = new RateGovernor();
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    maxRetryTimeMs: options.maxRetryTimeMs ?? DEFAULT_RETRY_POLICY.maxRetryTimeMs,
  };
  const context: CaseContext = { options, stats, governor, policy };
  const releaseOnAbort = () => governor.releaseAll();
  // Every attempt in flight listens to the run's signal (and stops listening when it ends), so
  // `concurrency` listeners at once is expected, not the leak Node's default limit of 10 warns about.
  if (options.signal) setMaxListeners(options.concurrency + 10, options.signal);
  options.signal?.addEventListener('abort', releaseOnAbort, { once: true });

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      outcomes[index] = await runCase(cases[index]!, context);
      done++;
      options.onProgress?.(done, cases.length);
    }
  };
  try {
    const workers = Math.max(1, Math.min(Math.floor(options.concurrency) || 1, cases.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    options.signal?.removeEventListener('abort', releaseOnAbort);
    governor.releaseAll();
  }
  return { outcomes, stats };
}

interface CaseContext {
  options: RunOptions;
  stats: RunStats;
  governor: RateGovernor;
  policy: RetryPolicy;
}

async function runCase(testCase: Case, context: CaseContext): Promise<CallOutcome> {
  const { options, stats } = context;
  if (options.signal?.aborted) return cancelled(0);
  const key = options.cache ? cacheKey(options.provider.id, testCase) : undefined;
  if (options.cache && key) {
    // A cache that throws is a broken optimisation, not a reason to lose the case.
    const cached = await options.cache.get(key).catch(() => undefined);
    if (cached) {
      stats.cacheHits++;
      return { ok: true, completion: { ...cached, cached: true } };
    }
  }
  const outcome = await callWithRetries({ model: testCase.model, messages: testCase.messages, parameters: testCase.parameters }, context);
  if (outcome.ok && options.cache && key) await options.cache.set(key, outcome.completion).catch(() => undefined);
  return outcome;
}

async function callWithRetries(request: CompletionRequest, context: CaseContext): Promise<CallOutcome> {
  const { options, stats, governor, policy } = context;
  // The retry budget runs from the first send: waiting for a turn behind other cases is not retrying.
  let firstSentAt: number | undefined;
  let attempts = 0;
  for (;;) {
    // A server that asks for a wait longer than the budget (a daily quota, say) will not answer in
    // time: say so now instead of holding every case for the whole wait.
    const pauseMs = governor.pauseRemainingMs();
    if (pauseMs > 0 && (firstSentAt === undefined ? 0 : performance.now() - firstSentAt) + pauseMs > policy.maxRetryTimeMs) {
      return tooLongAWait(options.provider.id, pauseMs, policy.maxRetryTimeMs, attempts);
    }
    const turn = governor.acquire();
    if (turn) await turn;
    if (options.signal?.aborted) return cancelled(attempts);
    attempts++;
    stats.requests++;
    const sentAt = performance.now();
    firstSentAt ??= sentAt;
    const outcome = await attemptWithTimeout(options.provider, request, options.timeoutMs, options.signal);
    if (outcome.ok) return { ok: true, completion: { ...outcome.completion, cached: false } };
    if (outcome.rateLimited) {
      stats.rateLimited++;
      governor.onRateLimited(sentAt, outcome.retryAfterMs);
    }
    const retryingForMs = performance.now() - firstSentAt;
    const delay = retryDelay(outcome, attempts, retryingForMs, policy);
    if (delay === undefined || options.signal?.aborted) return giveUp(outcome, attempts, retryingForMs, policy.maxRetryTimeMs);
    stats.retries++;
    await sleep(delay, options.signal);
  }
}

async function attemptWithTimeout(
  provider: ChatProvider,
  request: CompletionRequest,
  timeoutMs: number,
  runSignal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  // One controller per attempt, cleared when it ends: AbortSignal.timeout would keep a timer and
  // the SDK's listeners alive for the whole timeout after every successful call.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
  const forwardAbort = () => controller.abort(runSignal?.reason);
  runSignal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    return await provider.attempt(request, controller.signal);
  } catch (error) {
    // Providers promise not to throw; one that does still must not take the run down.
    return { ok: false, retryable: false, message: `the provider failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
    runSignal?.removeEventListener('abort', forwardAbort);
  }
}

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no complete answer within ${timeoutMs} ms (timeout)`);
  // The name AbortSignal.timeout() uses, so providers can tell a timeout from a cancellation.
  error.name = 'TimeoutError';
  return error;
}

function giveUp(outcome: Extract<AttemptOutcome, { ok: false }>, attempts: number, elapsedMs: number, budgetMs: number): CallOutcome {
  const notes: string[] = [];
  // Only a wait that could never fit is worth naming; otherwise the budget simply ran out.
  if (outcome.retryable && outcome.retryAfterMs !== undefined && outcome.retryAfterMs > budgetMs) {
    notes.push(waitTooLong(outcome.retryAfterMs, budgetMs));
  }
  if (attempts > 1) notes.push(`gave up after ${attempts} attempts in ${(elapsedMs / 1000).toFixed(1)} s`);
  const message = notes.length > 0 ? `${outcome.message} (${notes.join('; ')})` : outcome.message;
  return { ok: false, failure: { message, attempts, ...(outcome.status === undefined ? {} : { status: outcome.status }) } };
}

function tooLongAWait(providerId: string, waitMs: number, budgetMs: number, attempts: number): CallOutcome {
  return { ok: false, failure: { message: `rate limited by ${providerId}: ${waitTooLong(waitMs, budgetMs)}`, status: 429, attempts } };
}

function waitTooLong(waitMs: number, budgetMs: number): string {
  return `it asked to wait ${Math.ceil(waitMs / 1000)} s, longer than the retry budget of ${Math.round(budgetMs / 1000)} s`;
}

function cancelled(attempts: number): CallOutcome {
  return { ok: false, failure: { message: 'the run was cancelled before this call finished', attempts } };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
