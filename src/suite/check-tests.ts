// Checks that need each test's vars: every placeholder must have a value, and every assertion
// value, once rendered, must make sense to its handler (a valid regex, a number for a length…).
// Found here, before any model call, instead of as a confusing failure after paying for one.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Scalar } from 'yaml';
import { checkAssertionValue } from '../assert/index.js';
import type { Position } from '../types.js';
import type { DraftSuite, DraftTest, LocatedAssertion } from './draft.js';
import type { ProblemList } from './problems.js';
import { sourceOffsetOf } from './scalar-offsets.js';
import { findPlaceholders, lookupVar, renderValue } from './template.js';

interface MissingValue {
  position: Position;
  path: string;
  tests: DraftTest[];
}

export function checkTests(suite: DraftSuite, problems: ProblemList): void {
  const missing = new Map<string, MissingValue>();
  const noteMissing = (position: Position, path: string, test: DraftTest): void => {
    const key = `${position.line}:${position.column}:${path}`;
    const entry = missing.get(key) ?? { position, path, tests: [] };
    entry.tests.push(test);
    missing.set(key, entry);
  };

  for (const test of suite.tests) {
    for (const { message, contentNode } of suite.messages) {
      for (const unfilled of unfilledPlaceholders(message.content, contentNode, test, problems)) {
        noteMissing(unfilled.position, unfilled.path, test);
      }
    }
    for (const located of [...suite.fileAssert, ...test.assert]) {
      const unfilled = unfilledInValue(located, test, problems);
      for (const entry of unfilled) noteMissing(entry.position, entry.path, test);
      // A value with holes would be checked with `{{x}}` in it: the missing value is the real problem.
      if (unfilled.length === 0) checkValue(located, test, problems);
    }
  }

  for (const entry of missing.values()) reportMissing(entry, suite, problems);
}

function unfilledPlaceholders(
  text: string,
  node: Node | undefined,
  test: DraftTest,
  problems: ProblemList,
): { position: Position; path: string }[] {
  return findPlaceholders(text)
    .filter((placeholder) => !lookupVar(test.vars, placeholder.path).found)
    .map((placeholder) => ({
      path: placeholder.path,
      position: node ? problems.source.positionAt(sourceOffsetOf(problems.source.text, node, placeholder.index)) : problems.source.startOf(undefined),
    }));
}

function unfilledInValue(located: LocatedAssertion, test: DraftTest, problems: ProblemList): { position: Position; path: string }[] {
  if (located.valueNode) {
    return stringNodes(located.valueNode).flatMap((node) => unfilledPlaceholders(node.value, node, test, problems));
  }
  // No node (e.g. an evaluator name): still check the value, at the assertion's position.
  const strings: string[] = [];
  collectStrings(located.assertion.value, strings);
  return strings.flatMap((text) =>
    findPlaceholders(text)
      .filter((placeholder) => !lookupVar(test.vars, placeholder.path).found)
      .map((placeholder) => ({ path: placeholder.path, position: problems.source.startOf(located.node) })),
  );
}

function stringNodes(node: Node): Scalar<string>[] {
  if (isScalar(node)) return typeof node.value === 'string' ? [node as Scalar<string>] : [];
  if (isSeq(node)) return node.items.flatMap((item) => (item ? stringNodes(item as Node) : []));
  if (isMap(node)) {
    return node.items.flatMap((pair) => (pair.value ? stringNodes(pair.value as Node) : []));
  }
  return [];
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, into));
}

function checkValue(located: LocatedAssertion, test: DraftTest, problems: ProblemList): void {
  const { assertion } = located;
  if (assertion.baseType === 'unsupported') return;
  const rendered = renderValue(assertion.value, test.vars);
  let problem: string | undefined;
  try {
    problem = checkAssertionValue(assertion.baseType, rendered);
  } catch (error) {
    // A handler bug must not turn into a stack trace for the user; it is still worth seeing.
    problem = `could not check this value (${(error as Error).message})`;
  }
  if (problem === undefined) return;
  const strings: string[] = [];
  collectStrings(assertion.value, strings);
  const dependsOnVars = strings.some((text) => findPlaceholders(text).length > 0);
  const prefix = dependsOnVars ? `test "${test.name}": ` : '';
  problems.error(located.valueNode ?? located.node, `${prefix}${problem}`);
}

function reportMissing(entry: MissingValue, suite: DraftSuite, problems: ProblemList): void {
  const { path, tests, position } = entry;
  const what = whatToAdd(path);
  const github = suite.format === 'github-models';
  if (tests.length === suite.tests.length && tests.length > 1) {
    const where = github ? 'every testData row' : "the file's vars or to each test's vars";
    problems.errorAt(position, `{{${path}}} has no value in any of the ${tests.length} tests; add ${what} to ${where}`);
    return;
  }
  for (const test of tests) {
    const where = github ? 'its testData row' : "the test's vars or the file's vars";
    problems.errorAt(position, `test "${test.name}": {{${path}}} has no value; add ${what} to ${where}`);
  }
}

/** `"policy"`, or for a dotted path the mapping to create: `"user" with address.city inside`. */
function whatToAdd(path: string): string {
  const dot = path.indexOf('.');
  if (dot === -1) return `"${path}"`;
  return `"${path.slice(0, dot)}" with ${path.slice(dot + 1)} inside`;
}
