import type { TokenUsage } from '../types.js';

/** What a handler may know about the call besides its output. */
export interface AssertionContext {
  latencyMs: number;
  /** Absent when the provider returned no usage; handlers that need it skip rather than guess. */
  usage?: TokenUsage;
}
