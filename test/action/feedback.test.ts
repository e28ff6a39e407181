// Reviewer critiques become verified, one-click prompt edits — the Action's side, end to end: the
// built dist/index.js under Node 24 answers comment events against the GitHub double and the model
// double (whose editor answers are scripted per critique). Assertions are on what the doubles
// received: replies, review comments, conversation comments, and every model call.
import { describe, expect, it } from 'vitest';
import {
  CLASSIFY_PATH,
  HEAD_SHA,
  SUPPORT_REPLY_HEAD,
  SUPPORT_REPLY_PATCH,
  SUPPORT_REPLY_PATH,
  promptPullRequestSetup,
} from '../fixtures/github/prompt-pull-request.js';
import { issueCommentEvent, pullRequestReviewCommentEvent } from '../support/github-events.js';
import { ACTIONS_BOT_LOGIN, startGitHubServer, type ApiReviewComment, type GitHubDouble, type GitHubDoubleSetup } from '../support/github-server.js';
import type { ModelServer } from '../support/model-server.js';
import {
  APOLOGY_EDIT,
  APOLOGY_HEAD,
  FINDING_ID,
  REPLY_ID,
  TWO_LINE_EDIT,
  TWO_LINE_HEAD,
  USELESS_EDIT,
  applySuggestion,
  findingThread,
  isEditorRequest,
  startFeedbackModel,
  suggestionBlocks,
  type EditorScript,
} from './support/feedback-scenario.js';
import { startReadOnlyProxy } from './support/read-only-proxy.js';
import { useActionHarness, runAction, workspaceWith, type ActionRun } from './support/run-action.js';
import { API_KEY } from './support/scenario.js';

const harness = useActionHarness();
const { cleanups } = harness;

const APOLOGY_CRITIQUE = 'It must apologise when an order is late.';
const apologyScript: EditorScript = {
  critique: APOLOGY_CRITIQUE,
  candidates: [{ edits: [APOLOGY_EDIT], rationale: 'Customers whose order is late expect an apology.', assertion: null }],
};

interface Fixture {
  github: GitHubDouble;
  model: ModelServer;
  run(eventName: string, payload: unknown, inputs?: Record<string, string>, githubApiUrl?: string): Promise<ActionRun>;
}

async function start(
  setup: GitHubDoubleSetup,
  scripts: EditorScript[] = [apologyScript],
  modelOptions: Parameters<typeof startFeedbackModel>[1] = {},
): Promise<Fixture> {
  const github = await startGitHubServer(setup);
  const model = await startFeedbackModel(scripts, modelOptions);
  cleanups.push(() => github.close(), () => model.close());
  // A comment-triggered run has the default branch checked out (or nothing): the PR's files are read through the API.
  const workspace = await workspaceWith({});
  return {
    github,
    model,
    run: (eventName, payload, inputs = {}, githubApiUrl = github.url) =>
      runAction({
        node: harness.node,
        eventName,
        payload,
        workspace,
        githubToken: github.token,
        githubApiUrl,
        inputs: { 'api-key': API_KEY, 'base-url': model.url, 'cache-dir': '', ...inputs },
      }),
  };
}

function replyEvent(github: GitHubDouble, body: string, author = 'mona', action?: 'edited') {
  const payload = pullRequestReviewCommentEvent(github.setup, {
    comment: { id: REPLY_ID, body, author, path: SUPPORT_REPLY_PATH, line: 14, in_reply_to_id: FINDING_ID },
  });
  if (action) (payload as { action: string }).action = action;
  return payload;
}

/** Comments promptgate (the workflow token) wrote during the run. */
function botReviewComments(github: GitHubDouble): ApiReviewComment[] {
  return github.reviewComments.filter((comment) => comment.user.login === ACTIONS_BOT_LOGIN && comment.id !== FINDING_ID);
}

function writes(github: GitHubDouble): string[] {
  return github.requests.filter((request) => request.method !== 'GET').map((request) => request.operationId ?? request.path);
}

describe('suggestions from a reply to a failure comment', () => {
  it('replies in the thread with a verified suggestion that reproduces the verified file exactly', async () => {
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, model, run } = await start(setup);

    const result = await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE));

    expect(result.code).toBe(0);
    const replies = botReviewComments(github);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.in_reply_to_id).toBe(FINDING_ID);
    expect(reply.body).toContain('✅ **Verified** side by side with the file as it is, every test sampled on both:\n- targeted test "angry customer": 0/8 → 8/8 (improvement, p &lt; 0.001)\n- no regression among 3 other tests (each ≥ 4 samples a side)');
    expect(suggestionBlocks(reply.body)).toHaveLength(1);
    // Committing it replaces the thread's lines (13–14) with the block.
    expect(applySuggestion(SUPPORT_REPLY_HEAD, reply.body, 13, 14)).toBe(APOLOGY_HEAD);
    expect(reply.body).toContain('Budget: up to 100 model calls per request');
    expect(reply.body).toMatch(/Spent \d+ model calls/);
    expect(reply.body).toContain('<!-- promptgate:suggestion -->');
    expect(reply.body).not.toContain(API_KEY);

    // Which tests fail (4 tests, one sample each); the before-run's 4 samples a test (the first is
    // cached); one editor call; the edited copy's 4 samples a test, then 4 more a side for "angry
    // customer", whose 0/4 → 4/4 is not yet evidence (the other tests answer alike on both sides).
    expect(model.requests.filter(isEditorRequest)).toHaveLength(1);
    expect(model.requests).toHaveLength(4 + 12 + 1 + 16 + 8);
    // The file was read at the head through the API; the thread was found; the request was seen (👀).
    const reads = github.requests.filter((request) => request.operationId === 'repos/get-content');
    expect(reads.map((request) => request.query['ref'])).toEqual([HEAD_SHA]);
    expect(github.reactions.map((reaction) => [reaction.comment_id, reaction.content])).toEqual([[REPLY_ID, 'eyes']]);
    expect(github.requests.map((request) => request.operationId)).toContain('repos/get-collaborator-permission-level');
    expect(github.schemaViolations).toEqual([]);
  });

  it('posts a new review comment on the edited lines and a pointer in the thread when the edit is outside the thread but in the diff', async () => {
    // The failure comment sits on the test (41–45); the fix is on line 14.
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 41, end: 45 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, run } = await start(setup);

    const result = await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE));

    expect(result.code).toBe(0);
    const posted = botReviewComments(github);
    expect(posted).toHaveLength(2);
    const suggestion = posted.find((comment) => comment.in_reply_to_id === undefined)!;
    const pointer = posted.find((comment) => comment.in_reply_to_id === FINDING_ID)!;
    expect([suggestion.start_line, suggestion.line, suggestion.side, suggestion.commit_id]).toEqual([null, 14, 'RIGHT', HEAD_SHA]);
    expect(applySuggestion(SUPPORT_REPLY_HEAD, suggestion.body, 14, 14)).toBe(APOLOGY_HEAD);
    expect(pointer.body).toContain('A verified suggestion is on [line 14 of `prompts/support-reply.prompt.yaml`](');
    expect(pointer.body).toContain(suggestion.html_url);
    expect(suggestionBlocks(pointer.body)).toHaveLength(0);
    expect(github.schemaViolations).toEqual([]);
  });

  it('shows a diff when the edited lines are not in the pull request’s diff', async () => {
    // This pull request's diff shows only the new test (head lines 38–45): line 14 cannot carry a suggestion.
    const testOnlyPatch = SUPPORT_REPLY_PATCH.slice(SUPPORT_REPLY_PATCH.indexOf('@@ -36,3 +38,8 @@'));
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 41, end: 45 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    setup.files = setup.files.map((file) => (file.filename === SUPPORT_REPLY_PATH ? { ...file, patch: testOnlyPatch } : file));
    const { github, run } = await start(setup);

    await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE));

    const posted = botReviewComments(github);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.in_reply_to_id).toBe(FINDING_ID);
    expect(suggestionBlocks(posted[0]!.body)).toHaveLength(0);
    expect(posted[0]!.body).toContain('```diff\n--- a/prompts/support-reply.prompt.yaml\n+++ b/prompts/support-reply.prompt.yaml');
    expect(posted[0]!.body).toContain("+      Reply in the customer's language. Apologise when an order is late.");
    expect(posted[0]!.body).toContain('git apply');
    expect(github.schemaViolations).toEqual([]);
  });

  it('says plainly when no candidate is verified, offers nothing to commit, and never lets a leaked key through', async () => {
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, run } = await start(setup, [{ critique: APOLOGY_CRITIQUE, candidates: [{ edits: [USELESS_EDIT], rationale: `Politeness. ${API_KEY}` }] }], {
      leak: `(my key is ${API_KEY})`,
    });

    const result = await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE));

    const [reply] = botReviewComments(github);
    expect(reply!.body).toContain('❌ **No candidate passed verification**');
    expect(reply!.body).toContain('**not verified**');
    expect(reply!.body).not.toContain('✅ **Verified**');
    expect(suggestionBlocks(reply!.body)).toHaveLength(0);
    // The editor's rationale quoted the key; the reply shows it redacted, and no request to GitHub carries it.
    expect(reply!.body).toContain('Politeness. \\[redacted\\]');
    expect(JSON.stringify(github.requests.map((request) => request.body))).not.toContain(API_KEY);
    expect(result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(API_KEY);
    expect(github.schemaViolations).toEqual([]);
  });

  it('refuses an edit that asks every test one fixed question, though all would pass, and says why', async () => {
    const canned = 'My order is late and I want to return it.';
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const cannedEdit = { find: '    content: "{{question}}"\n', replace: `    content: "${canned}"\n` };
    const { github, model, run } = await start(setup, [{ critique: APOLOGY_CRITIQUE, candidates: [{ edits: [cannedEdit], rationale: 'One question covers all.' }] }], {
      // The answer to the one fixed question passes every test of the file.
      answers: [{ match: (request) => request.lastUserMessage === canned, reply: 'Sorry for the wait: returns are accepted within 30 days of delivery.' }],
    });

    await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE));

    const [reply] = botReviewComments(github);
    expect(reply!.body).toContain('❌ **No candidate passed verification**');
    expect(reply!.body).toMatch(/1\. the edit stops using \{\{question\}\}, which the tests set: the prompt would no longer see the tests.{1,2}inputs/);
    expect(suggestionBlocks(reply!.body)).toHaveLength(0);
    // Refused before its run: the fixed question was never sent.
    expect(model.requests.filter((request) => request.lastUserMessage === canned)).toEqual([]);
  });

  it('warns, and still succeeds, when the token cannot post the answer', async () => {
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, run } = await start(setup);
    const proxy = await startReadOnlyProxy(github.url);
    cleanups.push(() => proxy.close());

    const result = await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE), {}, proxy.url);

    expect(result.code).toBe(0);
    expect(proxy.refused).toEqual([
      `POST /repos/acme/storefront/pulls/comments/${REPLY_ID}/reactions`,
      `POST /repos/acme/storefront/pulls/42/comments/${FINDING_ID}/replies`,
    ]);
    expect(result.stdout).toContain('::warning::promptgate: could not reply in the review thread (403: Resource not accessible by integration');
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    expect(botReviewComments(github)).toHaveLength(0);
  });

  it('stops at the model-call budget and says so', async () => {
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, model, run } = await start(setup);

    await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE), { 'suggest-budget': '3' });

    // The file's four tests need four calls: the fourth is refused, and the editor is never asked.
    expect(model.requests).toHaveLength(3);
    expect(model.requests.filter(isEditorRequest)).toHaveLength(0);
    const [reply] = botReviewComments(github);
    expect(reply!.body).toContain('could not suggest an edit');
    expect(reply!.body).toContain('the budget of 3 model calls is used up');
    expect(reply!.body).toContain('Budget: up to 3 model calls per request');
    expect(suggestionBlocks(reply!.body)).toHaveLength(0);
    expect(github.schemaViolations).toEqual([]);
  });
});

describe('suggestions from a command', () => {
  it('answers `/promptgate <critique>` on a prompt file’s lines with a suggestion for those lines', async () => {
    const critique = 'Do not sound like a robot, and apologise when an order is late.';
    const setup = promptPullRequestSetup({
      reviewComments: [{ id: 7101, body: `/promptgate ${critique}`, path: SUPPORT_REPLY_PATH, line: 14, start_line: 13, start_side: 'RIGHT', author: 'mona' }],
    });
    const { github, model, run } = await start(setup, [{ critique, candidates: [{ edits: [TWO_LINE_EDIT], rationale: 'Both at once.' }] }]);
    const payload = pullRequestReviewCommentEvent(github.setup, { comment: { id: 7101, body: `/promptgate ${critique}`, author: 'mona', path: SUPPORT_REPLY_PATH, line: 14 } });
    (payload.comment as { start_line: number | null; start_side: string | null }).start_line = 13;
    (payload.comment as { start_line: number | null; start_side: string | null }).start_side = 'RIGHT';

    await run('pull_request_review_comment', payload, { 'editor-model': 'editor-of-choice' });

    const [reply] = botReviewComments(github).filter((comment) => comment.id !== 7101);
    expect(reply!.in_reply_to_id).toBe(7101);
    expect(reply!.body).toContain('✅ **Verified** side by side with the file as it is');
    expect(applySuggestion(SUPPORT_REPLY_HEAD, reply!.body, 13, 14)).toBe(TWO_LINE_HEAD);
    // The editor was shown the commented lines, and targeted the file's failing tests.
    const editorRequest = model.requests.find(isEditorRequest)!;
    expect(JSON.stringify(editorRequest.body.messages)).toContain('The reviewer commented on lines 13-14');
    expect(editorRequest.body.model).toBe('editor-of-choice');
    expect(github.schemaViolations).toEqual([]);
  });

  it('does not call an edit verified when the targeted tests already passed and nothing tests the critique: it says so, with a diff and nothing to commit', async () => {
    // classify-intent's one test passes at the head, so it is the target, and it passes whatever the prompt says.
    const critique = 'Reply in lowercase.';
    const edit = { find: 'Reply with one word.', replace: 'Reply with one word, in lowercase.' };
    const setup = promptPullRequestSetup({ reviewComments: [{ id: 7401, body: `/promptgate ${critique}`, path: CLASSIFY_PATH, line: 5, author: 'mona' }] });
    const { github, model, run } = await start(setup, [{ critique, candidates: [{ edits: [edit], rationale: 'Ask for lowercase.', assertion: null }] }]);

    const result = await run('pull_request_review_comment', pullRequestReviewCommentEvent(github.setup, { comment: { id: 7401, body: `/promptgate ${critique}`, author: 'mona', path: CLASSIFY_PATH, line: 5 } }));

    expect(result.code).toBe(0);
    const [reply] = botReviewComments(github).filter((comment) => comment.id !== 7401);
    expect(reply!.in_reply_to_id).toBe(7401);
    expect(reply!.body).not.toContain('Verified');
    expect(suggestionBlocks(reply!.body)).toHaveLength(0);
    expect(reply!.body).toContain(
      '**promptgate** found an edit to `prompts/classify-intent.prompt.yml` that breaks no test, but ⚠️ **nothing shows it addresses the critique**, so it is not verified and nothing is offered for committing.',
    );
    expect(reply!.body).toMatch(/- not shown to address the critique: targeted test "[^"]+" passed before the edit, so its passing after it shows only that nothing broke, and the candidate proposed no assertion that captures the critique/);
    expect(reply!.body).toContain("-    content: Classify the customer's message as refund, status or other. Reply with one word.\n+    content: Classify the customer's message as refund, status or other. Reply with one word, in lowercase.");
    expect(model.requests.filter(isEditorRequest)).toHaveLength(1);
    expect(github.schemaViolations).toEqual([]);
  });

  it('answers `/promptgate suggest <critique>` in the conversation, with the suggestion on the edited lines', async () => {
    const critique = 'Stop calling yourself an AI and apologise for late orders.';
    const { github, model, run } = await start(promptPullRequestSetup(), [{ critique, candidates: [{ edits: [TWO_LINE_EDIT], rationale: 'Both at once.' }] }]);

    const result = await run('issue_comment', issueCommentEvent(github.setup, { comment: { id: 7201, body: `/promptgate suggest ${critique}`, author: 'mona' } }));

    expect(result.code).toBe(0);
    // Which tests fail (5 calls: both changed files, one sample a test); the engine's before-run, 4
    // samples a test of which the first is answered from the shared cache; one editor call; the
    // edited copy's 4 samples a test, then 4 more a side for each of the two failing tests it fixes.
    expect(model.requests).toHaveLength(5 + 12 + 1 + 16 + 16);
    const suggestion = github.reviewComments.find((comment) => comment.user.login === ACTIONS_BOT_LOGIN)!;
    expect([suggestion.start_line, suggestion.line, suggestion.start_side, suggestion.side]).toEqual([13, 14, 'RIGHT', 'RIGHT']);
    expect(applySuggestion(SUPPORT_REPLY_HEAD, suggestion.body, 13, 14)).toBe(TWO_LINE_HEAD);
    expect(github.issueComments).toHaveLength(1);
    const answer = github.issueComments[0]!.body;
    expect(answer).toContain('✅ `prompts/support-reply.prompt.yaml`: a verified suggestion is on [lines 13–14 of `prompts/support-reply.prompt.yaml`](');
    expect(answer).toContain('Spent 50 model calls in all, finding the failing tests included.');
    expect(answer).toContain('Budget: up to 100 model calls per request');
    expect(answer).toContain('<!-- promptgate:suggestion -->');
    expect(github.schemaViolations).toEqual([]);
  });

  it('answers an empty command with a hint and no model call', async () => {
    const setup = promptPullRequestSetup({ reviewComments: [{ id: 7301, body: '/promptgate', path: SUPPORT_REPLY_PATH, line: 14, author: 'mona' }] });
    const { github, model, run } = await start(setup);

    await run('pull_request_review_comment', pullRequestReviewCommentEvent(github.setup, { comment: { id: 7301, body: '/promptgate', author: 'mona', path: SUPPORT_REPLY_PATH, line: 14 } }));
    await run('issue_comment', issueCommentEvent(github.setup, { comment: { id: 7302, body: '/promptgate help', author: 'mona' } }));

    expect(model.requests).toHaveLength(0);
    const [hint] = botReviewComments(github).filter((comment) => comment.id !== 7301);
    expect(hint!.body).toContain('Say what is wrong after `/promptgate`');
    expect(github.issueComments.map((comment) => comment.body.split('\n')[0])).toEqual([
      'Usage: `/promptgate suggest <what is wrong with the prompt>` — promptgate then suggests tested edits for the prompt files whose tests fail.',
    ]);
    expect(github.schemaViolations).toEqual([]);
  });
});

describe('who and what is obeyed', () => {
  it('politely refuses people without write access, with no model call', async () => {
    const setup = promptPullRequestSetup({
      reviewComments: [{ id: 7401, body: `/promptgate ${APOLOGY_CRITIQUE}`, path: SUPPORT_REPLY_PATH, line: 14, author: 'outside-contributor' }],
    });
    const { github, model, run } = await start(setup);

    await run(
      'pull_request_review_comment',
      pullRequestReviewCommentEvent(github.setup, { comment: { id: 7401, body: `/promptgate ${APOLOGY_CRITIQUE}`, author: 'outside-contributor', path: SUPPORT_REPLY_PATH, line: 14 } }),
    );
    // triage is not write, whatever author_association says.
    await run('issue_comment', issueCommentEvent(github.setup, { comment: { id: 7402, body: `/promptgate suggest ${APOLOGY_CRITIQUE}`, author: 'hubot' } }));

    expect(model.requests).toHaveLength(0);
    const refusal = 'Sorry — only people with write, maintain or admin access to this repository can ask promptgate for prompt suggestions.';
    const [reply] = botReviewComments(github).filter((comment) => comment.id !== 7401);
    expect(reply!.body.split('\n')[0]).toBe(refusal);
    expect(reply!.in_reply_to_id).toBe(7401);
    expect(github.issueComments.map((comment) => comment.body.split('\n')[0])).toEqual([refusal]);
    expect(github.requests.filter((request) => request.operationId === 'repos/get-content')).toHaveLength(0);
    expect(github.schemaViolations).toEqual([]);
  });

  it('ignores bots, promptgate’s own comments and edits: no model call, nothing posted', async () => {
    const setup = promptPullRequestSetup({ reviewComments: findingThread({ start: 13, end: 14 }, { body: APOLOGY_CRITIQUE, author: 'mona' }) });
    const { github, model, run } = await start(setup);

    const bot = await run('pull_request_review_comment', replyEvent(github, `/promptgate ${APOLOGY_CRITIQUE}`, 'renovate[bot]'));
    const ownAnswer = await run(
      'issue_comment',
      issueCommentEvent(github.setup, { comment: { id: 7501, body: `/promptgate suggest ${APOLOGY_CRITIQUE}\n\n<!-- promptgate:suggestion -->`, author: 'mona' } }),
    );
    const edited = await run('pull_request_review_comment', replyEvent(github, APOLOGY_CRITIQUE, 'mona', 'edited'));

    for (const result of [bot, ownAnswer, edited]) expect(result.code).toBe(0);
    expect(model.requests).toHaveLength(0);
    expect(github.requests).toHaveLength(0);
    expect(edited.stdout).toContain('it was edited, not created; nothing to do.');
  });
});
