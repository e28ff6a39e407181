// The tests' vars are the suite's inputs: they reach the model only through the prompt's
// placeholders. An edit that replaces `{{question}}` with a fixed question keeps every test's vars
// and assertions (tests-unchanged.ts is satisfied) yet tests nothing: one canned answer can pass
// them all. Likewise an edit that shows the prompt a var only the assertions used (`{{expected}}`)
// hands the model the answer key. Either way it is no longer the same test suite.
import { GITHUB_EVALUATORS_USING_EXPECTED } from '../assert/graded-kinds.js';
import { findPlaceholders, lookupVar } from '../template.js';
import type { Suite } from '../types.js';

/** A reason when the edited prompt drops a test input or takes in an expected answer; undefined when it does neither. */
export function changedInputs(before: Suite, after: Suite): string | undefined {
  const used = promptPaths(before);
  const usedAfter = promptPaths(after);
  const tests = before.tests;

  const dropped = [...used].filter((path) => tests.some((test) => lookupVar(test.vars, path).found && !stillSeen(path, usedAfter, test.vars)));
  if (dropped.length > 0) {
    const names = list(dropped);
    return (
      `the edit stops using ${names}, which the tests set: the prompt would no longer see the tests' inputs, ` +
      `so passing them would prove nothing; keep ${dropped.length === 1 ? 'it' : 'them'} in the messages`
    );
  }

  const answerKey = [...answerPaths(before)].filter((path) => !used.has(path) && usedAfter.has(path));
  if (answerKey.length > 0) {
    return (
      `the edit puts ${list(answerKey)} into the prompt, which only the assertions used before: ` +
      'the prompt would be shown what the tests check for'
    );
  }
  return undefined;
}

/** The var paths the messages' placeholders name. */
function promptPaths(suite: Suite): Set<string> {
  const paths = new Set<string>();
  for (const message of suite.messages) for (const placeholder of findPlaceholders(message.content)) paths.add(placeholder.path);
  return paths;
}

/**
 * `path` still reaches the prompt for this test: named as it is, or inside a mapping the prompt now
 * shows whole (`{{shop}}` renders `shop.name` too). A key spelled with dots (`{"shop.name": …}`) is
 * reached only by its own name, as the template engine looks it up.
 */
function stillSeen(path: string, usedAfter: Set<string>, vars: Record<string, unknown>): boolean {
  if (usedAfter.has(path)) return true;
  for (const ancestor of usedAfter) {
    if (!path.startsWith(`${ancestor}.`)) continue;
    const whole = lookupVar(vars, ancestor);
    if (!whole.found || whole.value === null || typeof whole.value !== 'object') continue;
    if (lookupVar(whole.value as Record<string, unknown>, path.slice(ancestor.length + 1)).found) return true;
  }
  return false;
}

/** Vars the assertions compare the answer with: their placeholders, and `expected` for the GitHub evaluators that read it. */
function answerPaths(suite: Suite): Set<string> {
  const paths = new Set<string>();
  for (const test of suite.tests) {
    for (const assertion of test.assert) {
      for (const text of strings(assertion.value)) for (const placeholder of findPlaceholders(text)) paths.add(placeholder.path);
      const evaluator = (assertion.value as { evaluator?: unknown } | undefined)?.evaluator;
      if (assertion.baseType === 'github-evaluator' && typeof evaluator === 'string' && GITHUB_EVALUATORS_USING_EXPECTED.has(evaluator)) {
        paths.add('expected');
      }
    }
  }
  // An llm evaluator's prompt gets the model's answer as {{completion}}; no test sets it.
  paths.delete('completion');
  return paths;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function list(paths: string[]): string {
  const named = paths.map((path) => `{{${path}}}`);
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}
