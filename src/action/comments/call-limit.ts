// A model-call allowance shared by several steps of one request: the action's own look at which
// tests fail spends from the same budget the suggestion engine then gets what is left of.
import type { ChatProvider } from '../../run/provider.js';

export class CallAllowance {
  private used = 0;

  constructor(readonly limit: number) {}

  get spent(): number {
    return this.used;
  }

  get left(): number {
    return Math.max(0, this.limit - this.used);
  }

  spend(calls: number): void {
    this.used += calls;
  }

  /** `provider`, refusing attempts once the allowance is used up; the id is kept so cache keys match. */
  wrap(provider: ChatProvider): ChatProvider {
    return {
      id: provider.id,
      attempt: async (request, signal) => {
        // Counted before the first await, so concurrent workers cannot overshoot.
        if (this.used >= this.limit) return { ok: false, retryable: false, message: `not sent: the budget of ${this.limit} model calls is used up` };
        this.used++;
        return provider.attempt(request, signal);
      },
    };
  }
}
