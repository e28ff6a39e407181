import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSuggestionReply, suggestEdit, type CandidateVerdict, type SuggestOutcome } from '../../src/suggest/index.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { editorAnswer, editorRule, engineFor } from './support.js';

// Verification by evidence: a model whose answers follow a pattern per question, one digit a call
// (1 passes, 0 fails), so a flaky test's counts on each side are known before the run: the k-th
// call with the same messages gets the pattern's k-th digit, whichever sample it is.

const FILE = 'prompts/patterns.prompt.yaml';

function patternPrompt(patterns: string): string {
  return `name: Pattern support
model: pattern-model
messages:
  - role: system
    content: |
      Answer patterns, one digit a call: ${patterns}.
  - role: user
    content: "{{question}}"
tests:
  - name: refund
    vars:
      question: refund
    assert:
      - contains: PASS
  - name: greeting
    minPassRate: 0.5
    vars:
      question: greeting
    assert:
      - contains: PASS
  - name: shipping
    vars:
      question: shipping
    assert:
      - contains: PASS
`;
}

/** greeting passes 3 calls in 4 (1101): at its minPassRate of 50% it passes, flakily. */
const FLAKY = patternPrompt('refund: 0, greeting: 1101, shipping: 1');
/** refund passes only its first call in 4. */
const LUCKY = patternPrompt('refund: 1000, greeting: 1, shipping: 1');

const draws = new Map<string, number>();

function patternModel(request: ReceivedRequest): string {
  const system = request.body.messages.find((message) => message.role === 'system')?.content ?? '';
  const question = request.lastUserMessage;
  const pattern = new RegExp(`\\b${question}: ([01]+)`).exec(system)?.[1] ?? '0';
  const key = `${system}\u0000${question}`;
  const draw = (draws.get(key) ?? 0) + 1;
  draws.set(key, draw);
  // The answer carries its number, so no two answers are the same text, as a sampled model's would not be.
  return `${pattern[(draw - 1) % pattern.length] === '1' ? 'PASS' : 'FAIL'} (answer ${draw})`;
}

const FIX_REFUND = { find: 'refund: 0,', replace: 'refund: 1,' };
const rules = [
  editorRule(
    'flaky-greeting',
    editorAnswer(
      // Fixes refund, and really breaks greeting: 1101 → 0000.
      { edits: [FIX_REFUND, { find: 'greeting: 1101', replace: 'greeting: 0000' }], rationale: 'Fix refunds; be terse.' },
      // Fixes refund; greeting passes as often as before (3 in 4), but its first call now fails.
      { edits: [FIX_REFUND, { find: 'greeting: 1101', replace: 'greeting: 0111' }], rationale: 'Fix refunds.' },
    ),
  ),
  // Rewords the prompt: refund's answers follow the same pattern as before.
  editorRule('reword', editorAnswer({ edits: [{ find: 'Answer patterns', replace: 'Answer by the patterns' }], rationale: 'Reword.' })),
  // Makes refund pass 3 calls in 4 instead of 1.
  editorRule('better-refund', editorAnswer({ edits: [{ find: 'refund: 0001', replace: 'refund: 0111' }], rationale: 'Mostly fix refunds.' })),
];

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ rules, defaultReply: patternModel });
});
afterAll(() => server.close());
beforeEach(() => {
  server.resetStats();
  draws.clear();
});

function suggest(marker: string, text: string, extra: Partial<Parameters<typeof suggestEdit>[0]> = {}, engine = {}): Promise<SuggestOutcome> {
  return suggestEdit({ file: FILE, text, critique: `[${marker}] It gets refunds wrong.`, ...extra }, engineFor(server.url, engine));
}

function expectKind<K extends SuggestOutcome['kind']>(outcome: SuggestOutcome, kind: K): Extract<SuggestOutcome, { kind: K }> {
  expect(outcome.kind, outcome.kind === 'failed' ? outcome.reason : JSON.stringify(outcome.candidates.map((candidate) => candidate.reasons))).toBe(kind);
  return outcome as Extract<SuggestOutcome, { kind: K }>;
}

function counts(candidate: CandidateVerdict | undefined): Record<string, string> {
  return Object.fromEntries((candidate?.checks ?? []).map((check) => [check.test, `${check.before.passed}/${check.before.samples} → ${check.after.passed}/${check.after.samples} ${check.change}`]));
}

describe('suggestEdit: a flaky test that passed before', () => {
  it('rejects a candidate that breaks it as a regression only once the evidence shows it, and keeps one that is merely unlucky', async () => {
    const outcome = expectKind(await suggest('flaky-greeting', FLAKY), 'verified');
    const [breaks, unlucky] = outcome.candidates;

    // 1101 against 0000: 3/4 → 0/4 is p = 4/56 ÷ 5% at the first look; 6/8 → 0/8 is p = 45/12870 ÷ 10%
    // = 0.035, above the 0.05 × 1/3 Benjamini–Hochberg asks of the smallest of 3 p-values; 9/12 → 0/12
    // is p = 455/2704156 ÷ 20% = 0.00084, a regression.
    expect(breaks!.verified).toBe(false);
    expect(breaks!.reasons).toEqual([expect.stringMatching(/^test "greeting" got worse: 9\/12 → 0\/12 \(regression, p < 0\.001\): expected output to contain "PASS", got "FAIL \(answer \d+\)"$/)]);
    expect(counts(breaks)).toEqual({ refund: '0/8 → 8/8 improvement', greeting: '9/12 → 0/12 regression', shipping: '4/4 → 4/4 unchanged' });

    // 1101 against 0111: the first answer after the edit fails, which one sample a side would call a
    // regression; 6/8 → 6/8 is nothing of the kind, and passes greeting's own 50%.
    expect(unlucky!.verified).toBe(true);
    expect(counts(unlucky)).toEqual({ refund: '0/8 → 8/8 improvement', greeting: '6/8 → 6/8 unchanged', shipping: '4/4 → 4/4 unchanged' });
    expect(outcome.chosen.index).toBe(1);

    // Before: 3 tests × 4. Editor: 1. The first candidate: 3 × 4 on its side, then 4 a side for refund
    // and greeting, then 4 a side for greeting. The second: 3 × 4, then 4 for refund and 4 for greeting
    // on its side only: the file as it is answers from the cache.
    expect(outcome.spent.modelCalls).toBe(12 + 1 + (12 + 16 + 8) + (12 + 8));
    expect(server.stats.requests).toBe(69);
  });

  it('says in the reply exactly what was verified, with the counts', async () => {
    const outcome = expectKind(await suggest('flaky-greeting', FLAKY), 'verified');
    const reply = renderSuggestionReply(outcome, { file: FILE, placement: { kind: 'diff' } });
    expect(reply).toContain(
      [
        '✅ **Verified** side by side with the file as it is, every test sampled on both:',
        '- targeted test "refund": 0/8 → 8/8 (improvement, p &lt; 0.001)',
        '- no regression among 2 other tests (each ≥ 4 samples a side)',
        '',
        "Regressions and improvements are called by Fisher's exact test on the pass counts, at a 5% false-alarm rate.",
      ].join('\n'),
    );
    expect(reply).toContain(
      [
        '| test | before | after | verdict |',
        '| --- | --- | --- | --- |',
        '| refund (targeted) | ❌ 0/8 | ✅ 8/8 | improvement (p < 0.001) |',
        '| greeting | ✅ 6/8 | ✅ 6/8 | unchanged |',
        '| shipping | ✅ 4/4 | ✅ 4/4 | unchanged |',
      ].join('\n'),
    );
  });
});

describe('suggestEdit: a targeted test whose change is undecided', () => {
  it('is not verified, and the reason says it is inconclusive, with the counts', async () => {
    // The config's `compare: { maxSamples: 8 }`: looks at 4 and 8 samples a side, spending 5% and 95%.
    const compare = { falseAlarmRate: 0.05, maxSamples: 8, budgetPerTest: 20 };
    const outcome = expectKind(await suggest('better-refund', patternPrompt('refund: 0001, greeting: 1, shipping: 1'), {}, { compare }), 'unverified');
    // 0001 against 0111: 1/4 → 3/4, then 2/8 → 6/8, p = 849/12870 ÷ 95% = 0.069 at the ceiling: above
    // what Benjamini–Hochberg asks (0.05 × 1/3), yet leaning towards better past the last futility bound (0.1).
    expect(outcome.candidates[0]!.reasons).toEqual(['targeted test "refund" is not shown to improve: 2/8 → 6/8 is inconclusive, so the edit is not verified']);
    expect(outcome.candidates[0]!.checks![0]).toMatchObject({ change: 'inconclusive', held: false, complete: true });
  });
});

describe('suggestEdit: a targeted test that passed by luck', () => {
  it('is not verified by one lucky sample: 1000 is 2/8 before and after a rewording, which fixes nothing', async () => {
    // One sample a side would see refund pass before and after (each side's first answer passes).
    const outcome = expectKind(await suggest('reword', LUCKY, { targetTests: ['refund'] }), 'unverified');
    const [reworded] = outcome.candidates;
    // 1/4 → 1/4, then 2/8 → 2/8: no lean towards better past the second look's futility bound.
    expect(reworded!.reasons).toEqual([expect.stringMatching(/^targeted test "refund" still fails: 2\/8 → 2\/8 \(unchanged\): expected output to contain "PASS"/)]);
  });

  it('with one sample a side (repeat: 1), asks 8 samples of a targeted test that passed before, and finds it fails', async () => {
    const outcome = expectKind(await suggest('reword', LUCKY, { targetTests: ['refund'] }, { repeat: 1 }), 'unverified');
    expect(outcome.before.results.map((result) => result.samples.length)).toEqual([1, 1, 1]);
    const [reworded] = outcome.candidates;
    // Its first answer passes on both sides; the evidence rule's 8 answers after the edit are 10001000.
    expect(reworded!.reasons).toEqual([
      expect.stringMatching(/^targeted test "refund" passed before and does not pass after the edit: 1\/1 → 2\/8: expected output to contain "PASS"/),
    ]);
    // The other tests pass 1/1 on both sides: one sample each is all repeat: 1 asks.
    expect(counts(reworded)).toEqual({ refund: '1/1 → 2/8 unchanged', greeting: '1/1 → 1/1 unchanged', shipping: '1/1 → 1/1 unchanged' });
  });
});
