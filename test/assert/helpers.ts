import { evaluateAssertion, type AssertionContext } from '../../src/assert/index.js';
import type { Assertion, AssertionResult } from '../../src/types.js';

/** An assertion as the loader would normalise it: `not-` split off into `negate`. */
export function assertion(type: string, value?: unknown, extra: Partial<Assertion> = {}): Assertion {
  const negate = type.startsWith('not-');
  return { type, baseType: negate ? type.slice(4) : type, negate, value, ...extra };
}

const DEFAULT_CTX: AssertionContext = { latencyMs: 100, usage: { prompt: 10, completion: 20, total: 30 } };

/** Evaluates and returns just what the tests compare. */
export function check(type: string, value: unknown, output: string, ctx: AssertionContext = DEFAULT_CTX): Pick<AssertionResult, 'pass' | 'score' | 'reason' | 'skipped' | 'errored'> {
  const { pass, score, reason, skipped, errored } = evaluateAssertion(assertion(type, value), output, ctx);
  return { pass, score, reason, ...(skipped === undefined ? {} : { skipped }), ...(errored === undefined ? {} : { errored }) };
}
