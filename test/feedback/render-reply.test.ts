import { describe, expect, it } from 'vitest';
import { changedLineRange, renderSuggestionReply, type CandidateVerdict, type SuggestOutcome, type TestCheck } from '../../src/suggest/index.js';
import type { RunReport, Status, TestResult } from '../../src/types.js';
import { MINIMAL_EDIT, MINIMAL_FIX_TEXT, SUPPORT_FILE, SUPPORT_PROMPT } from './support.js';
import { editLines, randomLines, seededRandom } from './random-texts.js';

function result(test: string, status: Status, samples = 1): TestResult {
  return {
    file: SUPPORT_FILE,
    suite: 'Support reply',
    test,
    testIndex: 0,
    line: 1,
    vars: {},
    status,
    pass: status === 'passed',
    flaky: false,
    passRate: status === 'passed' ? 1 : 0,
    minPassRate: 1,
    output: 'out',
    assertions: [],
    samples: Array.from({ length: samples }, (_, sample) => ({
      sample,
      status,
      output: 'out',
      assertions: [],
      latencyMs: 1,
      tokens: { prompt: 1, completion: 1, total: 2 },
      cached: false,
    })),
    latencyMs: 1,
    tokens: { prompt: 1, completion: 1, total: 2 },
  };
}

function report(...results: TestResult[]): RunReport {
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    summary: {
      total: results.length,
      passed,
      failed,
      errored: results.length - passed - failed,
      flaky: 0,
      passRate: 1,
      tokens: { prompt: 0, completion: 0, total: 0 },
      requests: 0,
      cacheHits: 0,
      durationMs: 1,
    },
    results,
  };
}

const BEFORE = report(result('refund window', 'failed'), result('greeting', 'passed'), result('shipping', 'passed', 3));
const AFTER = report(result('refund window', 'passed'), result('greeting', 'passed'), result('shipping', 'passed', 3));
const SPENT = { modelCalls: 7, ms: 1234, tokens: 321 };

function check(test: string, before: [number, number], after: [number, number], overrides: Partial<TestCheck> = {}): TestCheck {
  return {
    test,
    targeted: false,
    change: 'unchanged',
    before: { passed: before[0], samples: before[1] },
    after: { passed: after[0], samples: after[1] },
    passedBefore: before[0] === before[1],
    passesAfter: after[0] === after[1],
    minPassRate: 1,
    held: true,
    complete: true,
    ...overrides,
  };
}

/** What the comparison found for the minimal fix, as suggestEdit records it. */
const CHECKS: TestCheck[] = [
  check('refund window', [0, 8], [8, 8], { targeted: true, change: 'improvement', pValue: 0.000777 }),
  check('greeting', [4, 4], [4, 4]),
  check('shipping', [5, 5], [6, 6]),
];

function candidate(overrides: Partial<CandidateVerdict> = {}): CandidateVerdict {
  return {
    index: 0,
    rationale: 'State the refund window the tests expect.',
    edits: [MINIMAL_EDIT],
    newText: MINIMAL_FIX_TEXT,
    verified: true,
    reasons: [],
    after: AFTER,
    checks: CHECKS,
    passed: 3,
    editSize: 58,
    ...overrides,
  };
}

function verified(chosen: CandidateVerdict, text: string | undefined = SUPPORT_PROMPT): SuggestOutcome {
  const outcome: SuggestOutcome = { kind: 'verified', chosen, candidates: [chosen], before: BEFORE, spent: SPENT };
  if (text !== undefined) outcome.originalText = text;
  return outcome;
}

/** What GitHub's "Commit suggestion" does: the block's lines replace lines start..end (files ending in a newline). */
function commitSuggestion(oldText: string, start: number, end: number, reply: string): string {
  const match = /^(`{3,})suggestion\n([\s\S]*?)^\1$/m.exec(reply);
  if (!match) throw new Error(`no suggestion block in:\n${reply}`);
  const content = match[2] === '' ? [] : match[2]!.replace(/\n$/, '').split('\n');
  const lines = oldText.replace(/\n$/, '').split('\n');
  return [...lines.slice(0, start - 1), ...content, ...lines.slice(end)].join('\n') + '\n';
}

describe('renderSuggestionReply: verified', () => {
  it('renders the suggestion, why, the before/after table, the kept assertion and the spend', () => {
    const chosen = candidate({ assertion: { kept: true, yaml: '- icontains: 30 days', reason: 'it tells them apart', test: 'refund window' } });
    const reply = renderSuggestionReply(verified(chosen), { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 6, endLine: 6 } });
    expect(reply).toBe(
      [
        '**promptgate** suggests this edit to `prompts/support.prompt.yaml`. ✅ **Verified** side by side with the file as it is, every test sampled on both:',
        '- targeted test "refund window": 0/8 → 8/8 (improvement, p &lt; 0.001)',
        '- no regression among 2 other tests (each ≥ 4 samples a side)',
        '',
        "Regressions and improvements are called by Fisher's exact test on the pass counts, at a 5% false-alarm rate.",
        '',
        '```suggestion',
        '      You are the support assistant for Acme Outfitters.',
        '      Refunds: customers may return items within 30 days.',
        '```',
        '',
        '**Why:** State the refund window the tests expect.',
        '',
        '| test | before | after | verdict |',
        '| --- | --- | --- | --- |',
        '| refund window (targeted) | ❌ 0/8 | ✅ 8/8 | improvement (p < 0.001) |',
        '| greeting | ✅ 4/4 | ✅ 4/4 | unchanged |',
        '| shipping | ✅ 5/5 | ✅ 6/6 | unchanged |',
        '',
        "To keep the critique from coming back, add this assertion under test `refund window`'s `assert:`. It fails on the old output and passes on the new one:",
        '',
        '```yaml',
        '- icontains: 30 days',
        '```',
        '',
        '<sub>Spent 7 model calls, 1.2s, 321 tokens · 1 candidate checked · candidate 1 chosen</sub>',
      ].join('\n'),
    );
    expect(commitSuggestion(SUPPORT_PROMPT, 6, 6, reply)).toBe(MINIMAL_FIX_TEXT);
  });

  it('fills a wider range than the edit with the unchanged lines, so committing it still gives the verified file', () => {
    const reply = renderSuggestionReply(verified(candidate()), { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 4, endLine: 9 } });
    expect(commitSuggestion(SUPPORT_PROMPT, 4, 9, reply)).toBe(MINIMAL_FIX_TEXT);
  });

  it('gives a suggestion that reproduces the verified file for many random edits, at the range changedLineRange picks', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const before = randomLines(random);
      const oldText = before.join('\n') + '\n';
      const newText = editLines(random, before).join('\n') + '\n';
      const range = changedLineRange(oldText, newText);
      const reply = renderSuggestionReply(verified(candidate({ newText }), oldText), {
        file: 'f.prompt.yaml',
        placement: { kind: 'suggestion', startLine: range.start, endLine: range.end },
      });
      expect(commitSuggestion(oldText, range.start, range.end, reply), `round ${round}`).toBe(newText);
    }
  });

  it('sizes the fence to the backticks inside the new lines', () => {
    const reply = renderSuggestionReply(verified(candidate({ newText: 'a\n```js\n' }), 'a\nb\n'), {
      file: 'f',
      placement: { kind: 'suggestion', startLine: 2, endLine: 2 },
    });
    expect(reply).toContain('\n````suggestion\n```js\n````\n');
  });

  it('falls back to a diff when the range does not cover the edit', () => {
    const reply = renderSuggestionReply(verified(candidate()), { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 1, endLine: 2 } });
    expect(reply).not.toContain('```suggestion');
    expect(reply).toContain('```diff\n--- a/prompts/support.prompt.yaml\n+++ b/prompts/support.prompt.yaml\n@@ -4,6 +4,7 @@\n');
    expect(reply).toContain('(Shown as a diff: the edit reaches outside lines 1-2.)');
  });

  it('never offers an edit with hidden characters for committing: it shows them escaped in a diff', () => {
    // "Trojan source": the override makes the line read "… 30 days." while it holds something else.
    const newText = SUPPORT_PROMPT.replace('Answer in one short sentence.', 'Answer in one short sentence. \u202Eyad 03\u202C\u001b[8m');
    const reply = renderSuggestionReply(verified(candidate({ newText })), { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 7, endLine: 7 } });
    expect(reply).not.toContain('```suggestion');
    expect(reply).toContain('\n+      Answer in one short sentence. \\u202eyad 03\\u202c\\x1b[8m\n');
    expect(reply).toContain('(Shown as a diff: the new lines hold control or bidirectional-text characters.)');
    expect(reply).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
  });

  it('renders a diff with how to apply it when asked for one', () => {
    const reply = renderSuggestionReply(verified(candidate()), { file: SUPPORT_FILE, placement: { kind: 'diff' } });
    expect(reply).toContain(
      [
        '```diff',
        '--- a/prompts/support.prompt.yaml',
        '+++ b/prompts/support.prompt.yaml',
        '@@ -4,6 +4,7 @@',
        '   - role: system',
        '     content: |',
        '       You are the support assistant for Acme Outfitters.',
        '+      Refunds: customers may return items within 30 days.',
        '       Answer in one short sentence.',
        '   - role: user',
        '     content: "{{question}}"',
        '```',
        'Apply it with `git apply` (save the block as a `.patch` file first), or make the change by hand.',
      ].join('\n'),
    );
  });

  it('works out the original text from the edits when the outcome does not carry it', () => {
    const reply = renderSuggestionReply(verified(candidate(), undefined), { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 6, endLine: 6 } });
    expect(commitSuggestion(SUPPORT_PROMPT, 6, 6, reply)).toBe(MINIMAL_FIX_TEXT);
  });

  it('neutralises what the model wrote and escapes test names for the table', () => {
    const outcome = verified(candidate({ rationale: '@octocat see <script>alert(1)</script> and [this](https://evil.example) #12' }));
    if (outcome.kind !== 'verified') throw new Error('unreachable');
    outcome.chosen.checks = [check('a | b *@octocat*', [0, 8], [8, 8], { targeted: true, change: 'improvement', pValue: 0.0004 })];
    const reply = renderSuggestionReply(outcome, { file: SUPPORT_FILE, placement: { kind: 'diff' } });
    expect(reply).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reply).not.toContain('<script>');
    expect(reply).not.toContain('@octocat');
    expect(reply).not.toContain('](https://');
    expect(reply).toContain('- targeted test "a | b \\*@\u200Doctocat\\*": 0/8 → 8/8 (improvement, p &lt; 0.001)');
    expect(reply).toContain('| a \\| b \\*@\u200Doctocat\\* (targeted) | ❌ 0/8 | ✅ 8/8 | improvement (p < 0.001) |');
  });

  it('stays under maxChars: an edit too long to show becomes a note, never a cut-off suggestion', () => {
    const longLine = `      ${'x'.repeat(2000)}\n`;
    const newText = SUPPORT_PROMPT.replace('      Answer in one short sentence.\n', longLine.repeat(10));
    const reply = renderSuggestionReply(verified(candidate({ newText })), {
      file: SUPPORT_FILE,
      placement: { kind: 'suggestion', startLine: 7, endLine: 7 },
      maxChars: 5000,
    });
    expect(reply.length).toBeLessThanOrEqual(5000);
    expect(reply).not.toContain('```suggestion');
    expect(reply).toContain('The edit is too long to show in a comment; run `promptgate suggest` on this file to see it.');
    expect(reply).toContain('| refund window (targeted) | ❌ 0/8 | ✅ 8/8 | improvement (p < 0.001) |');
  });

  it('says how a targeted test that passed before was shown to pass, and names the other tests that were inconclusive or improved', () => {
    const checks = [
      check('greeting', [4, 4], [8, 8], { targeted: true }),
      check('tone', [7, 8], [15, 16], { targeted: true, minPassRate: 0.8 }),
      check('refund window', [0, 4], [4, 4]),
      check('shipping', [8, 8], [5, 8], { change: 'inconclusive', pValue: 0.0712, passesAfter: false }),
      check('returns', [0, 8], [8, 8], { change: 'improvement', pValue: 0.00078 }),
    ];
    const reply = renderSuggestionReply(verified(candidate({ checks })), { file: SUPPORT_FILE, placement: { kind: 'diff' } });
    expect(reply).toContain(
      [
        '- targeted test "greeting": 4/4 → 8/8 (it passed before; after the edit it passes all 8 samples; unchanged)',
        '- targeted test "tone": 7/8 → 15/16 (it passed before; after the edit it passes 15 of 16 samples, at least its 80%; unchanged)',
        '- no regression among 3 other tests (each ≥ 4 samples a side); inconclusive: "shipping" 8/8 → 5/8 (p = 0.071); improved: "returns" 0/8 → 8/8 (p &lt; 0.001)',
      ].join('\n'),
    );
    expect(reply).toContain('| shipping | ✅ 8/8 | ❌ 5/8 | inconclusive (p = 0.071) |');
  });

  it('claims no more than "verified" for an outcome that records no checks, with the plain before/after table', () => {
    const reply = renderSuggestionReply(verified(candidate({ checks: undefined })), { file: SUPPORT_FILE, placement: { kind: 'diff' } });
    expect(reply).toMatch(/^\*\*promptgate\*\* suggests this edit to `prompts\/support\.prompt\.yaml`\. ✅ \*\*Verified\.\*\*\n/);
    expect(reply).toContain('| shipping | ✅ passed (3/3) | ✅ passed (3/3) |');
  });
});

describe('renderSuggestionReply: unverified and failed', () => {
  it('says plainly that nothing was verified, and shows the closest attempt as a diff with what it breaks', () => {
    const best = candidate({
      index: 1,
      verified: false,
      reasons: ['test "greeting" got worse: 8/8 → 0/8 (regression, p < 0.001): expected at most 12 words, got 21 (@octocat)'],
      after: report(result('refund window', 'passed'), result('greeting', 'failed'), result('shipping', 'passed', 3)),
      checks: [
        CHECKS[0]!,
        check('greeting', [8, 8], [0, 8], { change: 'regression', pValue: 0.00078, held: false, reason: 'test "greeting" got worse' }),
        CHECKS[2]!,
      ],
    });
    const first = candidate({ verified: false, newText: undefined, after: undefined, reasons: ['find text not in the file: "Answer in two sentences."'] });
    const outcome: SuggestOutcome = {
      kind: 'unverified',
      best,
      candidates: [first, best],
      before: BEFORE,
      spent: SPENT,
      reason: 'No candidate passed verification (2 checked).',
      originalText: SUPPORT_PROMPT,
    };
    const reply = renderSuggestionReply(outcome, { file: SUPPORT_FILE, placement: { kind: 'suggestion', startLine: 6, endLine: 6 } });
    expect(reply).toMatch(/^\*\*promptgate\*\* could not verify an edit to `prompts\/support\.prompt\.yaml`\. ❌ \*\*No candidate passed verification\*\*/);
    expect(reply).not.toContain('```suggestion');
    expect(reply).not.toContain('✅ **Verified');
    expect(reply).toContain('The closest attempt was candidate 2 (**not verified**; do not apply it as it is):\n\n```diff\n');
    expect(reply).toContain(
      'It fails verification because:\n- test "greeting" got worse: 8/8 → 0/8 (regression, p &lt; 0.001): expected at most 12 words, got 21 (@\u200Doctocat)',
    );
    expect(reply).toContain('| greeting | ✅ 8/8 | ❌ 0/8 | regression (p < 0.001) |');
    expect(reply).toContain('Candidates checked:\n1. find text not in the file: "Answer in two sentences."\n2. test "greeting" got worse: 8/8 → 0/8');
    expect(reply).toContain('<sub>Spent 7 model calls, 1.2s, 321 tokens · 2 candidates checked</sub>');
  });

  it('renders a failure as one sentence', () => {
    const outcome: SuggestOutcome = { kind: 'failed', reason: "the editor's answer is not JSON (Unexpected token 'S')", spent: SPENT, cause: 'editor' };
    expect(renderSuggestionReply(outcome, { file: SUPPORT_FILE, placement: { kind: 'diff' } })).toBe(
      "**promptgate** could not suggest an edit to `prompts/support.prompt.yaml`: the editor's answer is not JSON (Unexpected token 'S').",
    );
  });
});
