// The Action on pull request events, end to end: the built dist/index.js under Node 24, the GitHub
// double as the API and the scripted model double as the model. Assertions are on what the doubles
// received, the outputs file, the job summary and the exit status.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFY_PATH,
  HEAD_SHA,
  PULL_NUMBER,
  SUPPORT_REPLY_BASE,
  SUPPORT_REPLY_HEAD,
  SUPPORT_REPLY_PATH,
  promptPullRequestSetup,
} from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { sentToGitHub, visibleLog } from './support/leak-views.js';
import type { GitHubDoubleSetup } from '../support/github-server.js';
import { operations, startPullRequest } from './support/pull-request-fixture.js';
import { startReadOnlyProxy } from './support/read-only-proxy.js';
import { useActionHarness, runAction, workspaceWith, writeFiles } from './support/run-action.js';
import type { RunReport } from '../../src/types.js';
import {
  ANGRY_OUTPUT,
  API_KEY,
  HEAD_2_SHA,
  REFUND_BASE_OUTPUT,
  REFUND_HEAD_OUTPUT,
  SUPPORT_REPLY_HEAD_2,
  SUPPORT_REPLY_RIGHT_LINES,
  filesAfterSecondPush,
  type ModelOptions,
} from './support/scenario.js';

const harness = useActionHarness();
const { cleanups } = harness;

const start = (setup?: GitHubDoubleSetup, model: ModelOptions = {}) => startPullRequest(harness, setup, model);

describe('the action on a pull request', () => {
  it('posts one review with in-diff anchors, labels the regression with base and head output, and sets the outputs', async () => {
    const { github, model, run } = await start();

    const result = await run();

    // fail-on defaults to failure: any failing test fails the step.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: 2 of 5 tests failed');
    expect(result.outputs).toMatchObject({ total: '5', passed: '3', failed: '2', errored: '0', regressions: '1', 'pass-rate': '0.6' });
    const results = JSON.parse(await readFile(result.outputs['results-file']!, 'utf8')) as RunReport;
    expect(results.summary).toMatchObject({ total: 5, failed: 2 });
    expect(readdirSync(dirname(result.outputs['results-file']!))).toContain('base-results.json');

    // The scripted model answers each prompt the same way every time. The 3 tests on both sides get
    // the first look, 4 samples a side: two are steady and alike (unchanged, no more samples), and
    // "refund window" at 4/4 → 0/4 has Fisher's p = 1/70, not yet significant at the first look's
    // share (0.05) of the 5% rate, so it takes the second look, 8 a side: p = 1/12,870, a
    // regression. The 2 new tests run once each. 3 × 8 + 2 + 8 = 34 calls.
    expect(model.requests).toHaveLength(34);
    const evidence = (test: string) => results.results.find((entry) => entry.test === test)?.comparison;
    expect(evidence('refund window')).toMatchObject({ change: 'regression', base: { passed: 8, samples: 8 }, head: { passed: 0, samples: 8 } });
    expect(evidence('greeting stays short')).toMatchObject({ change: 'unchanged', base: { passed: 4, samples: 4 }, head: { passed: 4, samples: 4 } });
    expect(evidence('angry customer')).toMatchObject({ change: 'new', head: { passed: 0, samples: 1 } });
    expect(results.summary.comparison).toMatchObject({ regression: 1, improvement: 0, unchanged: 2, inconclusive: 0, new: 2, falseAlarmRate: 0.05 });
    expect(new Set(model.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${API_KEY}`]));

    expect(github.reviews).toHaveLength(1);
    const review = github.reviews[0]!;
    expect(review).toMatchObject({ state: 'COMMENTED', commit_id: HEAD_SHA });
    expect(github.reviewComments).toHaveLength(2);
    for (const comment of github.reviewComments) {
      expect(comment.path).toBe(SUPPORT_REPLY_PATH);
      expect(comment.side).toBe('RIGHT');
      expect([...SUPPORT_REPLY_RIGHT_LINES]).toContain(comment.line);
      if (comment.start_line !== null) expect([...SUPPORT_REPLY_RIGHT_LINES]).toContain(comment.start_line);
    }
    const [regression, newFailure] = github.reviewComments;
    expect(regression!.body).toContain('**Regression**: "refund window" passes less often than on the base branch (8/8 → 0/8)');
    // Wilson's 95% interval, by hand: 8/8 → centre (1 + 1.96²/16) / (1 + 1.96²/8) = 0.838, half-width
    // 1.96 × √(1.96²/256) / 1.480 = 0.162, so 67.6–100%; 0/8 mirrors it, 0–32.4%.
    expect(regression!.body).toContain('**Samples passed:** 8/8 (68–100%) on the base branch → 0/8 (0–32%) now');
    expect(regression!.body).toContain('Output on the base branch (passed)');
    expect(regression!.body).toContain(REFUND_BASE_OUTPUT);
    expect(regression!.body).toContain('Output now');
    expect(regression!.body).toContain(REFUND_HEAD_OUTPUT);
    expect(newFailure!.body).toContain('"angry customer"');
    expect(newFailure!.body).toContain(ANGRY_OUTPUT);
    // The new test block (head lines 41–45) is all added: the comment spans it.
    expect([newFailure!.start_line, newFailure!.line]).toEqual([41, 45]);

    expect(github.issueComments).toHaveLength(1);
    const summaryComment = github.issueComments[0]!.body;
    expect(summaryComment).toMatch(/^<!-- promptgate:summary job=[0-9a-f]{12} -->\n## ❌ promptgate: 1 regression/);
    expect(summaryComment).toContain('| `prompts/support-reply.prompt.yaml:25` | refund window | 8/8 (68–100%) → 0/8 (0–32%) |');
    expect(summaryComment).toContain('a false-alarm rate of 5%');
    expect(result.summary).toContain('Compared with the base commit');
    expect(result.summary).toContain('| Regression | refund window | `prompts/support-reply.prompt.yaml:25` | 8/8 (68–100%) | 0/8 (0–32%) |');
    expect(result.summary).toContain('a false-alarm rate of 5%');
    // Workflow commands escape ':' in properties as %3A.
    expect(result.stdout).toMatch(/::error title=promptgate%3A Support reply › refund window%3A regression \(8\/8 → 0\/8 samples passed\),file=prompts\/support-reply\.prompt\.yaml,line=25::/);

    // The base was read through the API at the base sha (a shallow checkout does not have it).
    const contentReads = github.requests.filter((request) => request.operationId === 'repos/get-content');
    // Octokit sends the path's slashes as %2F; GitHub (and the double) read it either way.
    expect(contentReads.map((request) => [decodeURIComponent(request.path), request.query['ref']])).toEqual([
      [`/repos/acme/storefront/contents/${SUPPORT_REPLY_PATH}`, '3f786850e387550fdab836ed7e6dc881de23001b'],
    ]);
    expect(github.schemaViolations).toEqual([]);
    expect(sentToGitHub(github)).not.toContain(API_KEY);
    expect(visibleLog(result.stdout + result.stderr)).not.toContain(API_KEY);
    expect(result.stdout).toContain(`::add-mask::${API_KEY}`);
  });

  it('posts nothing twice on a rerun, then marks the fixed finding after a push and edits the summary in place', async () => {
    const { github, model, workspace, run } = await start();

    const first = await run();
    expect(first.code).toBe(1);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(2);

    // Same head again (a re-run): answers come from the cache, nothing new is posted.
    model.resetStats();
    const second = await run();
    expect(second.code).toBe(1);
    expect(model.requests).toHaveLength(0);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(2);
    expect(github.issueComments).toHaveLength(1);

    // A push adds "Apologise when an order is late." — the angry customer now gets a "sorry".
    github.pushCommit({ sha: HEAD_2_SHA, files: filesAfterSecondPush(github.setup.files) });
    await writeFiles(workspace, { [SUPPORT_REPLY_PATH]: SUPPORT_REPLY_HEAD_2 });
    const third = await run();

    expect(third.code).toBe(1);
    expect(third.outputs).toMatchObject({ total: '5', passed: '4', failed: '1', regressions: '1' });
    expect(github.reviews).toHaveLength(1);
    const angry = github.reviewComments.find((comment) => comment.body.includes('"angry customer"'))!;
    expect(angry.body).toContain(`✅ **Fixed** in ${HEAD_2_SHA.slice(0, 7)}`);
    expect(angry.body).toContain('state=fixed');
    const refund = github.reviewComments.find((comment) => comment.body.includes('"refund window"'))!;
    expect(refund.body).not.toContain('Fixed');
    expect(github.issueComments).toHaveLength(1);
    expect(github.issueComments[0]!.body).toContain(HEAD_2_SHA.slice(0, 7));
    expect(operations(github).filter((operation) => operation === 'issues/update-comment').length).toBeGreaterThanOrEqual(1);
    expect(operations(github).filter((operation) => operation === 'issues/create-comment')).toHaveLength(1);
    expect(operations(github).filter((operation) => operation === 'pulls/update-review-comment')).toHaveLength(1);

    // A fourth run on the same head edits nothing again: the fixed comment is fixed once.
    await run();
    expect(operations(github).filter((operation) => operation === 'pulls/update-review-comment')).toHaveLength(1);
    expect(github.schemaViolations).toEqual([]);
  });

  it('puts findings over max-comments in the review body once, and does not repeat them on a rerun', async () => {
    const { github, run } = await start();

    await run({ inputs: { 'max-comments': '1' } });
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments.map((comment) => comment.body.split('\n')[0])).toEqual([
      '**Regression**: "refund window" passes less often than on the base branch (8/8 → 0/8)',
    ]);
    expect(github.reviews[0]!.body).toContain('**New failure**: "angry customer"');

    await run({ inputs: { 'max-comments': '1' } });
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(1);
    expect(github.issueComments).toHaveLength(1);
  });

  it('fails per fail-on: regression fails on a regression, passes with only a new failure; never always passes', async () => {
    const withRegression = await start();
    const regression = await withRegression.run({ inputs: { 'fail-on': 'regression' } });
    expect(regression.code).toBe(1);
    expect(regression.stdout).toContain('::error::promptgate: 1 regression: passes less often at the head than at the base commit');
    const never = await withRegression.run({ inputs: { 'fail-on': 'never' } });
    expect(never.code).toBe(0);
    expect(never.stdout).toContain('promptgate: fail-on is never: 3 passed, 2 failed, 0 errored of 5 tests');

    const noRegression = await start(promptPullRequestSetup(), { refundPassesAtHead: true });
    const regressionOnly = await noRegression.run({ inputs: { 'fail-on': 'regression' } });
    expect(regressionOnly.code).toBe(0);
    expect(regressionOnly.outputs).toMatchObject({ failed: '1', regressions: '0' });
    const failure = await noRegression.run({ inputs: { 'fail-on': 'failure' } });
    expect(failure.code).toBe(1);
    expect(failure.stdout).toContain('::error::promptgate: 1 of 5 tests failed');
  });

  it('with comment: summary posts only the summary comment, and with comment: none nothing at all', async () => {
    const { github, run } = await start();

    const summaryOnly = await run({ inputs: { comment: 'summary' } });
    expect(summaryOnly.code).toBe(1);
    expect(github.reviews).toHaveLength(0);
    expect(github.issueComments).toHaveLength(1);

    const before = github.requests.length;
    const silent = await run({ inputs: { comment: 'none' } });
    expect(silent.code).toBe(1);
    const writes = github.requests.slice(before).filter((request) => request.method !== 'GET');
    expect(writes).toEqual([]);
    expect(silent.summary).toContain('Compared with the base commit');
  });

  it('waits out a secondary rate limit on the review and posts it once', async () => {
    const { github, run } = await start();
    github.failNext(1, '403-secondary', { operationId: 'pulls/create-review', retryAfterSeconds: 1 });

    const result = await run();

    expect(result.code).toBe(1);
    expect(operations(github).filter((operation) => operation.startsWith('pulls/create-review'))).toEqual([
      'pulls/create-review (403-secondary)',
      'pulls/create-review',
    ]);
    expect(github.reviews).toHaveLength(1);
    expect(result.stdout).toContain('GitHub answered 403 to POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews; trying again in 1 s');
    expect(github.schemaViolations).toEqual([]);
  });

  it('falls back to annotations when the token cannot write, with the verdict unchanged', async () => {
    const { github, run } = await start();
    const proxy = await startReadOnlyProxy(github.url);
    cleanups.push(() => proxy.close());

    const result = await run({ githubApiUrl: proxy.url });

    expect(result.code).toBe(1);
    expect(proxy.refused).toEqual([
      `POST /repos/acme/storefront/pulls/${PULL_NUMBER}/reviews`,
      `POST /repos/acme/storefront/issues/${PULL_NUMBER}/comments`,
    ]);
    expect(github.reviews).toHaveLength(0);
    expect(result.stdout).toMatch(/::error title=[^\n]*refund window[^\n]*,file=prompts\/support-reply\.prompt\.yaml,line=25::/);
    expect(result.stdout).toMatch(/::error title=[^\n]*angry customer[^\n]*,file=prompts\/support-reply\.prompt\.yaml,line=41::/);
    expect(result.stdout).toContain('::warning::could not post the review (403: Resource not accessible by integration');
    expect(result.stdout).toContain('::error::promptgate: 2 of 5 tests failed');
    expect(result.outputs).toMatchObject({ failed: '2', regressions: '1' });
  });

  it('makes no model call on a fork pull request without secrets, says why, and succeeds', async () => {
    const { github, model, run } = await start();
    const payload = pullRequestEvent(github.setup, { action: 'synchronize' });
    const head = payload.pull_request.head as unknown as { repo: { full_name: string; owner: { login: string } } };
    head.repo.full_name = 'outside-contributor/storefront';
    head.repo.owner.login = 'outside-contributor';

    const result = await run({ payload, inputs: { 'api-key': '' } });

    expect(result.code).toBe(0);
    expect(model.requests).toHaveLength(0);
    expect(result.summary).toContain('secrets are not available to workflows from forks; no model calls were made');
    expect(github.issueComments).toHaveLength(1);
    expect(github.issueComments[0]!.body).toContain('secrets are not available to workflows from forks');
    expect(github.reviews).toHaveLength(0);
    expect(result.outputs).toMatchObject({ total: '0', passed: '0', failed: '0', errored: '0', regressions: '0' });
  });

  it('with pull_request_target, reads the head files through the API as data and leaves the workspace alone', async () => {
    const { github, model } = await start();
    // The workspace of a pull_request_target run holds the base branch.
    const baseWorkspace = await workspaceWith({ [SUPPORT_REPLY_PATH]: SUPPORT_REPLY_BASE });

    const result = await runAction({
      node: harness.node,
      eventName: 'pull_request_target',
      payload: pullRequestEvent(github.setup),
      workspace: baseWorkspace,
      githubToken: github.token,
      githubApiUrl: github.url,
      inputs: { 'api-key': API_KEY, 'base-url': model.url },
    });

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ total: '5', failed: '2', regressions: '1' });
    const reads = github.requests.filter((request) => request.operationId === 'repos/get-content').map((request) => [decodeURIComponent(request.path.split('/contents/')[1]!), request.query['ref']]);
    expect(reads).toEqual(
      expect.arrayContaining([
        [SUPPORT_REPLY_PATH, HEAD_SHA],
        [CLASSIFY_PATH, HEAD_SHA],
        [SUPPORT_REPLY_PATH, '3f786850e387550fdab836ed7e6dc881de23001b'],
      ]),
    );
    expect(await readFile(join(baseWorkspace, SUPPORT_REPLY_PATH), 'utf8')).toBe(SUPPORT_REPLY_BASE);
    expect(existsSync(join(baseWorkspace, CLASSIFY_PATH)), `${CLASSIFY_PATH} was written into the workspace`).toBe(false);
    expect(github.reviews).toHaveLength(1);
    for (const comment of github.reviewComments) expect([...SUPPORT_REPLY_RIGHT_LINES]).toContain(comment.line);
    expect(github.schemaViolations).toEqual([]);
  });

  it('compares a renamed prompt file with its old name at the base', async () => {
    const renamed = 'prompts/support/reply.prompt.yaml';
    const setup = promptPullRequestSetup();
    setup.files = setup.files.map((file) =>
      file.filename === SUPPORT_REPLY_PATH ? { ...file, filename: renamed, previous_filename: SUPPORT_REPLY_PATH, status: 'renamed' } : file,
    );
    const { github, workspace, run } = await start(setup);
    await writeFiles(workspace, { [renamed]: SUPPORT_REPLY_HEAD });

    const result = await run();

    expect(result.outputs).toMatchObject({ total: '5', failed: '2', regressions: '1' });
    const reads = github.requests.filter((request) => request.operationId === 'repos/get-content');
    expect(reads.map((request) => decodeURIComponent(request.path.split('/contents/')[1]!))).toEqual([SUPPORT_REPLY_PATH]);
    expect(github.reviewComments.map((comment) => comment.path)).toEqual([renamed, renamed]);
  });

  it('says so in one line and calls no model when no prompt file changed', async () => {
    const setup = promptPullRequestSetup({
      files: [{ filename: 'assets/logo.png', status: 'modified', additions: 0, deletions: 0, changes: 0 }],
    });
    const { github, model, run } = await start(setup);

    const result = await run();

    expect(result.code).toBe(0);
    expect(model.requests).toHaveLength(0);
    expect(result.summary).toContain('No prompt files selected by `prompts` changed in this pull request; nothing to run.');
    expect(github.issueComments).toHaveLength(1);
    expect(github.reviews).toHaveLength(0);
    expect(result.outputs).toMatchObject({ total: '0', regressions: '0', 'pass-rate': '1' });
  });

  it('runs only the changed files the prompts input selects', async () => {
    const { github, model, run } = await start();

    const result = await run({ inputs: { prompts: 'prompts/**/*.prompt.yml' } });

    // Only classify-intent.prompt.yml matches the glob; it passes.
    expect(result.code).toBe(0);
    expect(model.requests.map((request) => request.lastUserMessage)).toEqual(['Where is my parcel?']);
    expect(result.outputs).toMatchObject({ total: '1', passed: '1' });
    expect(github.reviews).toHaveLength(0);
  });
});
