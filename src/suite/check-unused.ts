// A variable no placeholder reads, and a test that checks nothing, are usually a mistake in the
// file's shape rather than a choice: an `assert:` indented under `vars:` becomes a variable named
// "assert", the test silently has no assertions, and every answer passes. Said before any call.
//
// Worked out from the data alone (never from where the parser put things), and placed only at key
// and test nodes, so the fast loader reports these warnings exactly as the precise one does.
import type { DraftSuite, DraftTest } from './draft.js';
import { isFields } from './common-fields.js';
import type { Fields } from './common-fields.js';
import type { ProblemList } from './problems.js';
import { findPlaceholders } from '../template.js';

/**
 * The keys of a test and of the file (promptgate's schema): an unused variable named like one was
 * almost always meant to be that key, one level to the left.
 */
const TEST_KEYS: ReadonlySet<string> = new Set(['name', 'description', 'vars', 'assert', 'repeat', 'minPassRate', 'tags']);
const FILE_KEYS: ReadonlySet<string> = new Set([...TEST_KEYS, 'model', 'modelParameters', 'messages', 'tests']);

export function checkUnused(suite: DraftSuite, data: Fields, problems: ProblemList): void {
  // GitHub Models rows carry values for evaluators (`expected`, `input`) that no placeholder shows.
  if (suite.format !== 'promptgate') return;
  const testItems = Array.isArray(data.tests) ? data.tests : [];
  // Without messages (refused already) every variable would look unused.
  if (suite.messages.length > 0) checkVariables(suite, data, testItems, problems);
  else warnUnchecked(suite, data, testItems, new Set(), problems);
}

function checkVariables(suite: DraftSuite, data: Fields, testItems: unknown[], problems: ProblemList): void {
  const shared = new ReadPaths();
  for (const { message } of suite.messages) shared.addText(message.content);
  for (const { assertion } of suite.fileAssert) shared.addValue(assertion.value);

  // Test variables, by name: one warning for a name no test reads, as for a missing value.
  const unusedInTests = new Map<string, DraftTest[]>();
  const setIn = new Map<string, number>();
  const misplacedAssert = new Set<DraftTest>();
  const anyTestReads = new ReadPaths();
  for (const test of suite.tests) {
    const reads = new ReadPaths();
    for (const { assertion } of test.assert) reads.addValue(assertion.value);
    anyTestReads.addFrom(reads);
    const fields = testItems[test.index];
    if (!isFields(fields) || !isFields(fields.vars)) continue;
    for (const name of Object.keys(fields.vars)) {
      setIn.set(name, (setIn.get(name) ?? 0) + 1);
      if (shared.reads(name) || reads.reads(name)) continue;
      if (TEST_KEYS.has(name) && fields[name] === undefined) {
        if (name === 'assert') misplacedAssert.add(test);
        problems.error(problems.source.keyNodeAt(['tests', test.index, 'vars'], name), misplacedKeyMessage(name, `test "${test.name}"`, "the test's"));
        continue;
      }
      const unused = unusedInTests.get(name) ?? [];
      unused.push(test);
      unusedInTests.set(name, unused);
    }
  }
  for (const [name, unused] of unusedInTests) {
    const first = unused[0]!;
    if (unused.length > 1 && unused.length === setIn.get(name)) {
      problems.dataWarning(
        problems.source.keyNodeAt(['tests', first.index, 'vars'], name),
        `variable "${name}" is set in ${unused.length} tests and used in none: no placeholder {{${name}}} in the messages or their assertions; use it, or remove it`,
      );
      continue;
    }
    for (const test of unused) {
      problems.dataWarning(
        problems.source.keyNodeAt(['tests', test.index, 'vars'], name),
        `test "${test.name}": variable "${name}" is not used: no placeholder {{${name}}} in the messages or the test's assertions; use it, or remove it`,
      );
    }
  }

  let fileAssertMisplaced = false;
  if (isFields(data.vars)) {
    for (const name of Object.keys(data.vars)) {
      if (shared.reads(name) || anyTestReads.reads(name)) continue;
      const node = problems.source.keyNodeAt(['vars'], name);
      if (FILE_KEYS.has(name) && data[name] === undefined) {
        if (name === 'assert') fileAssertMisplaced = true;
        problems.error(node, misplacedKeyMessage(name, 'the file', "the file's"));
      } else {
        problems.dataWarning(node, `variable "${name}" is not used: no placeholder {{${name}}} in the messages or the assertions; use it, or remove it`);
      }
    }
  }

  // The file's assertions, indented under its `vars:`, were meant for every test: said once, above.
  if (!fileAssertMisplaced) warnUnchecked(suite, data, testItems, misplacedAssert, problems);
}

/** A test with no assertion passes whatever the model answers. */
function warnUnchecked(suite: DraftSuite, data: Fields, testItems: unknown[], misplacedAssert: Set<DraftTest>, problems: ProblemList): void {
  // An `assert:` that could not be read is reported already; so is one indented under `vars:`.
  if (suite.fileAssert.length > 0 || !isEmptyList(data.assert)) return;
  const unchecked = suite.tests.filter((test) => {
    const fields = testItems[test.index];
    return test.assert.length === 0 && !misplacedAssert.has(test) && (!isFields(fields) || isEmptyList(fields.assert));
  });
  if (unchecked.length === 0) return;
  const source = problems.source;
  if (!Array.isArray(data.tests)) {
    // The file is its one test: its vars are what it has.
    problems.dataWarning(source.keyNodeAt([], 'vars'), 'this file has no assertion, so any answer passes; add `assert:`');
    return;
  }
  if (unchecked.length > 1 && unchecked.length === suite.tests.length) {
    problems.dataWarning(
      source.keyNodeAt([], 'tests'),
      `none of the ${unchecked.length} tests has an assertion, so any answer passes; add \`assert:\` to each test, or to the file for all of them`,
    );
    return;
  }
  for (const test of unchecked) {
    problems.dataWarning(source.nodeAt(['tests', test.index]), `test "${test.name}" has no assertion, so any answer passes; add \`assert:\` to it`);
  }
}

function isEmptyList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function misplacedKeyMessage(name: string, owner: string, owners: string): string {
  return (
    `"${name}" is indented under \`vars:\`, so it is a variable of ${owner} that no placeholder uses, not ${owners} \`${name}\`: ` +
    'move it left to line up with `vars:`'
  );
}

/**
 * The variable paths placeholders read. A variable is read when a placeholder names it or
 * something inside it (`user` by {{user.name}}), or, for a name spelled with dots, something
 * that holds it ({{a}} may show "a.b").
 */
class ReadPaths {
  /** Every path and every prefix of one: `user.name` adds `user` and `user.name`. */
  private readonly prefixes = new Set<string>();
  private readonly paths = new Set<string>();

  addText(text: string): void {
    for (const { path } of findPlaceholders(text)) this.addPath(path);
  }

  addValue(value: unknown): void {
    if (typeof value === 'string') this.addText(value);
    else if (Array.isArray(value)) for (const item of value) this.addValue(item);
    else if (isFields(value)) for (const item of Object.values(value)) this.addValue(item);
  }

  addFrom(other: ReadPaths): void {
    for (const path of other.paths) this.addPath(path);
  }

  reads(name: string): boolean {
    if (this.prefixes.has(name)) return true;
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) if (this.paths.has(name.slice(0, dot))) return true;
    return false;
  }

  private addPath(path: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) this.prefixes.add(path.slice(0, dot));
    this.prefixes.add(path);
  }
}
