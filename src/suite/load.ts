// Loads one prompt file: YAML → schema check → format reader → per-test checks → Suite.
// Pure (no I/O) and never throws for bad input: every problem in the file comes back at once.
import type { YAMLError } from 'yaml';
import type { Problem, Suite, TestDefinition } from '../types.js';
import { checkTests } from './check-tests.js';
import { isFields } from './common-fields.js';
import type { DraftSuite } from './draft.js';
import { isGitHubModelsFile, readGitHubModelsSuite } from './github-models-format.js';
import { readNativeSuite } from './native-format.js';
import { ProblemList } from './problems.js';
import { checkAgainstSchema } from './schema-check.js';
import { YamlSource } from './yaml-source.js';

export function loadSuite(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  try {
    return loadChecked(file, text);
  } catch (error) {
    // Only a bug gets here; the user still deserves a file-located message rather than a stack trace.
    const message = `promptgate could not check this file (internal error: ${(error as Error).message}); please report it`;
    return { problems: [{ file, line: 1, column: 1, severity: 'error', message }] };
  }
}

function loadChecked(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  const source = new YamlSource(text);
  const problems = new ProblemList(file, source);

  for (const error of source.doc.errors) reportYamlError(error, problems, 'error');
  for (const warning of source.doc.warnings) reportYamlError(warning, problems, 'warning');
  // Duplicate keys leave a usable document, so the other checks can still run; real syntax errors do not.
  if (source.doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { problems: problems.sorted() };

  const data = toData(source, problems);
  if (data === undefined) return { problems: problems.sorted() };
  if (!isFields(data)) {
    problems.error(source.root, 'a prompt file must be a mapping of keys such as name, model, messages and tests');
    return { problems: problems.sorted() };
  }

  checkAgainstSchema(data, problems);
  const draft = isGitHubModelsFile(data) ? readGitHubModelsSuite(data, file, problems) : readNativeSuite(data, file, problems);
  checkTests(draft, problems);

  if (problems.hasErrors) return { problems: problems.sorted() };
  return { suite: buildSuite(file, draft), problems: problems.sorted() };
}

function toData(source: YamlSource, problems: ProblemList): unknown {
  if (source.root === undefined || source.doc.contents === null) {
    problems.errorAt({ line: 1, column: 1 }, 'the file is empty; a prompt file needs at least `messages:`');
    return undefined;
  }
  try {
    return source.doc.toJS();
  } catch (error) {
    // yaml refuses documents whose aliases would expand enormously (the "billion laughs" attack).
    problems.error(source.root, `the YAML cannot be read: ${(error as Error).message}`);
    return undefined;
  }
}

export function reportYamlError(error: YAMLError, problems: ProblemList, severity: Problem['severity']): void {
  const position = problems.source.positionAt(error.pos[0]);
  let message: string;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(problems.source.text.slice(error.pos[0]))?.[0]?.trim();
    message = `duplicate key${key ? ` "${key}"` : ''}: each key may appear only once in a mapping`;
  } else if (error.code === 'TAB_AS_INDENT') {
    message = 'YAML syntax error: tabs are not allowed for indentation; indent with spaces';
  } else {
    message = `YAML syntax error: ${error.message}`;
  }
  if (severity === 'error') problems.errorAt(position, message);
  else problems.warningAt(position, message);
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
