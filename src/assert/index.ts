// Public surface of the assertion module. The suite loader calls the first three at validation
// time; the scorer calls evaluateAssertion after each model call. `not-` is applied here, once.
import type { Assertion, AssertionResult } from '../types.js';
import type { AssertionContext } from './context.js';
import { HANDLERS } from './registry.js';
import type { Verdict } from './verdict.js';

export type { AssertionContext } from './context.js';

const KNOWN_TYPES: readonly string[] = Object.freeze([...HANDLERS.keys()]);

/** Base types (without `not-`) that have a handler, the internal GitHub evaluator kinds included. */
export function knownAssertionTypes(): readonly string[] {
  return KNOWN_TYPES;
}

export function isKnownAssertionType(baseType: string): boolean {
  return HANDLERS.has(baseType);
}

/** Whether `not-<baseType>` is meaningful; false for unknown types and for kinds such as llm-rubric. */
export function isNegatableAssertionType(baseType: string): boolean {
  return HANDLERS.get(baseType)?.negatable ?? false;
}

/** A problem with an assertion's (already rendered) value, found before any model call; undefined when fine. */
export function checkAssertionValue(baseType: string, value: unknown): string | undefined {
  const handler = HANDLERS.get(baseType);
  if (!handler) return `unknown assertion type "${baseType}"; known types: ${KNOWN_TYPES.join(', ')}`;
  return handler.checkValue(value);
}

/** Never throws: an unknown type, a bad value or a handler bug all become a failing result with a reason. */
export function evaluateAssertion(assertion: Assertion, output: string, ctx: AssertionContext): AssertionResult {
  const base: Pick<AssertionResult, 'type' | 'name' | 'line'> = { type: assertion.type };
  if (assertion.name !== undefined) base.name = assertion.name;
  if (assertion.span) base.line = assertion.span.start.line;

  const verdict = judge(assertion, output, ctx);
  switch (verdict.kind) {
    case 'skipped':
      return { ...base, pass: true, score: 1, reason: verdict.reason, skipped: true };
    case 'invalid':
      return { ...base, pass: false, score: 0, reason: verdict.reason };
    case 'undecided':
      return { ...base, pass: false, score: 0, reason: verdict.reason, errored: true };
    case 'checked': {
      const pass = assertion.negate ? !verdict.pass : verdict.pass;
      const expectation = `expected ${assertion.negate ? verdict.negative : verdict.positive}`;
      // Only a failure needs to say what was seen instead; a pass reads as the check that held.
      const reason = !pass && verdict.detail ? `${expectation}, ${verdict.detail}` : expectation;
      return { ...base, pass, score: pass ? 1 : 0, reason };
    }
  }
}

function judge(assertion: Assertion, output: string, ctx: AssertionContext): Verdict {
  const handler = HANDLERS.get(assertion.baseType);
  if (!handler) return { kind: 'invalid', reason: `unknown assertion type "${assertion.type}"` };
  if (assertion.negate && !handler.negatable) {
    return { kind: 'invalid', reason: `"${assertion.type}" cannot be negated with not-` };
  }
  try {
    return handler.evaluate(assertion.value, output, ctx);
  } catch (error) {
    // Handlers are written not to throw (a pattern past its work budget is the one expected case);
    // this keeps one surprise from aborting a whole run, and decides nothing on it.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'undecided', reason: `${assertion.type} could not be evaluated: ${message}` };
  }
}
