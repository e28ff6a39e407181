import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { suggestEdit, type CandidateVerdict, type SuggestOutcome } from '../../src/suggest/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import {
  MINIMAL_EDIT,
  MINIMAL_FIX_TEXT,
  SUPPORT_FILE,
  SUPPORT_PROMPT,
  editorAnswer,
  editorRule,
  engineFor,
  supportModel,
} from './support.js';

const CANNED_QUESTION = 'Can I return boots, and do you ship to Canada?';
const CANNED_ANSWER = 'Yes: returns within 30 days, and we ship to Canada.';
/** Passes every test, by asking every test the same question instead of its own. */
const CANNED_EDIT = {
  edits: [{ find: 'content: "{{question}}"', replace: `content: "${CANNED_QUESTION}"` }],
  rationale: 'Ask the question that covers every test.',
};

const BREAKING_EDIT = {
  find: 'Answer in one short sentence.',
  replace: 'Refunds: within 30 days.\n      Greet warmly at length.\n      Answer in one short sentence.',
};
const BLOATED_REWRITE = {
  find: 'You are the support assistant for Acme Outfitters.\n      Answer in one short sentence.',
  replace:
    'You are the friendly, knowledgeable and patient support assistant for Acme Outfitters, the outdoor shop.\n' +
    '      Refunds: customers may return any item within 30 days of delivery for a full refund.\n' +
    '      Be polite, be precise, and never promise what the policy does not allow.\n' +
    '      Answer in one short sentence.',
};

const rules = [
  // A model that answers one fixed question in a way that passes every test of the file.
  { match: (request: { lastUserMessage: string }) => request.lastUserMessage === CANNED_QUESTION, reply: CANNED_ANSWER },
  editorRule('canned-question', editorAnswer(CANNED_EDIT)),
  editorRule('minimal', editorAnswer({ edits: [MINIMAL_EDIT], rationale: 'State the refund window the tests expect.', assertion: null })),
  editorRule(
    'breaks-other',
    editorAnswer(
      { edits: [BREAKING_EDIT], rationale: 'Mention refunds and be warmer.' },
      { edits: [MINIMAL_EDIT], rationale: 'State the refund window.' },
    ),
  ),
  editorRule(
    'bloated',
    editorAnswer({ edits: [BLOATED_REWRITE], rationale: 'Rewrite the whole system prompt.' }, { edits: [MINIMAL_EDIT], rationale: 'Add one line.' }),
  ),
  editorRule(
    'bad-finds',
    editorAnswer(
      { edits: [{ find: 'Answer in two sentences.', replace: 'x' }], rationale: 'A find that is not there.' },
      { edits: [{ find: '    content: ', replace: '    content:  ' }], rationale: 'A find that occurs twice.' },
      { edits: [{ find: 'messages:', replace: 'messages: [' }], rationale: 'Breaks the YAML.' },
      { edits: [{ find: 'Answer in one short sentence.', replace: 'Answer in one short sentence.' }], rationale: 'Changes nothing.' },
    ),
  ),
  editorRule(
    'moves-goalposts',
    editorAnswer({ edits: [{ find: '- contains: "30 days"', replace: '- contains: "contact"' }], rationale: 'Expect what it says.' }),
  ),
  editorRule(
    'still-fails',
    editorAnswer({ edits: [{ find: 'one short sentence.', replace: 'one short, friendly sentence.' }], rationale: 'Friendlier.' }),
  ),
  editorRule(
    'assertions',
    editorAnswer(
      { edits: [MINIMAL_EDIT], rationale: 'With an assertion that passes on both outputs.', assertion: { 'max-words': 50 } },
      { edits: [MINIMAL_EDIT], rationale: 'With an assertion that tells them apart.', assertion: { type: 'icontains', value: '30 DAYS' } },
      { edits: [MINIMAL_EDIT], rationale: 'With an assertion that fails on the new output.', assertion: { icontains: 'boots' } },
      { edits: [MINIMAL_EDIT], rationale: 'With an assertion that is not one.', assertion: { contians: 'x' } },
    ),
  ),
  editorRule(
    'untrusted-patterns',
    editorAnswer(
      // JavaScript's own engine would try 4^n ways through an output of n characters.
      { edits: [MINIMAL_EDIT], rationale: 'With a pattern that backtracks for ages.', assertion: { regex: '^(.|.|.|.)*\\x00$' } },
      { edits: [MINIMAL_EDIT], rationale: 'With a pattern RE2 cannot run.', assertion: { 'not-regex': '(?<!not )refund' } },
    ),
  ),
  editorRule('garbage', 'Sure! Here are three ideas: 1. mention refunds, 2. be brief, 3. smile.'),
  editorRule('wrong-shape', JSON.stringify({ candidates: [{ edits: [], rationale: 'nothing' }] })),
  editorRule('fenced', '```json\n' + editorAnswer({ edits: [MINIMAL_EDIT], rationale: 'Fenced but fine.' }) + '\n```'),
  { match: (request: { lastUserMessage: string }) => request.lastUserMessage.includes('[editor-down]'), fail: { kind: 'status', status: 400 } as const },
  // An editor that never answers: only the step's time budget can end its call.
  { ...editorRule('hanging-editor', 'never sent'), fail: { kind: 'hang' } as const },
  editorRule('two-for-budget', editorAnswer({ edits: [MINIMAL_EDIT], rationale: 'First.' }, { edits: [BREAKING_EDIT], rationale: 'Second.' })),
];

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ rules, defaultReply: supportModel });
});
afterAll(() => server.close());
beforeEach(() => server.resetStats());

function suggest(marker: string, extra: Partial<Parameters<typeof suggestEdit>[0]> = {}, engine = {}): Promise<SuggestOutcome> {
  return suggestEdit(
    { file: SUPPORT_FILE, text: SUPPORT_PROMPT, critique: `[${marker}] It forgets the refund policy.`, ...extra },
    engineFor(server.url, engine),
  );
}

/** Each test's check, with its counts as `passed/samples`. */
function checksOf(candidate: CandidateVerdict | undefined): Record<string, { change: string; before: string; after: string; held: boolean }> {
  const count = (pass: { passed: number; samples: number }) => `${pass.passed}/${pass.samples}`;
  return Object.fromEntries(
    (candidate?.checks ?? []).map((check) => [check.test, { change: check.change, before: count(check.before), after: count(check.after), held: check.held }]),
  );
}

function statuses(candidate: CandidateVerdict | undefined): Record<string, string> {
  return Object.fromEntries((candidate?.after?.results ?? []).map((result) => [result.test, result.status]));
}

function expectKind<K extends SuggestOutcome['kind']>(outcome: SuggestOutcome, kind: K): Extract<SuggestOutcome, { kind: K }> {
  expect(outcome.kind, outcome.kind === 'failed' ? outcome.reason : '').toBe(kind);
  return outcome as Extract<SuggestOutcome, { kind: K }>;
}

describe('suggestEdit: choosing a verified candidate', () => {
  it('verifies a correct minimal fix: the targeted test improves, nothing regresses', async () => {
    const outcome = expectKind(await suggest('minimal'), 'verified');
    expect(outcome.chosen.index).toBe(0);
    expect(outcome.chosen.newText).toBe(MINIMAL_FIX_TEXT);
    expect(outcome.chosen.reasons).toEqual([]);
    expect(outcome.chosen.passed).toBe(3);
    expect(Object.fromEntries(outcome.before.results.map((result) => [result.test, result.status]))).toEqual({
      'refund window': 'failed',
      greeting: 'passed',
      shipping: 'passed',
    });
    expect(statuses(outcome.chosen)).toEqual({ 'refund window': 'passed', greeting: 'passed', shipping: 'passed' });
    // The model answers the same every time. 0/4 → 4/4 is p = 1/70 against a first look that spends
    // 5% of the false-alarm rate, not enough; at 8 a side, 1/C(16,8) ÷ 10% is. The steady tests
    // that answer alike on both sides are decided in the first look.
    expect(checksOf(outcome.chosen)).toEqual({
      'refund window': { change: 'improvement', before: '0/8', after: '8/8', held: true },
      greeting: { change: 'unchanged', before: '4/4', after: '4/4', held: true },
      shipping: { change: 'unchanged', before: '4/4', after: '4/4', held: true },
    });
    expect(outcome.chosen.checks![0]!.pValue).toBeCloseTo(1 / 12870 / 0.1, 10);
    // The targeted test failed before and improved: it is itself the evidence that the critique was addressed.
    expect(outcome.chosen.critique).toEqual({ by: 'test', reason: 'targeted test "refund window" improved: 0/8 → 8/8 (p < 0.001)' });
    expect(outcome.originalText).toBe(SUPPORT_PROMPT);
    // Before: 3 tests × 4 samples. 1 editor call. The edited copy: 3 × 4, then "refund window"'s
    // second look, 4 more a side (the system prompt is shared, so every test's answer is new; the
    // file as it is answers its first look from the cache).
    expect(outcome.spent.modelCalls).toBe(12 + 1 + 12 + 8);
    expect(server.stats.requests).toBe(33);
    expect(outcome.spent.tokens).toBeGreaterThan(0);
  });

  it('sends the editor the numbered file, the critique verbatim, the failing test and the must-keep tests', async () => {
    await suggest('minimal');
    const editorRequest = server.requests.find((request) => request.body.model === 'editor-model')!;
    const user = editorRequest.lastUserMessage;
    expect(user).toContain('[minimal] It forgets the refund policy.');
    expect(user).toContain(' 7 |       Answer in one short sentence.');
    expect(user).toContain('Test "refund window" (line 11): failed');
    expect(user).toContain('<<<output\nPlease contact our team.\n>>>output');
    expect(user).toContain('- contains: expected output to contain "30 days"');
    expect(user).toContain('Test "greeting" (line 16): passes; must keep passing');
    expect(editorRequest.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'suggested_edits' } });
  });

  it('rejects a fix that breaks a test that passed before, and takes the one that does not', async () => {
    const outcome = expectKind(await suggest('breaks-other'), 'verified');
    expect(outcome.chosen.index).toBe(1);
    const broken = outcome.candidates[0]!;
    expect(broken.verified).toBe(false);
    expect(broken.reasons).toHaveLength(1);
    // A steady 4/4 → 0/4 is not enough evidence (p = 1/70 ÷ 5%); 8/8 → 0/8 is.
    expect(broken.reasons[0]).toBe('test "greeting" got worse: 8/8 → 0/8 (regression, p < 0.001): expected at most 12 words, got 21');
    expect(statuses(broken)).toEqual({ 'refund window': 'passed', greeting: 'failed', shipping: 'passed' });
    // The second candidate's comparison finds the file as it is in the cache, the first's second look included:
    // before 12, editor 1, the first candidate 12 + 8 + 8, the second 12 + 4.
    expect(outcome.spent.modelCalls).toBe(12 + 1 + 28 + 16);
  });

  it('prefers the minimal edit to a bloated rewrite that passes just as well', async () => {
    const outcome = expectKind(await suggest('bloated'), 'verified');
    expect(outcome.candidates.map((candidate) => candidate.verified)).toEqual([true, true]);
    expect(outcome.candidates[0]!.passed).toBe(outcome.candidates[1]!.passed);
    expect(outcome.chosen.index).toBe(1);
    expect(outcome.chosen.editSize).toBe(58);
    expect(outcome.candidates[0]!.editSize).toBeGreaterThan(200);
  });

  it('accepts an answer wrapped in a ```json fence', async () => {
    const outcome = expectKind(await suggest('fenced'), 'verified');
    expect(outcome.chosen.newText).toBe(MINIMAL_FIX_TEXT);
  });
});

describe('suggestEdit: rejecting candidates', () => {
  it('verifies only as many candidates as were asked for', async () => {
    const outcome = expectKind(await suggest('bad-finds', { candidates: 2 }), 'unverified');
    expect(outcome.candidates.map((candidate) => candidate.index)).toEqual([0, 1]);
    const editorRequest = server.requests.find((request) => request.body.model === 'editor-model')!;
    expect(editorRequest.lastUserMessage).toContain('Propose 2 candidates.');
  });

  it('says why each broken candidate was rejected, without running any of them', async () => {
    const outcome = expectKind(await suggest('bad-finds', { candidates: 4 }), 'unverified');
    expect(outcome.reason).toBe('No candidate passed verification (4 checked).');
    expect(outcome.candidates.map((candidate) => candidate.reasons)).toEqual([
      ['find text not in the file: "Answer in two sentences."'],
      ['find text occurs 2 times in the file, it must occur exactly once: "    content: "'],
      [expect.stringMatching(/^the edited file is invalid: 4:3 YAML syntax error: Block collections are not allowed within flow collections; /)],
      ['no change: the edits leave the file as it was'],
    ]);
    expect(outcome.candidates[0]!.newText).toBeUndefined();
    expect(outcome.candidates[2]!.newText).toBe(SUPPORT_PROMPT.replace('messages:', 'messages: ['));
    expect(outcome.candidates.map((candidate) => candidate.after)).toEqual(outcome.candidates.map(() => undefined));
    // Nothing to show as "closest": no candidate produced a file that ran.
    expect(outcome.best).toBeUndefined();
    // The before-run (3 tests × 4 samples) and the editor.
    expect(outcome.spent.modelCalls).toBe(13);
  });

  it('rejects an edit that changes the tests instead of the prompt', async () => {
    const outcome = expectKind(await suggest('moves-goalposts'), 'unverified');
    expect(outcome.candidates[0]!.reasons).toEqual([
      'the edit changes test "refund window" (its assertions); only the prompt may change — a new check belongs in a separate assertion',
    ]);
  });

  it('rejects an edit that replaces the tests\' input with a fixed question, though every test would pass', async () => {
    const outcome = expectKind(await suggest('canned-question'), 'unverified');
    expect(outcome.candidates[0]!.reasons).toEqual([
      'the edit stops using {{question}}, which the tests set: the prompt would no longer see the tests\' inputs, so passing them would prove nothing; keep it in the messages',
    ]);
    // Refused before its run: only the before-run (3 tests × 4 samples) and the editor were paid for.
    expect(outcome.candidates[0]!.after).toBeUndefined();
    expect(outcome.spent.modelCalls).toBe(13);
  });

  it('rejects an edit after which the targeted test still fails, and offers it as the closest attempt', async () => {
    const outcome = expectKind(await suggest('still-fails'), 'unverified');
    expect(outcome.candidates[0]!.reasons).toEqual([
      'targeted test "refund window" still fails: 0/4 → 0/4 (unchanged): expected output to contain "30 days", got "Please contact our team."',
    ]);
    expect(outcome.best?.index).toBe(0);
  });

  it('targets the tests the reviewer names, even passing ones, which must pass on 8 samples after the edit, and which cannot show the critique addressed', async () => {
    const outcome = expectKind(await suggest('breaks-other', { targetTests: ['greeting'] }), 'unverified');
    expect(outcome.candidates[0]!.reasons).toEqual([
      'targeted test "greeting" got worse: 8/8 → 0/8 (regression, p < 0.001): expected at most 12 words, got 21',
    ]);
    // The second breaks nothing, so it is the attempt shown; but "greeting" passed before, and no assertion tests the critique.
    const safe = outcome.best!;
    expect(safe).toMatchObject({ index: 1, safe: true, verified: false });
    expect(safe.reasons).toEqual([
      'not shown to address the critique: targeted test "greeting" passed before the edit, so its passing after it shows only that nothing broke, ' +
        'and the candidate proposed no assertion that captures the critique',
    ]);
    // Steady on both sides, so the comparison settles it in one look; the evidence rule asks for 8 samples after.
    expect(checksOf(safe).greeting).toEqual({ change: 'unchanged', before: '4/4', after: '8/8', held: true });
    // "refund window" is not targeted now, so it is watched for regressions only: 0/4 → 4/4 leans the
    // other way and stops at the first look, where p = 1/70 ÷ 5% is no improvement.
    expect(checksOf(safe)['refund window']).toEqual({ change: 'unchanged', before: '0/4', after: '4/4', held: true });
  });
});

describe('suggestEdit: the critique-derived assertion', () => {
  it('keeps an assertion only when it fails before and passes after the edit, on the samples of both sides', async () => {
    const outcome = expectKind(await suggest('assertions', { candidates: 4 }), 'verified');
    const [passesBoth, discriminates, failsNew, invalid] = outcome.candidates.map((candidate) => candidate.assertion);
    expect(passesBoth).toEqual({
      kept: false,
      yaml: '- max-words: 50',
      label: '{ max-words: 50 }',
      reason: 'it does not tell the old prompt from the new: it already passes on the old output of "refund window" (8/8 → 8/8)',
      test: 'refund window',
      before: { passed: 8, samples: 8 },
      after: { passed: 8, samples: 8 },
    });
    expect(discriminates).toEqual({
      kept: true,
      yaml: '- type: icontains\n  value: 30 DAYS',
      label: '{ type: icontains, value: 30 DAYS }',
      reason: 'it fails before and passes after the edit on "refund window": 0/8 → 8/8 (improvement, p < 0.001)',
      test: 'refund window',
      before: { passed: 0, samples: 8 },
      after: { passed: 8, samples: 8 },
      // Fisher's 1/C(16,8), times the 4 candidates × 1 targeted test it could have been found on.
      pValue: expect.closeTo(4 / 12870, 12),
    });
    expect(failsNew?.kept).toBe(false);
    expect(failsNew?.reason).toBe(
      'it fails on the new output of "refund window" too: with it, the test would pass 0/8 after the edit, below its minPassRate of 100%: ' +
        'expected output to contain "boots" (ignoring case), got "Yes, you can return them within 30 days."',
    );
    expect(invalid?.kept).toBe(false);
    expect(invalid?.reason).toMatch(/^the proposed assertion is invalid: unknown assertion type "contians"; did you mean "contains"/);
    // The kept assertion is offered on its own: the verified file does not contain it.
    expect(outcome.candidates[1]!.newText).toBe(MINIMAL_FIX_TEXT);
    // All four make the same edit: the first one wins the tie.
    expect(outcome.chosen.index).toBe(0);
    // The targeted test failed before and improved: the test itself shows the critique addressed, whatever the assertion.
    expect(outcome.candidates.map((candidate) => candidate.critique?.by)).toEqual(['test', 'test', 'test', 'test']);
  });
});

describe('suggestEdit: a proposed pattern runs in linear time', () => {
  it('judges a backtracking pattern at once, and rejects one RE2 cannot run with the reason', async () => {
    const outcome = expectKind(await suggest('untrusted-patterns', { candidates: 2 }), 'verified');
    const [hostile, refused] = outcome.candidates.map((candidate) => candidate.assertion);
    expect(hostile?.kept).toBe(false);
    expect(hostile?.reason).toMatch(/^it fails on the new output of "refund window" too: with it, the test would pass 0\/8 after the edit, below its minPassRate of 100%: expected output to match \/\^\(\.\|\.\|\.\|\.\)\*\\x00\$\/, got "/);
    expect(refused).toEqual({
      kept: false,
      yaml: '- not-regex: (?<!not )refund',
      label: '{ not-regex: (?<!not )refund }',
      reason:
        'the proposed assertion is invalid: invalid regex "(?<!not )refund": a lookbehind (?<!…) is not supported (promptgate matches patterns with RE2, ' +
        'which runs in time linear in the output, without lookaround); match the text itself, or check what must not appear with a separate not-regex assertion',
    });
  });
});

describe('suggestEdit: failures are values', () => {
  it('fails with a reason when the editor answers with prose', async () => {
    const outcome = expectKind(await suggest('garbage'), 'failed');
    expect(outcome.cause).toBe('editor');
    expect(outcome.reason).toMatch(/^the editor's answer is not JSON \(.+\); it began "Sure! Here are three ideas/);
  });

  it('fails with a reason when the editor answers JSON of the wrong shape', async () => {
    const outcome = expectKind(await suggest('wrong-shape'), 'failed');
    expect(outcome.reason).toBe("the editor's answer does not match schema/suggestions.schema.json: /candidates/0/edits must NOT have fewer than 1 items");
  });

  it('fails with cause "provider" when the editor call errors', async () => {
    const outcome = expectKind(await suggest('editor-down'), 'failed');
    expect(outcome.cause).toBe('provider');
    expect(outcome.reason).toMatch(/^the editor call failed: .*answered 400/);
  });

  it('fails with cause "invalid-input" for an invalid file, an unknown test or an empty critique, before any model call', async () => {
    const invalid = expectKind(await suggest('minimal', { text: 'model: m\nmessages: [\n' }), 'failed');
    expect(invalid.cause).toBe('invalid-input');
    expect(invalid.reason).toMatch(/^prompts\/support\.prompt\.yaml:\d+:\d+: YAML syntax error/);
    const unknown = expectKind(await suggest('minimal', { targetTests: ['refunds'] }), 'failed');
    expect(unknown.reason).toBe('prompts/support.prompt.yaml has no test named "refunds"; its tests: "refund window", "greeting", "shipping"');
    const empty = expectKind(await suggest('minimal', { critique: '  ' }), 'failed');
    expect(empty.reason).toBe('the critique is empty: say what is wrong with the prompt');
    expect(server.stats.requests).toBe(0);
  });

  it('fails with cause "budget" when the calls run out before any candidate is checked', async () => {
    // 3 tests × 4 samples and the editor.
    const outcome = expectKind(await suggest('minimal', { budget: { maxModelCalls: 13 } }), 'failed');
    expect(outcome).toMatchObject({ cause: 'budget', reason: 'the budget of 13 model calls is used up before any candidate could be checked' });
    expect(outcome.spent.modelCalls).toBe(13);
    expect(server.stats.requests).toBe(13);
  });

  it('fails with cause "budget" when the calls run out during the before-run, and never sends more than allowed', async () => {
    const outcome = expectKind(await suggest('minimal', { budget: { maxModelCalls: 2 } }), 'failed');
    expect(outcome).toMatchObject({ cause: 'budget', reason: 'the budget of 2 model calls is used up while running the file as it is, before any edit' });
    expect(server.stats.requests).toBe(2);
  });

  it('marks the candidates the budget left unchecked, and still returns a verified one', async () => {
    // Before 12, editor 1, the first candidate 12 + 8 (as in the minimal fix above).
    const outcome = expectKind(await suggest('two-for-budget', { budget: { maxModelCalls: 33 } }), 'verified');
    expect(outcome.chosen.index).toBe(0);
    expect(outcome.candidates[1]!.reasons).toEqual(['not checked: the budget of 33 model calls is used up']);
    expect(server.stats.requests).toBe(33);
  });

  it('says a candidate was not fully checked when the budget runs out during its comparison', async () => {
    // Before 12, editor 1, the edited copy's first look 12: "refund window"'s second look is never started.
    const outcome = expectKind(await suggest('minimal', { budget: { maxModelCalls: 25 } }), 'unverified');
    expect(outcome.candidates[0]!.reasons).toEqual(['not fully checked: the budget of 25 model calls is used up']);
    expect(checksOf(outcome.candidates[0])['refund window']).toEqual({ change: 'inconclusive', before: '0/4', after: '4/4', held: false });
    expect(server.stats.requests).toBe(25);
  });

  it('takes the further samples a targeted test that passed before needs from the budget, and says so when they do not fit', async () => {
    // Before 12, editor 1, the edited copy's first look 12, which settles every test ("greeting" answers
    // alike on both sides, "refund window" leans away from a regression); then 4 more for "greeting".
    // Safe, though not verified: a targeted test that passed before cannot show the critique addressed.
    const safe = expectKind(await suggest('minimal', { targetTests: ['greeting'], budget: { maxModelCalls: 29 } }), 'unverified');
    expect(safe.best).toMatchObject({ safe: true, verified: false });
    expect(checksOf(safe.best).greeting).toEqual({ change: 'unchanged', before: '4/4', after: '8/8', held: true });
    expect(server.stats.requests).toBe(29);
    server.resetStats();
    const short = expectKind(await suggest('minimal', { targetTests: ['greeting'], budget: { maxModelCalls: 25 } }), 'unverified');
    expect(short.candidates[0]!.reasons).toEqual(['not fully checked: the budget of 25 model calls is used up']);
    expect(short.candidates[0]!.safe).toBe(false);
    expect(checksOf(short.candidates[0]).greeting).toEqual({ change: 'unchanged', before: '4/4', after: '4/4', held: false });
    expect(server.stats.requests).toBe(25);
  });

  it('fails with cause "budget" when the time runs out while the editor is answering', async () => {
    const clock = new ManualClock();
    const run = suggest('hanging-editor', { budget: { maxMs: 800 } }, { clock });
    // The file's own tests are answered; once the server holds the editor's call, only the clock can end it.
    await vi.waitFor(() => expect(server.requests.map((request) => request.body.model)).toContain('editor-model'), { interval: 5 });
    clock.fireNext();
    const outcome = expectKind(await run, 'failed');
    expect(outcome).toMatchObject({ cause: 'budget', reason: 'the time budget of 0.8 s is used up while the editor was answering' });
    expect(outcome.spent.ms).toBe(800);
  });

  it('fails with cause "cancelled" when the caller aborts', async () => {
    const outcome = await suggest('minimal', {}, { signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'cancelled', reason: 'the step was cancelled while running the file' });
    expect(server.stats.requests).toBe(0);
  });

  it('fails with cause "budget" when the time runs out', async () => {
    const silent = await startModelServer({ rules: [{ match: () => true, fail: { kind: 'hang' } }] });
    try {
      const clock = new ManualClock();
      const run = suggestEdit({ file: SUPPORT_FILE, text: SUPPORT_PROMPT, critique: '[minimal] x', budget: { maxMs: 100 } }, engineFor(silent.url, { clock }));
      // No call is ever answered: once the server holds one, only the clock can end the step.
      await vi.waitFor(() => expect(silent.stats.requests).toBeGreaterThan(0), { interval: 5 });
      clock.fireNext();
      const outcome = await run;
      expect(outcome).toMatchObject({ kind: 'failed', cause: 'budget', reason: 'the time budget of 0.1 s is used up while running the file as it is, before any edit' });
      expect(outcome.spent.ms).toBe(100);
    } finally {
      await silent.close();
    }
  });
});
