// GitHub's size limit on a big suite, end to end through dist/index.js: every body fits within
// 65,536 characters by construction, and a re-run posts no review twice — even when GitHub refuses
// the summary, which holds the memory of what earlier review bodies said.
import { describe, expect, it } from 'vitest';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import type { GitHubDouble } from '../support/github-server.js';
import { operations, startPullRequest } from './support/pull-request-fixture.js';
import { useActionHarness } from './support/run-action.js';

const harness = useActionHarness();

const GITHUB_LIMIT = 65_536;
const BIG_PATH = 'prompts/big.prompt.yaml';
const TESTS = 4_500;

/** A new prompt file of `count` tests that all fail: the model never says the word they want. */
function bigSuite(count: number): string {
  const tests = Array.from({ length: count }, (_, index) => `  - name: case ${index + 1}\n    vars:\n      q: question ${index + 1}`);
  return [
    'name: Big suite',
    'model: gpt-4o-mini',
    'messages:',
    '  - role: user',
    '    content: "{{q}}"',
    'assert:',
    '  - contains: "a word the model never says"',
    'tests:',
    ...tests,
  ].join('\n') + '\n';
}

function addedFilePatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join('\n');
}

/** Every comment, review and review comment body the Action sent, with its length in characters (code points, as GitHub counts). */
function sentBodies(github: GitHubDouble): { operation: string; length: number }[] {
  return github.requests.flatMap((request) => {
    const body = request.body as { body?: string; comments?: { body: string }[] } | undefined;
    const texts = [...(typeof body?.body === 'string' ? [body.body] : []), ...(body?.comments ?? []).map((comment) => comment.body)];
    return texts.map((text) => ({ operation: request.operationId ?? request.path, length: Array.from(text).length }));
  });
}

describe('GitHub’s size limit', () => {
  it(`with ${TESTS.toLocaleString('en')} failing tests: every body fits, the summary is accepted, and a re-run posts nothing twice`, async () => {
    const suite = bigSuite(TESTS);
    const setup = promptPullRequestSetup({
      files: [{ filename: BIG_PATH, status: 'added', additions: suite.split('\n').length - 1, deletions: 0, changes: suite.split('\n').length - 1, patch: addedFilePatch(suite) }],
    });
    const { github, run } = await startPullRequest(harness, setup, {}, { [BIG_PATH]: suite });

    const first = await run({ inputs: { concurrency: '64' } });

    expect(first.outputs).toMatchObject({ total: String(TESTS), failed: String(TESTS) });
    const tooLong = sentBodies(github).filter((body) => body.length > GITHUB_LIMIT);
    expect(tooLong).toEqual([]);
    expect(github.requests.filter((request) => request.status === 422).map((request) => request.operationId)).toEqual([]);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(30);
    expect(github.reviews[0]!.body).toMatch(/…and [\d,]+ more findings not shown here, to stay within GitHub's size limit/);
    expect(github.issueComments).toHaveLength(1);
    expect(github.issueComments[0]!.body).toContain(`## ❌ promptgate: ${TESTS.toLocaleString('en')} failing tests`);

    const second = await run({ inputs: { concurrency: '64' } });

    expect(second.outputs).toMatchObject({ failed: String(TESTS) });
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(30);
    expect(github.issueComments).toHaveLength(1);
    expect(operations(github).filter((operation) => operation === 'pulls/create-review')).toHaveLength(1);
    expect(sentBodies(github).filter((body) => body.length > GITHUB_LIMIT)).toEqual([]);
    expect(github.schemaViolations).toEqual([]);
  }, 120_000);

  it('with a thousand problems in the prompt files: the summary fits and says how many lines it left out', async () => {
    // Every test names an assertion type that does not exist: one problem each, nothing is run.
    const suite = bigSuite(1_000).replace(/\n    vars:\n/g, '\n    assert:\n      - no-such-assertion: x\n    vars:\n');
    const setup = promptPullRequestSetup({
      files: [{ filename: BIG_PATH, status: 'added', additions: suite.split('\n').length - 1, deletions: 0, changes: suite.split('\n').length - 1, patch: addedFilePatch(suite) }],
    });
    const { github, model, run } = await startPullRequest(harness, setup, {}, { [BIG_PATH]: suite });

    const result = await run();

    expect(result.stdout).toMatch(/::error::promptgate: .*problem/);
    expect(model.requests).toHaveLength(0);
    expect(sentBodies(github).filter((body) => body.length > GITHUB_LIMIT)).toEqual([]);
    expect(github.issueComments).toHaveLength(1);
    expect(github.issueComments[0]!.body).toContain('the prompt files have problems');
    expect(github.issueComments[0]!.body).toMatch(/…and [\d,]+ more lines: the job summary and the annotations have them all\./);
  });

  it('when GitHub refuses the summary, a re-run still posts no second review', async () => {
    const { github, run } = await startPullRequest(harness);
    // Refused on the first two runs, whatever is sent.
    github.failNext(2, '422', { operationId: 'issues/create-comment' });

    // One finding inline, the other in the review body: only the summary (or the review) remembers that one.
    const first = await run({ inputs: { 'max-comments': '1' } });
    expect(first.stdout).toContain('::warning::could not write the summary comment (422');
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]!.body).toContain('"angry customer"');

    await run({ inputs: { 'max-comments': '1' } });
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(1);
    expect(github.issueComments).toHaveLength(0);

    // Accepted at last: the summary takes over the review's record, and still nothing is posted twice.
    await run({ inputs: { 'max-comments': '1' } });
    await run({ inputs: { 'max-comments': '1' } });
    expect(github.issueComments).toHaveLength(1);
    expect(github.reviews).toHaveLength(1);
    expect(operations(github).filter((operation) => operation.startsWith('issues/create-comment'))).toEqual([
      'issues/create-comment (422)',
      'issues/create-comment (422)',
      'issues/create-comment',
    ]);
    expect(github.schemaViolations).toEqual([]);
  });
});
