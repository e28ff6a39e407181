import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSuggestionReply, suggestEdit, type CandidateVerdict, type SuggestOutcome } from '../../src/suggest/index.js';
import { formatSuggestOutcome } from '../../src/suggest/console-report.js';
import { startModelServer, type ModelServer, type ScriptRule } from '../support/model-server.js';
import { BE_BRIEF, README_CRITIQUE, README_FILE, README_PROMPT, STATE_REFUND_POLICY, editorAnswer, engineFor, readmeModelRule } from './support.js';

// Issue 13, defect 6: the README's own example. "refund window" already passes before the edit, so
// its passing after shows only that nothing broke; "Be brief." must not be called verified for
// "Too long, and it forgets the refund policy" unless something tests the critique.

/** Editors told apart by model name, so the critique stays the README's, verbatim. */
function editor(model: string, reply: string): ScriptRule {
  return { match: (request) => request.body.model === model, reply };
}

const rules = [
  readmeModelRule,
  editor(
    'editor-brief',
    editorAnswer(
      { edits: [BE_BRIEF], rationale: 'Shorter answers.', assertion: null },
      // Passes on the long answer (65 words) as on the short one: it tells nothing apart.
      { edits: [BE_BRIEF], rationale: 'Shorter answers, capped.', assertion: { 'max-words': 100 } },
    ),
  ),
  editor(
    'editor-refund',
    editorAnswer(
      { edits: [BE_BRIEF], rationale: 'Shorter answers.', assertion: null },
      { edits: [STATE_REFUND_POLICY], rationale: 'Shorter, and states the refund policy.', assertion: { icontains: 'refund' } },
    ),
  ),
  editor('editor-short', editorAnswer({ edits: [BE_BRIEF], rationale: 'Shorter answers.', assertion: { 'max-words': 40 } })),
];

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ rules });
});
afterAll(() => server.close());
beforeEach(() => server.resetStats());

function suggest(editorModel: string): Promise<SuggestOutcome> {
  return suggestEdit({ file: README_FILE, text: README_PROMPT, critique: README_CRITIQUE, targetTests: ['refund window'] }, engineFor(server.url, { editorModel }));
}

function expectKind<K extends SuggestOutcome['kind']>(outcome: SuggestOutcome, kind: K): Extract<SuggestOutcome, { kind: K }> {
  expect(outcome.kind, outcome.kind === 'failed' ? outcome.reason : JSON.stringify(outcome.candidates.map((candidate) => candidate.reasons))).toBe(kind);
  return outcome as Extract<SuggestOutcome, { kind: K }>;
}

function counts(candidate: CandidateVerdict | undefined): Record<string, string> {
  return Object.fromEntries((candidate?.checks ?? []).map((check) => [check.test, `${check.before.passed}/${check.before.samples} → ${check.after.passed}/${check.after.samples} ${check.change}`]));
}

describe('suggestEdit: an edit the targeted test cannot tell from the file as it is', () => {
  it('is safe but not verified when nothing tests the critique: no assertion, or one that passes before and after', async () => {
    const outcome = expectKind(await suggest('editor-brief'), 'unverified');
    const [bare, capped] = outcome.candidates;
    expect(bare).toMatchObject({ safe: true, verified: false });
    expect(bare!.critique?.by).toBeUndefined();
    expect(counts(bare)).toEqual({ 'refund window': '4/4 → 8/8 unchanged', shipping: '4/4 → 4/4 unchanged' });
    expect(bare!.reasons).toEqual([
      'not shown to address the critique: targeted test "refund window" passed before the edit, so its passing after it shows only that nothing broke, ' +
        'and the candidate proposed no assertion that captures the critique',
    ]);
    expect(capped).toMatchObject({ safe: true, verified: false });
    expect(capped!.reasons).toEqual([
      'not shown to address the critique: targeted test "refund window" passed before the edit, so its passing after it shows only that nothing broke, ' +
        'and its proposed assertion { max-words: 100 } is no evidence: it does not tell the old prompt from the new: it already passes on the old output of "refund window" (8/8 → 8/8)',
    ]);
    // The safe edit is still the one shown, first among the attempts.
    expect(outcome.best?.index).toBe(0);
    expect(outcome.reason).toBe(
      'No candidate is shown to address the critique (2 checked); candidate 1 breaks no test, but it is not shown to address the critique: ' +
        'targeted test "refund window" passed before the edit, so its passing after it shows only that nothing broke, and the candidate proposed no assertion that captures the critique.',
    );
    // Before: 2 tests × 4. Editor: 1. The first candidate: 2 × 4 on its side, then 4 more of "refund window"
    // for the evidence rule. The second makes the same edit (its side comes from the cache), and its
    // assertion is judged on 8 samples before the edit too: 4 more of the file as it is.
    expect(outcome.spent.modelCalls).toBe(8 + 1 + 12 + 4);
  });

  it('says so in the answer instead of "Verified", shows the safe edit as a diff, and offers nothing to commit', async () => {
    const outcome = expectKind(await suggest('editor-brief'), 'unverified');
    const reply = renderSuggestionReply(outcome, { file: README_FILE, placement: { kind: 'suggestion', startLine: 6, endLine: 6 } });
    // Nothing claims verification, and nothing can be committed in one click.
    expect(reply).not.toContain('Verified');
    expect(reply).not.toContain('```suggestion');
    expect(reply).toContain(
      [
        '**promptgate** found an edit to `prompts/support-reply.prompt.yaml` that breaks no test, but ⚠️ **nothing shows it addresses the critique**, ' +
          'so it is not verified and nothing is offered for committing. What was checked, side by side with the file as it is:',
        '- targeted test "refund window": 4/4 → 8/8 (it passed before; after the edit it passes all 8 samples; unchanged)',
        '- no regression among 1 other test (≥ 4 samples a side)',
        '- not shown to address the critique: targeted test "refund window" passed before the edit, so its passing after it shows only that nothing broke, ' +
          'and the candidate proposed no assertion that captures the critique',
      ].join('\n'),
    );
    expect(reply).toContain('Candidate 1 (**not verified**; apply it only if you have checked yourself that it answers the critique):\n\n```diff\n');
    expect(reply).toContain('+      Be brief.');
    expect(reply).toContain('add to a targeted test an assertion that fails on the current output for what the critique asks');

    const terminal = formatSuggestOutcome(outcome, README_FILE, { color: false });
    expect(terminal).not.toContain('Verified');
    expect(terminal).toMatch(/^⚠ No edit for prompts\/support-reply\.prompt\.yaml is shown to address the critique; nothing was suggested\. Candidate 1 of 2 breaks no test/);
    expect(terminal).toContain('Candidate 1 — NOT verified:');
  });
});

describe('suggestEdit: the proposed assertion makes the critique testable', () => {
  it('verifies the edit whose assertion fails before and passes after, over a smaller edit nothing tests', async () => {
    const outcome = expectKind(await suggest('editor-refund'), 'verified');
    const [brief, refund] = outcome.candidates;
    expect(brief).toMatchObject({ safe: true, verified: false });
    expect(refund).toMatchObject({ safe: true, verified: true, reasons: [] });
    expect(outcome.chosen.index).toBe(1);
    expect(refund!.editSize).toBeGreaterThan(brief!.editSize);
    // 0/8 → 8/8 is p = 1/C(16,8) = 1/12870, times the 2 candidates × 1 targeted test it could have been found on.
    expect(refund!.assertion).toMatchObject({
      kept: true,
      test: 'refund window',
      label: '{ icontains: refund }',
      before: { passed: 0, samples: 8 },
      after: { passed: 8, samples: 8 },
    });
    expect(refund!.assertion!.pValue).toBeCloseTo((2 * 1) / 12870, 12);
    expect(refund!.critique).toEqual({
      by: 'assertion',
      reason: 'the proposed assertion { icontains: refund } fails before and passes after the edit on "refund window": 0/8 → 8/8 (improvement, p < 0.001)',
    });
    // Before 8, editor 1, each candidate 8 + 4 on its side, and 4 more of "refund window" as it is for the assertion.
    expect(outcome.spent.modelCalls).toBe(8 + 1 + 12 + 12 + 4);
    expect(server.stats.requests).toBe(37);

    const reply = renderSuggestionReply(outcome, { file: README_FILE, placement: { kind: 'diff' } });
    expect(reply).toContain(
      [
        '✅ **Verified** side by side with the file as it is, every test sampled on both:',
        '- targeted test "refund window": 4/4 → 8/8 (it passed before; after the edit it passes all 8 samples; unchanged)',
        '- the critique: the proposed assertion { icontains: refund } fails before and passes after the edit on "refund window": 0/8 → 8/8 (improvement, p &lt; 0.001)',
        '- no regression among 1 other test (≥ 4 samples a side)',
      ].join('\n'),
    );
    expect(reply).toContain("add this assertion under test `refund window`'s `assert:`. It passes 0/8 samples before the edit and 8/8 after:");
  });

  it('takes an assertion that captures part of the critique (the length) as the evidence it is, and says which', async () => {
    const outcome = expectKind(await suggest('editor-short'), 'verified');
    expect(outcome.chosen.critique).toEqual({
      by: 'assertion',
      reason: 'the proposed assertion { max-words: 40 } fails before and passes after the edit on "refund window": 0/8 → 8/8 (improvement, p < 0.001)',
    });
  });
});
