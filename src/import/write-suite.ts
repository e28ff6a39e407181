// Draft → prompt-file YAML a person can review: the short assertion form where it says everything,
// long strings left unfolded, and comments where the conversion was not exact. Every text is loaded
// back with the project's own loader; a file it would refuse is never handed out.
import { Document, isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import { loadSuite } from '../suite/load.js';
import type { DraftAssertion, DraftSuite, DraftTest } from './draft.js';
import type { Problem } from '../types.js';

export function suiteYaml(draft: DraftSuite): string {
  const data: Record<string, unknown> = { name: draft.name };
  if (draft.description) data.description = draft.description;
  if (draft.model !== undefined) data.model = draft.model;
  if (Object.keys(draft.modelParameters).length > 0) data.modelParameters = draft.modelParameters;
  data.messages = draft.messages;
  if (draft.vars && Object.keys(draft.vars).length > 0) data.vars = draft.vars;
  if (draft.assert.length > 0) data.assert = draft.assert.map(assertionData);
  if (draft.tests.length > 0) data.tests = draft.tests.map(testData);

  const doc = new Document(data);
  doc.commentBefore = draft.header.map((line) => ` ${line}`).join('\n');
  const root = doc.contents;
  if (isMap(root)) {
    if (draft.parametersComment) {
      // On the key, so the comment sits on its own line above `modelParameters:` (or `model:`).
      const key = root.has('modelParameters') ? 'modelParameters' : 'model';
      const pair = root.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair) setComment(pair.key, draft.parametersComment);
    }
    commentAssertions(root.get('assert', true), draft.assert);
    const tests = root.get('tests', true);
    if (isSeq(tests)) {
      draft.tests.forEach((test, index) => {
        const node = tests.items[index];
        if (test.comment) setComment(node, test.comment);
        if (isMap(node)) commentAssertions(node.get('assert', true), test.assert);
      });
    }
  }
  const body = doc.toString({ lineWidth: 0, minContentWidth: 0 });
  return `# yaml-language-server: $schema=https://raw.githubusercontent.com/promptgate/promptgate/v1/schema/promptgate.schema.json\n${body}`;
}

/** The problems promptgate's loader finds in a written text (warnings included). */
export function checkWritten(path: string, text: string): Problem[] {
  return loadSuite(path, text).problems;
}

function assertionData(assertion: DraftAssertion): Record<string, unknown> {
  if (assertion.threshold === undefined && assertion.name === undefined) {
    return { [assertion.type]: assertion.value === undefined ? true : assertion.value };
  }
  const long: Record<string, unknown> = { type: assertion.type };
  if (assertion.value !== undefined) long.value = assertion.value;
  if (assertion.threshold !== undefined) long.threshold = assertion.threshold;
  if (assertion.name !== undefined) long.name = assertion.name;
  return long;
}

function testData(test: DraftTest): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (test.name !== undefined) data.name = test.name;
  if (test.vars && Object.keys(test.vars).length > 0) data.vars = test.vars;
  if (test.assert.length > 0) data.assert = test.assert.map(assertionData);
  return data;
}

function commentAssertions(node: unknown, assertions: DraftAssertion[]): void {
  if (!isSeq(node)) return;
  assertions.forEach((assertion, index) => {
    if (assertion.comment) setComment(node.items[index], assertion.comment);
  });
}

function setComment(node: unknown, comment: string): void {
  if (isNode(node)) (node as Node).commentBefore = comment.split('\n').map((line) => ` ${line}`).join('\n');
}
