// Which tests a run keeps. By name (`--test`): a name as written, or a pattern where `*` stands for
// any run of characters and `?` for one; and, for a re-run of what failed (`--failed-from`), only
// the tests listed by file and name. A name or pattern that keeps nothing is the caller's to refuse.
import type { Suite } from '../types.js';

export interface TestSelection {
  /** Names or patterns; every test when empty. */
  names: readonly string[];
  /** Only these tests (keys from testKey), whatever their names match; every test when absent. */
  only?: ReadonlySet<string>;
}

/** A test's identity across runs: its file and its name. */
export function testKey(file: string, name: string): string {
  return `${file}\u0000${name}`;
}

/**
 * Whether `name` is `pattern`: the very same text, or a match of its `*` and `?`. Not a path glob
 * (picomatch, as discovery uses): a test name is free text, where `/` is an ordinary character and
 * brackets or braces are part of a name such as "refund [EU]", not syntax.
 */
export function nameMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name === pattern;
  const source = [...pattern].map((char) => (char === '*' ? '[^]*' : char === '?' ? '[^]' : char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 'u');
  return (name) => name === pattern || regex.test(name);
}

/** The suites with only the tests selected (a suite left with none is left out), and the names that matched no test at all. */
export function selectTests(suites: readonly Suite[], selection: TestSelection): { suites: Suite[]; unmatched: string[] } {
  if (selection.names.length === 0 && selection.only === undefined) return { suites: [...suites], unmatched: [] };
  const matchers = selection.names.map((name) => ({ name, matches: nameMatcher(name), used: false }));
  const kept: Suite[] = [];
  for (const suite of suites) {
    const tests = suite.tests.filter((test) => {
      let named = matchers.length === 0;
      for (const matcher of matchers) {
        if (matcher.matches(test.name)) named = matcher.used = true;
      }
      return named && (selection.only === undefined || selection.only.has(testKey(suite.file, test.name)));
    });
    if (tests.length > 0) kept.push(tests.length === suite.tests.length ? suite : { ...suite, tests });
  }
  return { suites: kept, unmatched: matchers.filter((matcher) => !matcher.used).map((matcher) => matcher.name) };
}

/** Whether a test of `file` named `name` is selected: for results recorded earlier (a baseline). */
export function testFilter(selection: TestSelection): (file: string, name: string) => boolean {
  const matchers = selection.names.map(nameMatcher);
  const { only } = selection;
  return (file, name) => (only === undefined || only.has(testKey(file, name))) && (matchers.length === 0 || matchers.some((matches) => matches(name)));
}

/** Says why a name or pattern selected nothing. */
export function unmatchedMessage(name: string): string {
  return /[*?]/.test(name) ? `no test matches "${name}" in the selected files` : `no test named "${name}" in the selected files`;
}
