import { expect } from 'vitest';
import { loadSuite as loadSuiteUnchecked, loadSuitePrecisely } from '../../src/suite/load.js';
import type { Problem, Suite } from '../../src/types.js';

/**
 * loadSuite, checked against the precise loader: every snippet the loader tests use doubles as a
 * case for the fast loader, which must give exactly what the precise one gives.
 */
export function loadSuite(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  const result = loadSuiteUnchecked(file, text);
  expect(result).toStrictEqual(loadSuitePrecisely(file, text));
  return result;
}

/** Problems as `line:column severity: message`, the way a person reads them. */
export function problemsOf(text: string, file = 'test.prompt.yaml'): string[] {
  return loadSuite(file, text).problems.map((problem) => `${problem.line}:${problem.column} ${problem.severity}: ${problem.message}`);
}

/** Loads text that must be valid; fails the test with the problems otherwise. */
export function suiteOf(text: string, file = 'test.prompt.yaml'): Suite {
  const { suite, problems } = loadSuite(file, text);
  expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  expect(suite).toBeDefined();
  return suite!;
}

/** Joins lines so that a snippet's line numbers are easy to count in the test. */
export function lines(...all: string[]): string {
  return all.join('\n') + '\n';
}
