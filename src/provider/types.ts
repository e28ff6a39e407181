import type { CallOutcome, ChatMessage, ModelParameters } from '../types.js';

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  parameters: ModelParameters;
}

/**
 * Makes one attempt at a chat completion. Implementations never throw for HTTP or network
 * problems: they return a failure that says whether trying again could help.
 */
export interface ChatProvider {
  /** Identifies the endpoint for cache keys (e.g. the base URL); never contains a secret. */
  readonly id: string;
  attempt(request: CompletionRequest, signal: AbortSignal): Promise<AttemptOutcome>;
}

export type AttemptOutcome =
  | { ok: true; completion: Omit<import('../types.js').Completion, 'cached'> }
  | {
      ok: false;
      message: string;
      status?: number;
      /** 429, 5xx, timeouts, connection resets and unreadable bodies may succeed on another try. */
      retryable: boolean;
      /** How long the server asked us to wait (from `retry-after-ms` or `retry-after`), in ms. */
      retryAfterMs?: number;
      /** True for 429: the run should slow down, not just this call. */
      rateLimited?: boolean;
    };

export type { CallOutcome };
