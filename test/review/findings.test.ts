import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { parsePatch } from '../../src/review/diff.js';
import type { ParsedPatch } from '../../src/review/diff.js';
import { planFindings, stillFailing } from '../../src/review/findings.js';
import type { TestResult } from '../../src/types.js';
import { fail, pass, result } from './helpers.js';
import { SUPPORT_FILE, supportSuite } from './suite-fixture.js';

// The fixture's two tests, failing: "refund window" (lines 18–23) on its own `contains` (line 22),
// "greeting" (lines 24–28) on the file-level `not-icontains` (line 16).
function refundWindow(overrides: Partial<TestResult> = {}): TestResult {
  return result(
    SUPPORT_FILE,
    'refund window',
    [pass('max-words', { line: 15 }), pass('not-icontains', { line: 16 }), fail('contains', 'expected output to contain "30 days"', { line: 22 }), pass('icontains-any', { line: 23 })],
    { line: 18, testIndex: 0, vars: { shop: 'Acme', question: 'Can I get my money back?' }, ...overrides },
  );
}

function greeting(overrides: Partial<TestResult> = {}): TestResult {
  return result(
    SUPPORT_FILE,
    'greeting',
    [pass('max-words', { line: 15 }), fail('not-icontains', 'expected output not to contain "as an ai"', { line: 16 }), pass('max-length', { line: 28 })],
    { line: 24, testIndex: 1, vars: { shop: 'Acme', question: 'Hi!' }, ...overrides },
  );
}

const regression = (head: TestResult): ComparedTest => ({ file: head.file, test: head.test, change: 'regression', head });

function anchorsFor(patch: string | undefined, heads: TestResult[] = [refundWindow(), greeting()]): unknown[] {
  const patches = new Map<string, ParsedPatch | undefined>([[SUPPORT_FILE, patch === undefined ? undefined : parsePatch(patch)]]);
  return planFindings(heads.map(regression), new Map([[SUPPORT_FILE, supportSuite()]]), patches).map((f) => [f.compared.test, f.anchor, f.anchorReason]);
}

describe('planFindings anchors', () => {
  it('rule 1: the test block changed → a range over its changed lines', () => {
    const patch = [
      '@@ -19,7 +19,8 @@ tests:',
      '     vars:',
      '       question: Can I get my money back?',
      '     assert:',
      '-      - contains: "30"',
      '+      - contains: "30 days"',
      '+      - icontains-any: [refund, money back]',
      '   - name: greeting',
      '     vars:',
      '       question: Hi!',
    ].join('\n');
    expect(anchorsFor(patch)).toEqual([
      ['refund window', { kind: 'line', path: SUPPORT_FILE, line: 23, startLine: 22 }, 'test-changed'],
      // greeting's lines are only context here, and nothing else it depends on changed.
      ['greeting', { kind: 'file', path: SUPPORT_FILE }, 'file-in-pr'],
    ]);
  });

  it('rule 1: changed lines joined by context lines make one range', () => {
    const patch = [
      '@@ -18,6 +18,6 @@ tests:',
      '-  - name: refund',
      '+  - name: refund window',
      '     vars:',
      '       question: Can I get my money back?',
      '     assert:',
      '-      - contains: "30"',
      '+      - contains: "30 days"',
      '       - icontains-any: [refund, money back]',
    ].join('\n');
    expect(anchorsFor(patch, [refundWindow()])).toEqual([['refund window', { kind: 'line', path: SUPPORT_FILE, line: 22, startLine: 18 }, 'test-changed']]);
  });

  it('rule 1: separate edits in the test → the one holding the failing assertion, as a single line', () => {
    // Zero-context hunks: lines 19–21 are not in the diff, so 18 and 22 cannot share a range.
    const patch = ['@@ -18 +18 @@', '-  - name: refund', '+  - name: refund window', '@@ -22 +22 @@', '-      - contains: "30"', '+      - contains: "30 days"'].join('\n');
    expect(anchorsFor(patch, [refundWindow()])).toEqual([['refund window', { kind: 'line', path: SUPPORT_FILE, line: 22 }, 'test-changed']]);
    // When the failing assertion's line was not edited, the first edit is used.
    const failingIcontains = refundWindow({
      assertions: [pass('contains', { line: 22 }), fail('icontains-any', 'expected output to contain one of refund, money back', { line: 23 })],
    });
    expect(anchorsFor(patch, [failingIcontains])).toEqual([['refund window', { kind: 'line', path: SUPPORT_FILE, line: 18 }, 'test-changed']]);
  });

  it('rule 2a: a changed message line, preferring a message that uses one of the test’s vars', () => {
    // Line 9 (developer, no placeholder) and line 11 (user, uses {{question}}) both changed.
    const patch = [
      '@@ -8,4 +8,4 @@ messages:',
      '   - role: developer',
      '-    content: Never promise a refund.',
      '+    content: Never promise a refund outside the policy.',
      '   - role: user',
      '-    content: "{{question}}?"',
      '+    content: "{{question}}"',
    ].join('\n');
    expect(anchorsFor(patch)).toEqual([
      ['refund window', { kind: 'line', path: SUPPORT_FILE, line: 11 }, 'message-changed'],
      ['greeting', { kind: 'line', path: SUPPORT_FILE, line: 11 }, 'message-changed'],
    ]);
  });

  it('rule 2a: without a changed message that uses the test’s vars, the first changed message line', () => {
    const patch = ['@@ -8,3 +8,3 @@ messages:', '   - role: developer', '-    content: Never promise a refund.', '+    content: Never promise a refund outside the policy.', '   - role: user'].join('\n');
    expect(anchorsFor(patch, [refundWindow()])).toEqual([['refund window', { kind: 'line', path: SUPPORT_FILE, line: 9 }, 'message-changed']]);
  });

  it('rule 2a: the system message uses a file var every test sets, so it is preferred over the developer one', () => {
    const patch = [
      '@@ -6,4 +6,4 @@ messages:',
      '       You are a support assistant for {{shop}}.',
      '-      Be short.',
      '+      Be brief.',
      '   - role: developer',
      '-    content: Never promise a refund.',
      '+    content: Never promise a refund outside the policy.',
    ].join('\n');
    expect(anchorsFor(patch, [greeting()])).toEqual([['greeting', { kind: 'line', path: SUPPORT_FILE, line: 7 }, 'message-changed']]);
  });

  it('rule 2b: a changed file-level assertion, the failing one first', () => {
    const patch = ['@@ -14,4 +14,4 @@ vars:', ' assert:', '-  - max-words: 100', '-  - not-icontains: "as an AI"', '+  - max-words: 80', '+  - not-icontains: "as an ai"', ' tests:'].join('\n');
    expect(anchorsFor(patch)).toEqual([
      // refund window fails on its own assertion: the first changed file-level assertion line.
      ['refund window', { kind: 'line', path: SUPPORT_FILE, line: 15 }, 'file-assertion-changed'],
      // greeting fails on not-icontains (line 16).
      ['greeting', { kind: 'line', path: SUPPORT_FILE, line: 16 }, 'file-assertion-changed'],
    ]);
  });

  it('rule 2c: a changed file-level var or model line', () => {
    const patch = ['@@ -12,3 +12,3 @@ messages:', ' vars:', '-  shop: Acme Inc', '+  shop: Acme', ' assert:'].join('\n');
    expect(anchorsFor(patch, [greeting()])).toEqual([['greeting', { kind: 'line', path: SUPPORT_FILE, line: 13 }, 'file-setting-changed']]);
    const model = ['@@ -1,3 +1,3 @@', ' name: Support', '-model: gpt-4o', '+model: gpt-4o-mini', ' messages:'].join('\n');
    expect(anchorsFor(model, [greeting()])).toEqual([['greeting', { kind: 'line', path: SUPPORT_FILE, line: 2 }, 'file-setting-changed']]);
  });

  it('rule 3: only another test changed → a file-level comment', () => {
    const patch = ['@@ -25,4 +25,4 @@', '     vars:', '-      question: Hello!', '+      question: Hi!', '     assert:', '       - max-length: 300'].join('\n');
    expect(anchorsFor(patch, [refundWindow()])).toEqual([['refund window', { kind: 'file', path: SUPPORT_FILE }, 'file-in-pr']]);
  });

  it('rule 3: lines removed from the test leave nothing added to point at → file-level', () => {
    const patch = ['@@ -22,3 +22,2 @@', '       - contains: "30 days"', '-      - not-contains: "sorry"', '       - icontains-any: [refund, money back]'].join('\n');
    expect(anchorsFor(patch, [refundWindow()])).toEqual([['refund window', { kind: 'file', path: SUPPORT_FILE }, 'file-in-pr']]);
  });

  it('rule 3: a file in the PR without a patch (binary or too large) → file-level', () => {
    expect(anchorsFor(undefined, [refundWindow()])).toEqual([['refund window', { kind: 'file', path: SUPPORT_FILE }, 'no-patch']]);
  });

  it('rule 4: a file the PR does not touch → the review body', () => {
    const findings = planFindings([regression(refundWindow())], new Map([[SUPPORT_FILE, supportSuite()]]), new Map());
    expect(findings.map((f) => [f.anchor, f.anchorReason])).toEqual([[{ kind: 'body' }, 'not-in-pr']]);
  });

  it('without the suite (it could not be loaded), a file in the PR gets a file-level comment', () => {
    const patches = new Map([[SUPPORT_FILE, parsePatch('@@ -22 +22 @@\n-a\n+b')]]);
    const findings = planFindings([regression(refundWindow())], new Map(), patches);
    expect(findings.map((f) => f.anchor)).toEqual([{ kind: 'file', path: SUPPORT_FILE }]);
  });
});

describe('planFindings selection and order', () => {
  const file = (name: string, line: number, change: ComparedTest['change']): ComparedTest => {
    const head = result(name, `test on ${line}`, [fail('contains', 'missing')], { line });
    return { file: name, test: head.test, change, head };
  };

  it('regressions, then new failures; by file then line; nothing for still failing, inconclusive, errored, improved or passing', () => {
    const compared = [
      file('b.prompt.yaml', 3, 'still-failing'),
      file('b.prompt.yaml', 9, 'regression'),
      file('a.prompt.yaml', 20, 'new-failing'),
      file('a.prompt.yaml', 4, 'errored'),
      file('a.prompt.yaml', 5, 'improved'),
      file('a.prompt.yaml', 6, 'passing'),
      file('a.prompt.yaml', 7, 'inconclusive'),
      file('b.prompt.yaml', 1, 'regression'),
      file('a.prompt.yaml', 30, 'regression'),
      file('a.prompt.yaml', 2, 'new-failing'),
    ];
    const findings = planFindings(compared, new Map(), new Map());
    expect(findings.map((f) => `${f.compared.change} ${f.compared.file}:${f.compared.head.line}`)).toEqual([
      'regression a.prompt.yaml:30',
      'regression b.prompt.yaml:1',
      'regression b.prompt.yaml:9',
      'new-failing a.prompt.yaml:2',
      'new-failing a.prompt.yaml:20',
    ]);
  });
});

describe('stillFailing', () => {
  const entry = (test: string, change: ComparedTest['change'], failed: boolean): ComparedTest => {
    const head = result('a.prompt.yaml', test, failed ? [fail('contains', 'missing')] : [pass('contains')]);
    return { file: head.file, test, change, head };
  };

  it('holds the fingerprints of tests that fail without a finding, as a finding of theirs would have had them', () => {
    const stillFails = entry('tone', 'still-failing', true);
    const undecidedFails = entry('length', 'inconclusive', true);
    const prints = stillFailing(
      [stillFails, undecidedFails, entry('undecided, passing', 'inconclusive', false), entry('better', 'improved', true), entry('new', 'new-failing', true), entry('worse', 'regression', true)],
      new Map(),
    );
    // The fingerprint a comment posted when the test was a finding carries: same file, test and failing assertions.
    const asFinding = (compared: ComparedTest) => planFindings([{ ...compared, change: 'regression' }], new Map(), new Map())[0]!.fingerprint;
    expect(prints).toEqual(new Set([asFinding(stillFails), asFinding(undecidedFails)]));
  });
});
