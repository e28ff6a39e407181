// Matchers whose failure shows what differed: `expect(text).toStartWith(prefix)` fails with a diff
// of the text's start against the prefix, where `expect(text.startsWith(prefix)).toBe(true)` only
// says "expected false to be true". Loaded for every test file (vitest.config.ts: setupFiles).
import { expect } from 'vitest';

interface TextMatchers<R = unknown> {
  /** The text starts with `prefix`; a failure diffs the text's first characters against it. */
  toStartWith(prefix: string): R;
  /** The text ends with `suffix`; a failure diffs the text's last characters against it. */
  toEndWith(suffix: string): R;
}

declare module 'vitest' {
  interface Assertion<T> extends TextMatchers<T> {}
  interface AsymmetricMatchersContaining extends TextMatchers {}
}

function describeText(received: unknown): string {
  return typeof received === 'string' ? `a text of ${received.length} characters` : `not a text but ${typeof received}`;
}

expect.extend({
  toStartWith(received: unknown, prefix: string) {
    const start = typeof received === 'string' ? received.slice(0, prefix.length) : received;
    const pass = typeof received === 'string' && received.startsWith(prefix);
    return {
      pass,
      message: () => `expected ${describeText(received)} ${this.isNot ? 'not ' : ''}to start with the given prefix (its start is shown against it)`,
      actual: start,
      expected: prefix,
    };
  },
  toEndWith(received: unknown, suffix: string) {
    const end = typeof received === 'string' ? received.slice(Math.max(0, received.length - suffix.length)) : received;
    const pass = typeof received === 'string' && received.endsWith(suffix);
    return {
      pass,
      message: () => `expected ${describeText(received)} ${this.isNot ? 'not ' : ''}to end with the given suffix (its end is shown against it)`,
      actual: end,
      expected: suffix,
    };
  },
});
