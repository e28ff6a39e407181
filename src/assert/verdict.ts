// What a handler tells the central evaluator. Handlers describe the check in BOTH polarities so
// `not-` can be applied once, in index.ts, and still read naturally.
import type { AssertionContext } from './context.js';

export type Verdict =
  | {
      kind: 'checked';
      /** Result of the positive check, before any `not-`. */
      pass: boolean;
      /** What the positive form expects, after "expected ": `output to contain "30 days"`. */
      positive: string;
      /** What the `not-` form expects, after "expected ": `output not to contain "30 days"`. */
      negative: string;
      /**
       * What was observed, phrased so it explains a failure of whichever polarity the raw `pass`
       * makes fail: when `pass` is false it says why the positive check failed (`got 73`), when it is
       * true it says why the negated check fails (`found at character 12`). Shown only on failure.
       */
      detail?: string;
    }
  /** Could not be evaluated here (unsupported evaluator, missing data); neither pass nor fail. */
  | { kind: 'skipped'; reason: string }
  /** The assertion itself is broken (bad value); fails in both polarities. */
  | { kind: 'invalid'; reason: string }
  /**
   * Could not be decided on this output (matching it would take too long): no verdict, so the
   * sample is errored rather than passed or failed on a guess.
   */
  | { kind: 'undecided'; reason: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface HandlerSpec<T> {
  /** False only for internal kinds where `not-` has no meaning. @default true */
  negatable?: boolean;
  /** Checks and converts the assertion's value; the message says what to write instead. */
  parse(value: unknown): Parsed<T>;
  evaluate(value: T, output: string, ctx: AssertionContext): Verdict;
}

/** A handler with its value type erased, so every kind fits in one table. */
export interface AssertionHandler {
  negatable: boolean;
  checkValue(value: unknown): string | undefined;
  /** Never throws: a bad value becomes an `invalid` verdict. */
  evaluate(value: unknown, output: string, ctx: AssertionContext): Verdict;
}

export function defineHandler<T>(spec: HandlerSpec<T>): AssertionHandler {
  return {
    negatable: spec.negatable ?? true,
    checkValue(value) {
      const parsed = spec.parse(value);
      return parsed.ok ? undefined : parsed.message;
    },
    evaluate(value, output, ctx) {
      const parsed = spec.parse(value);
      if (!parsed.ok) return { kind: 'invalid', reason: `invalid assertion value: ${parsed.message}` };
      return spec.evaluate(parsed.value, output, ctx);
    },
  };
}
