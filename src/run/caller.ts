// One call to a model endpoint with the run's rules: a timeout per attempt, retries with backoff,
// and the rate governor of its endpoint and model, so that a rate-limited run slows down instead of
// failing. Chat completions, judge calls and embeddings all go through here; each ends as a value.
import type { AttemptFailure } from './provider.js';
import { noRedaction, type Redactor } from '../redact.js';
import type { ProviderFailure } from '../types.js';
import { sleep, systemClock, type Clock } from './clock.js';
import { EndpointCircuit, notSentMessage } from './endpoint-circuit.js';
import { RateGovernor } from './rate-governor.js';
import { retryDelay, type RetryPolicy } from './retry.js';
import type { Slot } from './slots.js';

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

/** Where a call goes. Servers limit each model on its own, so rate limits are kept per endpoint and model. */
export interface CallTarget {
  /** The provider's id (its base URL, without credentials). */
  endpoint: string;
  model: string;
  /** The case's concurrency slot, put down while the call waits for the server. */
  slot?: Slot;
}

/**
 * Shared by every call of a run: one governor per endpoint and model, so the judge and the model
 * under test slow down together when they are the same, and a 429 for one model does not hold up
 * another; and the run's redactor, so every answer and every failure (chat, judge, embeddings) has
 * the run's secrets hidden before anything keeps or shows it.
 */
export class CallSession {
  private readonly governors = new Map<string, RateGovernor>();
  /** Endpoints and models whose first calls all failed for good, and what was not sent to them. */
  readonly circuit = new EndpointCircuit();
  /** A pause that fits a case's retry budget is worth waiting out for the cases not sent yet too. */
  private readonly maxPauseMs: number;

  constructor(
    readonly timeoutMs: number,
    readonly policy: RetryPolicy,
    readonly signal: AbortSignal | undefined,
    readonly redact: Redactor = noRedaction,
    readonly clock: Clock = systemClock,
  ) {
    this.maxPauseMs = Math.max(policy.maxPauseMs, policy.maxRetryTimeMs);
  }

  governor(endpoint: string, model: string): RateGovernor {
    const key = `${endpoint}\n${model}`;
    let governor = this.governors.get(key);
    if (!governor) {
      governor = new RateGovernor({ clock: this.clock });
      this.governors.set(key, governor);
    }
    return governor;
  }

  /** Wakes every caller waiting for a turn; used when the run is cancelled or over. */
  releaseAll(): void {
    for (const governor of this.governors.values()) governor.releaseAll();
  }

  async call<T>(target: CallTarget, send: (signal: AbortSignal) => Promise<Attempt<T>>, counters: CallCounters): Promise<CallResult<T>> {
    const governor = this.governor(target.endpoint, target.model);
    const { policy, signal, clock } = this;
    // The retry budget runs from the first send: waiting for a turn before it is not retrying.
    let firstSentAt: number | undefined;
    let attempts = 0;
    // The last failure, for a call the circuit stops between its attempts.
    let last: AttemptFailure | undefined;
    for (;;) {
      const down = this.circuit.down(target.endpoint, target.model);
      if (down) {
        // A call already sent ends with its own failure; one not sent yet with the shared one.
        if (last) return giveUp(last, attempts, clock.now() - (firstSentAt ?? clock.now()), policy.maxRetryTimeMs);
        this.circuit.refused(down);
        return { ok: false, failure: { message: notSentMessage(down), attempts: 0, ...(down.status === undefined ? {} : { status: down.status }) } };
      }
      const pauseMs = governor.pauseRemainingMs();
      if (pauseMs > 0) {
        // A wait that cannot end in time (a daily quota, say) is said now rather than sat through.
        if (firstSentAt !== undefined && clock.now() - firstSentAt + pauseMs > policy.maxRetryTimeMs) {
          return overBudget(target, pauseMs, policy.maxRetryTimeMs, attempts);
        }
        if (pauseMs > this.maxPauseMs) return pauseTooLong(target, pauseMs, this.maxPauseMs, attempts);
        await this.waitAside(pauseMs, target.slot);
        if (signal?.aborted) return cancelled(attempts);
        continue;
      }
      const turn = governor.acquire();
      // False: a pause began while this call waited for its turn; weigh it like any other.
      if (turn && !(await turn)) continue;
      if (signal?.aborted) return cancelled(attempts);
      attempts++;
      counters.requests++;
      const sentAt = clock.now();
      firstSentAt ??= sentAt;
      const attempt = await this.attemptWithTimeout(send);
      if (attempt.ok) {
        this.circuit.succeeded(target.endpoint, target.model);
        return attempt;
      }
      // An endpoint may quote the key it was sent (a 401's "invalid key sk-…"), or another one.
      const outcome = { ...attempt, message: this.redact(attempt.message) };
      if (outcome.rateLimited) {
        counters.rateLimited++;
        governor.onRateLimited(sentAt, outcome.retryAfterMs);
      }
      const stopped = !signal?.aborted && this.circuit.failed(target.endpoint, target.model, outcome);
      const retryingForMs = clock.now() - firstSentAt;
      const delay = stopped ? undefined : retryDelay(outcome, attempts, retryingForMs, policy);
      if (delay === undefined || signal?.aborted) return giveUp(outcome, attempts, retryingForMs, policy.maxRetryTimeMs);
      counters.retries++;
      last = outcome;
      await this.waitAside(delay, target.slot);
    }
  }

  /** Waits without holding a concurrency slot, so that other cases (other models, cache hits) go on meanwhile. */
  private async waitAside(ms: number, slot: Slot | undefined): Promise<void> {
    slot?.putDown();
    await sleep(this.clock, ms, this.signal);
    const back = slot?.pickUp();
    if (back) await back;
  }

  private async attemptWithTimeout<T>(send: (signal: AbortSignal) => Promise<Attempt<T>>): Promise<Attempt<T>> {
    // One controller per attempt, cleared when it ends: AbortSignal.timeout would keep a timer and
    // the SDK's listeners alive for the whole timeout after every successful call.
    const controller = new AbortController();
    const cancelTimer = this.clock.setTimer(() => controller.abort(timeoutError(this.timeoutMs)), this.timeoutMs);
    const runSignal = this.signal;
    const forwardAbort = () => controller.abort(runSignal?.reason);
    runSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      return await send(controller.signal);
    } catch (error) {
      // Providers promise not to throw; one that does still must not take the run down.
      return { ok: false, retryable: false, message: `the provider failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      cancelTimer();
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

/** A retrying call that would have to wait past its retry budget. */
function overBudget(target: CallTarget, waitMs: number, budgetMs: number, attempts: number): CallResult<never> {
  return rateLimitedBy(target, waitTooLong(waitMs, budgetMs), attempts);
}

/** A call not sent yet, behind a pause longer than a run waits out. */
function pauseTooLong(target: CallTarget, waitMs: number, maxPauseMs: number, attempts: number): CallResult<never> {
  const reason = `the server asked to wait ${seconds(waitMs)} s, longer than the ${seconds(maxPauseMs)} s a run waits out a rate limit; not sent`;
  return rateLimitedBy(target, reason, attempts);
}

function rateLimitedBy(target: CallTarget, reason: string, attempts: number): CallResult<never> {
  return { ok: false, failure: { message: `rate limited by ${target.endpoint} for ${target.model}: ${reason}`, status: 429, attempts } };
}

function waitTooLong(waitMs: number, budgetMs: number): string {
  return `the server asked to wait ${seconds(waitMs)} s, longer than the retry budget of ${Math.round(budgetMs / 1000)} s`;
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

export function cancelled(attempts: number): { ok: false; failure: ProviderFailure } {
  return { ok: false, failure: { message: 'the run was cancelled before this call finished', attempts } };
}
