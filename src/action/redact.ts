// Secrets out of everything promptgate writes. core.setSecret masks the runner's log only; the
// report also goes into comments, the job summary and a JSON file, and a model can echo a key it
// saw in an error or a prompt. Redacting the report once, right after the run, covers all of them.
export type Redactor = (text: string) => string;

/** Shorter values are not secrets worth hiding, and replacing them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 8;
export const REDACTED = '[redacted]';

export function createRedactor(secrets: string[]): Redactor {
  const hidden = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (hidden.length === 0) return (text) => text;
  return (text) => hidden.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/** A copy of `value` with every string (keys included) passed through `redact`. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [redact(key), walk(inner)]));
    }
    return node;
  };
  return walk(value) as T;
}
