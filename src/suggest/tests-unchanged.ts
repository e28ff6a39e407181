// An edit may change how the prompt asks (messages, model, parameters), never how it is judged:
// a candidate that loosens an assertion, drops a test or changes a test's inputs would pass
// verification by moving the goalposts. New assertions are offered separately, as a suggestion.
import { isDeepStrictEqual } from 'node:util';
import type { Assertion, Suite, TestDefinition } from '../types.js';

/** A reason when the edited suite's tests differ from the original's; undefined when they are the same. */
export function changedTests(before: Suite, after: Suite): string | undefined {
  const names = (suite: Suite) => suite.tests.map((test) => test.name);
  if (!isDeepStrictEqual(names(before), names(after))) {
    return `the edit adds, removes or renames tests (before: ${list(names(before))}; after: ${list(names(after))}); only the prompt may change`;
  }
  for (const [index, test] of before.tests.entries()) {
    const changed = changedParts(test, after.tests[index]!);
    if (changed.length > 0) {
      return `the edit changes test "${test.name}" (${changed.join(', ')}); only the prompt may change — a new check belongs in a separate assertion`;
    }
  }
  return undefined;
}

function changedParts(before: TestDefinition, after: TestDefinition): string[] {
  const parts: string[] = [];
  if (!isDeepStrictEqual(before.vars, after.vars)) parts.push('its vars');
  if (!isDeepStrictEqual(before.assert.map(judged), after.assert.map(judged))) parts.push('its assertions');
  if (before.repeat !== after.repeat || before.minPassRate !== after.minPassRate) parts.push('its repeat or pass rate');
  return parts;
}

/** What decides a verdict; where the assertion sits in the file does not. */
function judged(assertion: Assertion): unknown {
  return [assertion.type, assertion.value, assertion.name, assertion.threshold];
}

function list(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((name) => `"${name}"`).join(', ');
}
