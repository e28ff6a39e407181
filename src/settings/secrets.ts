// The keys a run may send, for the redactor (and the Action's log masking) — one list for both edges.
import type { EngineSettings } from './engine.js';
import { keysOf } from './grading.js';

/**
 * Every key these settings may send: the redactor must know the judge's and the embeddings' keys
 * too, which may come from environment variables rather than inputs, and an endpoint may echo them.
 * `notASecret` is a placeholder key the edge does not treat as one (the CLI's `not-needed` for
 * endpoints without keys); the Action masks every key it was given, placeholder or not.
 */
export function secretsOf(settings: EngineSettings, options: { notASecret?: string } = {}): string[] {
  const keys = keysOf(settings, settings.grading);
  return options.notASecret === undefined ? keys : keys.filter((key) => key !== options.notASecret);
}
