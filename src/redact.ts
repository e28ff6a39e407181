// Secrets out of everything promptgate keeps or shows. A model can echo a key it saw in an error
// or a prompt, and an endpoint can quote it back in an error message; either would then reach the
// answer cache on disk (which CI persists, and a fork's run may restore), the reports, comments and
// logs. The run knows its keys, so its answers are redacted where they enter the core, and the
// edges redact their finished reports once more.
export type Redactor = (text: string) => string;

/**
 * Shorter values are not treated as secrets. Local servers (Ollama, vLLM, LM Studio) accept any key,
 * and people give them `x`, `none`, `EMPTY` or `dummy`: hiding those would turn ordinary words in
 * answers into `[redacted]`. Hosted APIs issue keys of 20 characters and more; 6 still covers a
 * self-hosted proxy's short key such as LiteLLM's `sk-1234`.
 */
export const MIN_SECRET_LENGTH = 6;
export const REDACTED = '[redacted]';

/** Returned when there is nothing to hide, so callers can skip work (see redactDeep). */
export const noRedaction: Redactor = (text) => text;

export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first: a secret that contains another must be replaced whole.
  const hidden = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (hidden.length === 0) return noRedaction;
  // Every answer passes through here: `includes` is a scan without allocation, so a text without a
  // secret (nearly all of them) costs no copy.
  return (text) => {
    let result = text;
    for (const secret of hidden) if (result.includes(secret)) result = result.replaceAll(secret, REDACTED);
    return result;
  };
}

/**
 * `value` with every string (keys included) passed through `redact`. Copy on write: parts with
 * nothing to hide are returned as they are, so a clean report of many thousand results costs a
 * walk, not a second copy in memory.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
  return redact === noRedaction ? value : (walk(value, redact) as T);
}

function walk(node: unknown, redact: Redactor): unknown {
  if (typeof node === 'string') return redact(node);
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < node.length; index++) {
      const item: unknown = node[index];
      const next = walk(item, redact);
      if (next !== item) (copy ??= node.slice())[index] = next;
    }
    return copy ?? node;
  }
  if (node !== null && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    const keys = Object.keys(object);
    let copy: Record<string, unknown> | undefined;
    for (const [index, key] of keys.entries()) {
      const inner = object[key];
      const next = walk(inner, redact);
      const nextKey = redact(key);
      if (copy === undefined && (next !== inner || nextKey !== key)) {
        copy = {};
        for (const earlier of keys.slice(0, index)) setOwn(copy, earlier, object[earlier]);
      }
      if (copy !== undefined) setOwn(copy, nextKey, next);
    }
    return copy ?? node;
  }
  return node;
}

/** Plain assignment of a key named `__proto__` (a prompt file's variable may be one) would set the prototype instead. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
