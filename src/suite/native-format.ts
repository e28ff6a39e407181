// Reads promptgate's own format: messages, vars, assert, tests.
import { readAssertions } from './assertions.js';
import {
  isFields,
  nameFromFile,
  optionalString,
  overlayVars,
  readMessages,
  readMinPassRate,
  readNativeResponseFormat,
  readRepeat,
  readSamplingParameters,
  readTags,
  readVars,
} from './common-fields.js';
import type { Fields } from './common-fields.js';
import type { DraftSuite, DraftTest } from './draft.js';
import type { ProblemList } from './problems.js';
import type { SourceNode } from './source-map.js';

export function readNativeSuite(data: Fields, file: string, problems: ProblemList): DraftSuite {
  const source = problems.source;
  const name = optionalString(data.name) ?? nameFromFile(file);
  const modelParameters = readSamplingParameters(data.modelParameters);
  const responseFormat = isFields(data.modelParameters) ? readNativeResponseFormat(data.modelParameters.responseFormat) : undefined;
  if (responseFormat) modelParameters.responseFormat = responseFormat;

  const fileVars = readVars(data.vars);
  const defaults = { repeat: readRepeat(data.repeat, 1), minPassRate: readMinPassRate(data.minPassRate, 1), tags: readTags(data.tags) };

  const suite: DraftSuite = {
    format: 'promptgate',
    name,
    description: optionalString(data.description),
    model: optionalString(data.model),
    modelParameters,
    messages: readMessages(data.messages, source),
    fileAssert: readAssertions(data.assert, ['assert'], problems),
    tests: [],
  };

  if (Array.isArray(data.tests)) {
    suite.tests = readTests(data.tests, fileVars, defaults, problems);
    if (data.tests.length === 0) problems.warning(source.nodeAt(['tests']), 'no tests: nothing to run; add `tests:`');
  } else if (data.tests === undefined && (data.assert !== undefined || data.vars !== undefined)) {
    // A single-case file: its vars and assertions are the test.
    const { tags, ...rest } = defaults;
    suite.tests = [{ index: 0, name, vars: fileVars, assert: [], ...rest, ...(tags.length > 0 ? { tags } : {}) }];
  } else if (data.tests === undefined) {
    problems.warning(source.root, 'no tests: nothing to run; add `tests:`');
  }
  return suite;
}

function readTests(
  items: unknown[],
  fileVars: Record<string, unknown>,
  defaults: { repeat: number; minPassRate: number; tags: string[] },
  problems: ProblemList,
): DraftTest[] {
  const source = problems.source;
  // The test that first used each name; where is worked out only for the message about a duplicate.
  const firstUseOfName = new Map<string, number>();
  const nameNodeOf = (index: number): SourceNode | undefined => source.nodeAt(['tests', index, 'name']) ?? source.nodeAt(['tests', index]);
  const tests: DraftTest[] = [];
  items.forEach((item, index) => {
    const fields = isFields(item) ? item : {};
    const node = source.nodeAt(['tests', index]);
    const name = optionalString(fields.name) ?? `test ${index + 1}`;
    const first = firstUseOfName.get(name);
    if (first !== undefined) {
      const earlier = source.startOf(nameNodeOf(first)).line;
      problems.error(
        nameNodeOf(index),
        `duplicate test name "${name}" (also used on line ${earlier}); give each test its own name: selecting tests and the results history find them by name`,
      );
    } else {
      firstUseOfName.set(name, index);
    }
    const tags = [...new Set([...defaults.tags, ...readTags(fields.tags)])];
    tests.push({
      index,
      name,
      description: optionalString(fields.description),
      vars: overlayVars(fileVars, readVars(fields.vars)),
      assert: readAssertions(fields.assert, ['tests', index, 'assert'], problems),
      repeat: readRepeat(fields.repeat, defaults.repeat),
      minPassRate: readMinPassRate(fields.minPassRate, defaults.minPassRate),
      ...(tags.length > 0 ? { tags } : {}),
      span: source.spanOf(node),
    });
  });
  return tests;
}
