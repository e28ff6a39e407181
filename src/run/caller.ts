// One call to a model endpoint with the run's rules: a timeout per attempt, retries with backoff,
// and the endpoint's rate governor, so that a rate-limited run slows down instead of failing.
// Chat completions, judge calls and embeddings all go through here; each ends as a value.
import type { AttemptFailure } from '../provider/types.js';
import { noRedaction, type Redactor } from '../redact.js';
import type { ProviderFailure } from '../types.js';
import { RateGovernor } from './rate-governor.js';
import { retryDelay, type RetryPolicy } from './retry.js';

export type Attempt<T> = { ok: true; value: T } | AttemptFailure;
export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: ProviderFailure };

export interface CallCounters {
  /** Attempts actually sent (cache hits excluded, retries included). */
  requests: number;
  cacheHits: number;
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
}

export function newCounters(): CallCounters {
  return { requests: 0, cacheHits: 0, retries: 0, rateLimited: 0 };
}

/**
 * Shared by every call of a run: one governor per endpoint, so the judge and the model under test
 * slow down together when they share one; and the run's redactor, so every answer and every failure
 * (chat, judge, embeddings) has the run's secrets hidden before anything keeps or shows it.
 */
export class CallSession {
  private readonly governors = new Map<string, RateGovernor>();

  constructor(
    readonly timeoutMs: number,
    readonly policy: RetryPolicy,
    readonly signal: AbortSignal | undefined,
    readonly redact: Redactor = noRedaction,
  ) {}

  governor(endpointId: string): RateGovernor {
    let governor = this.governors.get(endpointId);
    if (!governor) {
      governor = new RateGovernor();
      this.governors.set(endpointId, governor);
    }
    return governor;
  }

  /** Wakes every caller waiting for a turn; used when the run is cancelled or over. */
  releaseAll(): void {
    for (const governor of this.governors.values()) governor.releaseAll();
  }

  async call<T>(endpointId: string, send: (signal: AbortSignal) => Promise<Attempt<T>>, counters: CallCounters): Promise<CallResult<T>> {
    const governor = this.governor(endpointId);
    const { policy, signal } = this;
    // The retry budget runs from the first send: waiting for a turn behind other cases is not retrying.
    let firstSentAt: number | undefined;
    let attempts = 0;
    for (;;) {
      // A server that asks for a wait longer than the budget (a daily quota, say) will not answer in
      // time: say so now instead of holding every case for the whole wait.
      const pauseMs = governor.pauseRemainingMs();
      if (pauseMs > 0 && (firstSentAt === undefined ? 0 : performance.now() - firstSentAt) + pauseMs > policy.maxRetryTimeMs) {
        return tooLongAWait(endpointId, pauseMs, policy.maxRetryTimeMs, attempts);
      }
      const turn = governor.acquire();
      if (turn) await turn;
      if (signal?.aborted) return cancelled(attempts);
      attempts++;
      counters.requests++;
      const sentAt = performance.now();
      firstSentAt ??= sentAt;
      const attempt = await this.attemptWithTimeout(send);
      if (attempt.ok) return attempt;
      // An endpoint may quote the key it was sent (a 401's "invalid key sk-…"), or another one.
      const outcome = { ...attempt, message: this.redact(attempt.message) };
      if (outcome.rateLimited) {
        counters.rateLimited++;
        governor.onRateLimited(sentAt, outcome.retryAfterMs);
      }
      const retryingForMs = performance.now() - firstSentAt;
      const delay = retryDelay(outcome, attempts, retryingForMs, policy);
      if (delay === undefined || signal?.aborted) return giveUp(outcome, attempts, retryingForMs, policy.maxRetryTimeMs);
      counters.retries++;
      await sleep(delay, signal);
    }
  }

  private async attemptWithTimeout<T>(send: (signal: AbortSignal) => Promise<Attempt<T>>): Promise<Attempt<T>> {
    // One controller per attempt, cleared when it ends: AbortSignal.timeout would keep a timer and
    // the SDK's listeners alive for the whole timeout after every successful call.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(this.timeoutMs)), this.timeoutMs);
    const runSignal = this.signal;
    const forwardAbort = () => controller.abort(runSignal?.reason);
    runSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      return await send(controller.signal);
    } catch (error) {
      // Providers promise not to throw; one that does still must not take the run down.
      return { ok: false, retryable: false, message: `the provider failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
      runSignal?.removeEventListener('abort', forwardAbort);
    }
  }
}

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no complete answer within ${timeoutMs} ms (timeout)`);
  // The name AbortSignal.timeout() uses, so providers can tell a timeout from a cancellation.
  error.name = 'TimeoutError';
  return error;
}

function giveUp(outcome: AttemptFailure, attempts: number, elapsedMs: number, budgetMs: number): CallResult<never> {
  const notes: string[] = [];
  // Only a wait that could never fit is worth naming; otherwise the budget simply ran out.
  if (outcome.retryable && outcome.retryAfterMs !== undefined && outcome.retryAfterMs > budgetMs) {
    notes.push(waitTooLong(outcome.retryAfterMs, budgetMs));
  }
  if (attempts > 1) notes.push(`gave up after ${attempts} attempts in ${(elapsedMs / 1000).toFixed(1)} s`);
  const message = notes.length > 0 ? `${outcome.message} (${notes.join('; ')})` : outcome.message;
  return { ok: false, failure: { message, attempts, ...(outcome.status === undefined ? {} : { status: outcome.status }) } };
}

function tooLongAWait(endpointId: string, waitMs: number, budgetMs: number, attempts: number): CallResult<never> {
  return { ok: false, failure: { message: `rate limited by ${endpointId}: ${waitTooLong(waitMs, budgetMs)}`, status: 429, attempts } };
}

function waitTooLong(waitMs: number, budgetMs: number): string {
  return `it asked to wait ${Math.ceil(waitMs / 1000)} s, longer than the retry budget of ${Math.round(budgetMs / 1000)} s`;
}

export function cancelled(attempts: number): { ok: false; failure: ProviderFailure } {
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
