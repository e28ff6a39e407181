import type { CallOutcome, ChatMessage, Completion, ModelParameters } from '../types.js';

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

/** One failed attempt, for chat and embeddings alike. */
export interface AttemptFailure {
  ok: false;
  message: string;
  status?: number;
  /** 429, 5xx, timeouts, connection resets and unreadable bodies may succeed on another try. */
  retryable: boolean;
  /** How long the server asked us to wait (from `retry-after-ms` or `retry-after`), in ms. */
  retryAfterMs?: number;
  /** True for 429: the run should slow down, not just this call. */
  rateLimited?: boolean;
  /**
   * Nothing answered at the endpoint's address (connection refused, no such host): what any call
   * there would meet, not this one's bad luck. The run stops calling an endpoint whose first calls
   * all end so (see endpoint-circuit.ts).
   */
  unreachable?: boolean;
}

export type AttemptOutcome = { ok: true; completion: Omit<Completion, 'cached'> } | AttemptFailure;

export interface EmbeddingRequest {
  model: string;
  /** One vector comes back per text, in the same order. */
  input: string[];
}

export type EmbeddingAttempt =
  | { ok: true; vectors: number[][]; usage?: { prompt: number; total: number } }
  | AttemptFailure;

/**
 * Turns texts into vectors for `similar`: the endpoint's /embeddings or an offline model. One
 * attempt per call, never throws for HTTP, network or model-loading problems.
 */
export interface EmbeddingProvider {
  /** Identifies the source for cache keys (base URL, or `local:<model>`); never contains a secret. */
  readonly id: string;
  embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingAttempt>;
}

export type { CallOutcome };
