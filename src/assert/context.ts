import type { TokenUsage } from '../types.js';

/** What a handler may know about the call besides its output. */
export interface AssertionContext {
  latencyMs: number;
  /** Absent when the provider returned no usage; handlers that need it skip rather than guess. */
  usage?: TokenUsage;
  /** The model that answered, as sent. */
  model?: string;
  /** USD for this call from its usage and the price table; absent when the model has no price or no usage came back. */
  costUsd?: number;
}
