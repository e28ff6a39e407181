// Where a finding's comment goes. GitHub rejects a whole review (422, without naming the comment)
// when one line anchor lies outside the diff, so a line is only ever chosen from `patch.right`, and
// the choice falls back from precise to safe:
//
// 1. The test's own lines changed → this PR touched the test itself: point at the changed part of
//    the test block (a range when the changed lines are joined by diff lines within one hunk).
// 2. Otherwise the prompt lines that most plausibly caused the failure:
//    a. a changed line inside the messages — first in a message that uses a placeholder the test
//       sets (that message is what this test's input flows through), else the first changed one;
//    b. a changed line of a file-level assertion — first one that failed for this test;
//    c. any other changed line outside the tests (file-level vars, model, parameters): these apply
//       to every test. Lines between tests are not used: they belong to no test.
//    Changes inside OTHER tests are never blamed: they cannot affect this one.
// 3. Nothing usable, but the file is in the PR (even when GitHub sent no patch because the file is
//    binary or too large) → a file-level comment.
// 4. The file is not in the PR at all (it failed because of something else) → the review body.
import type { Assertion, MessageTemplate, Span, Suite, TestDefinition, TestResult } from '../types.js';
import { findPlaceholders, lookupVar } from '../template.js';
import type { ParsedPatch } from './diff.js';
import { hunkOf } from './diff.js';

export type Anchor =
  | { kind: 'line'; path: string; line: number; startLine?: number } // side is always RIGHT
  | { kind: 'file'; path: string } // file-level review comment (subject_type: file)
  | { kind: 'body' }; // nowhere in the diff: goes in the review body

/** Which rule placed the anchor; lets a comment say why it sits where it does. */
export type AnchorReason =
  | 'test-changed'
  | 'message-changed'
  | 'file-assertion-changed'
  | 'file-setting-changed'
  | 'file-in-pr'
  | 'no-patch'
  | 'not-in-pr';

export interface AnchorChoice {
  anchor: Anchor;
  reason: AnchorReason;
}

export function chooseAnchor(
  head: TestResult,
  suite: Suite | undefined,
  definition: TestDefinition | undefined,
  patches: Map<string, ParsedPatch | undefined>,
): AnchorChoice {
  const path = head.file;
  if (!patches.has(path)) return { anchor: { kind: 'body' }, reason: 'not-in-pr' };
  const patch = patches.get(path);
  if (!patch) return { anchor: { kind: 'file', path }, reason: 'no-patch' };

  const choice = (definition ? testBlockAnchor(path, head, definition, patch) : undefined) ?? (suite ? causeAnchor(path, head, suite, patch) : undefined);
  // Belt and braces: a line anchor that is not entirely in the diff would sink the whole review.
  if (choice && choice.anchor.kind === 'line' && isInDiff(choice.anchor, patch)) return choice;
  return { anchor: { kind: 'file', path }, reason: 'file-in-pr' };
}

/** Every line the anchor covers is a RIGHT-side diff line, all in one hunk. */
export function isInDiff(anchor: { line: number; startLine?: number }, patch: ParsedPatch): boolean {
  const start = anchor.startLine ?? anchor.line;
  if (start > anchor.line) return false;
  const hunk = hunkOf(patch, anchor.line);
  for (let line = start; line <= anchor.line; line++) {
    if (!patch.right.has(line)) return false;
    if (patch.hunks && hunkOf(patch, line) !== hunk) return false;
  }
  return true;
}

function testBlockAnchor(path: string, head: TestResult, definition: TestDefinition, patch: ParsedPatch): AnchorChoice | undefined {
  if (!definition.span) return undefined;
  const changed = changedLinesIn(definition.span, patch);
  if (changed.length === 0) return undefined;

  // Changed lines joined by diff lines (context counts: GitHub shows it) make one range.
  const groups: number[][] = [];
  for (const line of changed) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    if (group && previous !== undefined && isInDiff({ startLine: previous, line }, patch)) group.push(line);
    else groups.push([line]);
  }
  // Of several separate edits in the test, the one holding a failing assertion says most.
  const failingLines = head.assertions.filter((a) => !a.pass && !a.skipped && a.line !== undefined).map((a) => a.line!);
  const group = groups.find((g) => failingLines.some((line) => g[0]! <= line && line <= g.at(-1)!)) ?? groups[0]!;
  return { anchor: lineAnchor(path, group[0]!, group.at(-1)!), reason: 'test-changed' };
}

function causeAnchor(path: string, head: TestResult, suite: Suite, patch: ParsedPatch): AnchorChoice | undefined {
  const inMessages = (messages: MessageTemplate[]): number | undefined => messages.flatMap((m) => changedLinesIn(m.span, patch))[0];
  const usesTestVar = (message: MessageTemplate): boolean =>
    findPlaceholders(message.content).some((placeholder) => lookupVar(head.vars, placeholder.path).found);
  const messageLine = inMessages(suite.messages.filter(usesTestVar)) ?? inMessages(suite.messages);
  if (messageLine !== undefined) return { anchor: lineAnchor(path, messageLine, messageLine), reason: 'message-changed' };

  const testSpans = suite.tests.flatMap((test) => (test.span ? [test.span] : []));
  const fileAssertions = uniqueBySpan(suite.tests.flatMap((test) => test.assert)).filter(
    (assertion) => assertion.span && !testSpans.some((span) => contains(span, assertion.span!)),
  );
  const failingLines = new Set(head.assertions.filter((a) => !a.pass && !a.skipped && a.line !== undefined).map((a) => a.line!));
  const assertionLine = (assertions: Assertion[]): number | undefined => assertions.flatMap((a) => changedLinesIn(a.span!, patch))[0];
  const fileAssertionLine =
    assertionLine(fileAssertions.filter((a) => failingLines.has(a.span!.start.line))) ?? assertionLine(fileAssertions);
  if (fileAssertionLine !== undefined) {
    return { anchor: lineAnchor(path, fileAssertionLine, fileAssertionLine), reason: 'file-assertion-changed' };
  }

  const firstTestLine = Math.min(...testSpans.map((span) => span.start.line));
  const lastTestLine = Math.max(...testSpans.map((span) => span.end.line));
  const settingLine = [...patch.added].sort((a, b) => a - b).find((line) => line < firstTestLine || line > lastTestLine);
  if (settingLine !== undefined) return { anchor: lineAnchor(path, settingLine, settingLine), reason: 'file-setting-changed' };
  return undefined;
}

function lineAnchor(path: string, startLine: number, line: number): Anchor {
  // GitHub wants start_line only when it differs from line.
  return startLine === line ? { kind: 'line', path, line } : { kind: 'line', path, line, startLine };
}

/** Added lines within a span, ascending. */
function changedLinesIn(span: Span, patch: ParsedPatch): number[] {
  const lines: number[] = [];
  for (let line = span.start.line; line <= span.end.line; line++) if (patch.added.has(line)) lines.push(line);
  return lines;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start.line <= inner.start.line && inner.end.line <= outer.end.line;
}

/** File-level assertions are repeated in every test's list; one copy each is enough. */
function uniqueBySpan(assertions: Assertion[]): Assertion[] {
  const seen = new Set<string>();
  return assertions.filter((assertion) => {
    if (!assertion.span) return false;
    const key = `${assertion.span.start.line}:${assertion.span.start.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
