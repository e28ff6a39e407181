// Everything after parsing, the same whichever source parsed the file: schema check → format
// reader → per-test checks → Suite.
import type { Problem, Suite, TestDefinition } from '../types.js';
import { checkCaseCount } from './check-size.js';
import { checkTests } from './check-tests.js';
import { checkUnused } from './check-unused.js';
import { isFields } from './common-fields.js';
import type { DraftSuite } from './draft.js';
import { isGitHubModelsFile, readGitHubModelsSuite } from './github-models-format.js';
import { readNativeSuite } from './native-format.js';
import type { ProblemList } from './problems.js';
import { checkAgainstSchema } from './schema-check.js';

export function readSuite(file: string, data: unknown, problems: ProblemList): { suite?: Suite; problems: Problem[] } {
  if (!isFields(data)) {
    problems.error(problems.source.root, 'a prompt file must be a mapping of keys such as name, model, messages and tests');
    return { problems: problems.sorted() };
  }

  checkAgainstSchema(data, problems);
  const draft = isGitHubModelsFile(data) ? readGitHubModelsSuite(data, file, problems) : readNativeSuite(data, file, problems);
  checkTests(draft, problems);
  checkUnused(draft, data, problems);
  checkCaseCount(draft, problems);

  if (problems.hasErrors) return { problems: problems.sorted() };
  return { suite: buildSuite(file, draft), problems: problems.sorted() };
}

function buildSuite(file: string, draft: DraftSuite): Suite {
  const fileAssert = draft.fileAssert.map((located) => located.assertion);
  const tests: TestDefinition[] = draft.tests.map((test) => {
    const definition: TestDefinition = {
      index: test.index,
      name: test.name,
      vars: test.vars,
      assert: [...fileAssert, ...test.assert.map((located) => located.assertion)],
      repeat: test.repeat,
      minPassRate: test.minPassRate,
    };
    if (test.description !== undefined) definition.description = test.description;
    if (test.tags) definition.tags = test.tags;
    if (test.span) definition.span = test.span;
    return definition;
  });
  const suite: Suite = {
    file,
    format: draft.format,
    name: draft.name,
    modelParameters: draft.modelParameters,
    messages: draft.messages.map((located) => located.message),
    tests,
  };
  if (draft.description !== undefined) suite.description = draft.description;
  if (draft.model !== undefined) suite.model = draft.model;
  return suite;
}
