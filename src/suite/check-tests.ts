// Checks that need each test's vars: every placeholder must have a value, and every assertion
// value, once rendered, must make sense to its handler (a valid regex, a number for a length…).
// Found here, before any model call, instead of as a confusing failure after paying for one.
import { checkAssertionValue } from '../assert/index.js';
import type { Position } from '../types.js';
import type { DraftSuite, DraftTest, LocatedAssertion } from './draft.js';
import type { ProblemList } from './problems.js';
import type { SourceNode } from './source-map.js';
import { MAX_PROMPT_CHARS, MAX_RENDERED_CHARS } from '../limits.js';
import { formatCount } from '../report/numbers.js';
import { findPlaceholders, lookupVar, renderedLength, renderValue } from '../template.js';
import type { Placeholder } from '../template.js';

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

  // Placeholders are found once per text, not once per test: a file may hold thousands of tests.
  const messageTexts = suite.messages.map(({ message, contentNode }) => templateText(message.content, contentNode, problems));
  const valueTexts = new Map<LocatedAssertion, TemplateText[]>();
  const textsOf = (located: LocatedAssertion): TemplateText[] => {
    let texts = valueTexts.get(located);
    if (!texts) valueTexts.set(located, (texts = assertionTexts(located, problems)));
    return texts;
  };

  const noteUnfilled = (text: TemplateText, test: DraftTest): boolean => {
    const unfilled = unfilledIn(text, test);
    for (let i = 0; i < unfilled.length; i++) noteMissing(unfilled[i]!.position, unfilled[i]!.path, test);
    return unfilled.length > 0;
  };
  const checkAssertion = (located: LocatedAssertion, test: DraftTest): void => {
    const texts = textsOf(located);
    let complete = true;
    for (let i = 0; i < texts.length; i++) if (noteUnfilled(texts[i]!, test)) complete = false;
    // A value with holes would be checked with `{{x}}` in it: the missing value is the real problem.
    if (complete) checkValue(located, test, problems);
  };

  let fileChars = 0;
  // Index loops: a file may hold thousands of tests, and until the JIT steps in every for-of
  // allocates an iterator.
  for (let t = 0; t < suite.tests.length; t++) {
    const test = suite.tests[t]!;
    for (let i = 0; i < messageTexts.length; i++) noteUnfilled(messageTexts[i]!, test);
    const promptChars = checkPromptSize(suite, messageTexts, test, problems);
    // A test already refused on its own is not counted again towards the file's total.
    if (promptChars <= MAX_PROMPT_CHARS) fileChars += promptChars;
    if (fileChars > MAX_RENDERED_CHARS) {
      problems.error(
        suite.messages[0]?.contentNode,
        `the tests' prompts, with their placeholders filled, add up to more than ${formatCount(MAX_RENDERED_CHARS)} characters ` +
          `by test "${test.name}": split the tests over several files, or use shorter values`,
      );
      break;
    }
    for (let i = 0; i < suite.fileAssert.length; i++) checkAssertion(suite.fileAssert[i]!, test);
    for (let i = 0; i < test.assert.length; i++) checkAssertion(test.assert[i]!, test);
  }

  for (const entry of missing.values()) reportMissing(entry, suite, problems);
}

/**
 * One test's prompt, rendered, must fit a model's context: a value used by many placeholders can
 * make a small file expand to gigabytes before any call. Said at the message that grows the most.
 */
function checkPromptSize(suite: DraftSuite, messageTexts: TemplateText[], test: DraftTest, problems: ProblemList): number {
  let total = 0;
  let largest = 0;
  let largestAt = 0;
  for (let i = 0; i < messageTexts.length; i++) {
    const length = renderedLength(messageTexts[i]!.text, messageTexts[i]!.placeholders, test.vars);
    total += length;
    if (length > largest) [largest, largestAt] = [length, i];
  }
  if (total > MAX_PROMPT_CHARS) {
    problems.error(
      suite.messages[largestAt]?.contentNode,
      `test "${test.name}": this prompt, with its placeholders filled, is ${formatCount(total)} characters; ` +
        `at most ${formatCount(MAX_PROMPT_CHARS)} are allowed (about a million tokens): use shorter values, or fewer placeholders`,
    );
  }
  return total;
}

/** A text holding placeholders, and where each placeholder was written. */
interface TemplateText {
  text: string;
  placeholders: Placeholder[];
  positionOf(placeholder: Placeholder): Position;
}

function templateText(text: string, node: SourceNode | undefined, problems: ProblemList): TemplateText {
  return {
    text,
    placeholders: findPlaceholders(text),
    positionOf: (placeholder) => (node ? problems.source.positionInString(node, placeholder.index) : problems.source.startOf(undefined)),
  };
}

/** Filled when the assertion is graded, not from the test's vars. */
const GRADING_TIME_VARS: Readonly<Record<string, readonly string[]>> = {
  // GitHub Models' `llm` evaluators see the model's answer as {{completion}}.
  'llm-evaluator': ['completion'],
};

/** Only the value's texts that hold placeholders: the others cannot miss a value. */
function assertionTexts(located: LocatedAssertion, problems: ProblemList): TemplateText[] {
  const texts = valueTexts(located, problems);
  const filledLater = GRADING_TIME_VARS[located.assertion.baseType];
  if (!filledLater) return texts;
  return texts.map((text) => ({ ...text, placeholders: text.placeholders.filter((placeholder) => !filledLater.includes(placeholder.path)) }));
}

function valueTexts(located: LocatedAssertion, problems: ProblemList): TemplateText[] {
  const texts: TemplateText[] = [];
  if (located.valueNode) {
    for (const { node, value } of problems.source.stringsIn(located.valueNode)) {
      if (value.includes('{{')) texts.push(templateText(value, node, problems));
    }
    return texts;
  }
  // No node (e.g. an evaluator name): still check the value, at the assertion's position.
  const strings: string[] = [];
  collectStrings(located.assertion.value, strings);
  for (const text of strings) {
    if (text.includes('{{')) texts.push({ text, placeholders: findPlaceholders(text), positionOf: () => problems.source.startOf(located.node) });
  }
  return texts;
}

function unfilledIn(text: TemplateText, test: DraftTest): { position: Position; path: string }[] {
  const unfilled: { position: Position; path: string }[] = [];
  for (let i = 0; i < text.placeholders.length; i++) {
    const placeholder = text.placeholders[i]!;
    if (!lookupVar(test.vars, placeholder.path).found) unfilled.push({ path: placeholder.path, position: text.positionOf(placeholder) });
  }
  return unfilled;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, into));
}

function checkValue(located: LocatedAssertion, test: DraftTest, problems: ProblemList): void {
  const { assertion } = located;
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
