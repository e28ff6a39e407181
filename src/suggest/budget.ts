// One budget for the whole suggest step: model calls (the before-run, the editor call and every
// candidate's run, retries included) and wall time. It is enforced where calls are made — a
// provider wrapper that refuses once the calls are spent, and a signal that fires at the deadline —
// so no run can overshoot it, however many cases it has.
import { systemClock, type Clock } from '../run/clock.js';
import type { AttemptOutcome, ChatProvider } from '../run/provider.js';
import type { Spent } from './types.js';

export const DEFAULT_MAX_MODEL_CALLS = 100;
export const DEFAULT_MAX_MS = 180_000;

export class StepBudget {
  readonly maxModelCalls: number;
  readonly maxMs: number;
  private readonly startedAt: number;
  private readonly controller = new AbortController();
  private readonly cancelTimer: () => void;
  private readonly stopOnOuterAbort: () => void;
  private calls = 0;
  private tokens = 0;
  private timeUp = false;

  constructor(
    limits: { maxModelCalls?: number; maxMs?: number } = {},
    private readonly outer?: AbortSignal,
    private readonly clock: Clock = systemClock,
  ) {
    this.maxModelCalls = Math.max(0, Math.floor(limits.maxModelCalls ?? DEFAULT_MAX_MODEL_CALLS));
    this.maxMs = Math.max(0, limits.maxMs ?? DEFAULT_MAX_MS);
    this.startedAt = clock.now();
    // The system clock caps the delay at setTimeout's longest; a longer budget is as good as none.
    this.cancelTimer = clock.setTimer(() => {
      this.timeUp = true;
      this.controller.abort(new Error(`the suggestion's time budget of ${formatSeconds(this.maxMs)} is used up`));
    }, this.maxMs);
    this.stopOnOuterAbort = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.stopOnOuterAbort, { once: true });
  }

  /** Aborted at the deadline, or when the caller's signal aborts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The deadline passed (as opposed to the calls running out, or the caller cancelling). */
  get timeIsUp(): boolean {
    return this.timeUp;
  }

  get cancelled(): boolean {
    return this.outer?.aborted ?? false;
  }

  callsLeft(): number {
    return Math.max(0, this.maxModelCalls - this.calls);
  }

  /** True once the calls or the time are used up (or the caller cancelled). */
  exhausted(): boolean {
    return this.callsLeft() === 0 || this.timeUp || this.controller.signal.aborted;
  }

  /** Says which limit was hit, for reasons and replies. */
  describeExhaustion(): string {
    if (this.cancelled) return 'the step was cancelled';
    if (this.timeUp) return `the time budget of ${formatSeconds(this.maxMs)} is used up`;
    return `the budget of ${this.maxModelCalls} model calls is used up`;
  }

  /** The provider, counting each attempt and its tokens, and refusing attempts past the limit. */
  wrap(provider: ChatProvider): ChatProvider {
    return {
      // The same id keeps cache keys identical to a plain run's, so the cache is shared.
      id: provider.id,
      attempt: async (request, signal): Promise<AttemptOutcome> => {
        // Checked and counted before the first await, so concurrent workers can never overshoot.
        if (this.calls >= this.maxModelCalls) {
          return { ok: false, retryable: false, message: `not sent: ${this.describeExhaustion()}` };
        }
        this.calls++;
        const outcome = await provider.attempt(request, signal);
        if (outcome.ok) this.tokens += outcome.completion.usage?.total ?? 0;
        return outcome;
      },
    };
  }

  spent(): Spent {
    return { modelCalls: this.calls, ms: Math.round(this.clock.now() - this.startedAt), tokens: this.tokens };
  }

  dispose(): void {
    this.cancelTimer();
    this.outer?.removeEventListener('abort', this.stopOnOuterAbort);
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
