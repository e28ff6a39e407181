// Several promptgate jobs on one pull request, end to end through dist/index.js: a matrix over
// models, and jobs with different `prompts` selections. Each keeps its own summary and findings,
// and marks fixed only what it posted; comments from before job identities are adopted by the job
// without an `id`.
import { describe, expect, it } from 'vitest';
import { HEAD_SHA, SUPPORT_REPLY_PATH } from '../fixtures/github/prompt-pull-request.js';
import type { GitHubDouble } from '../support/github-server.js';
import { operations, startPullRequest } from './support/pull-request-fixture.js';
import { useActionHarness, writeFiles } from './support/run-action.js';
import { HEAD_2_SHA, SUPPORT_REPLY_HEAD_2, filesAfterSecondPush } from './support/scenario.js';

const harness = useActionHarness();

const SUMMARY_FIRST_LINE = /^<!-- promptgate:summary job=([0-9a-f]{12}) -->\n(.*)/;

/** Each summary's job key and heading, in the order they were created. */
function summaries(github: GitHubDouble): { job: string; heading: string }[] {
  return github.issueComments.map((comment) => {
    const match = SUMMARY_FIRST_LINE.exec(comment.body);
    return { job: match?.[1] ?? `no job marker: ${comment.body.slice(0, 60)}`, heading: match?.[2] ?? '' };
  });
}

function fixedComments(github: GitHubDouble): string[] {
  return github.reviewComments.filter((comment) => comment.body.includes('state=fixed')).map((comment) => comment.body.split('\n')[0]!);
}

describe('several promptgate jobs on one pull request', () => {
  it('a matrix over models: each job posts and keeps its own findings and summary, and a re-run updates only its own', async () => {
    // model-b says sorry to the angry customer: only model-a fails that test.
    const { github, workspace, run } = await startPullRequest(harness, undefined, { apologisingModel: 'model-b' });
    const jobA = { inputs: { model: 'model-a' } };
    const jobB = { inputs: { model: 'model-b' } };

    await run(jobA);
    expect(github.reviewComments.map((comment) => comment.body.split('\n')[0])).toEqual([
      '**Regression**: "refund window" passes less often than on the base branch (8/8 → 0/8)',
      '**New failure**: "angry customer" fails, and there is no such test on the base branch',
    ]);

    await run(jobB);

    // Job B posts its own review with its one finding, and leaves job A's findings alone.
    expect(github.reviews).toHaveLength(2);
    expect(github.reviews[1]!.body).toMatch(/^<!-- promptgate:review job=[0-9a-f]{12} -->\n### ❌ promptgate \(model-b\): 1 failing test/);
    expect(github.reviewComments).toHaveLength(3);
    expect(github.reviewComments[2]!.body).toContain('"refund window"');
    expect(github.reviewComments[2]!.body).toContain('<sub>promptgate (model-b)</sub>');
    expect(fixedComments(github)).toEqual([]);
    expect(operations(github)).not.toContain('pulls/update-review-comment');
    expect(summaries(github)).toEqual([
      { job: expect.stringMatching(/^[0-9a-f]{12}$/), heading: '## ❌ promptgate (model-a): 1 regression, 1 other failing' },
      { job: expect.stringMatching(/^[0-9a-f]{12}$/), heading: '## ❌ promptgate (model-b): 1 regression' },
    ]);
    const [summaryA, summaryB] = summaries(github);
    expect(summaryA!.job).not.toBe(summaryB!.job);

    // A re-run of job A (same inputs, same identity) says nothing new and edits only its own summary.
    const summaryBBody = github.issueComments[1]!.body;
    await run(jobA);
    expect(github.reviews).toHaveLength(2);
    expect(github.reviewComments).toHaveLength(3);
    expect(summaries(github).map((summary) => summary.job)).toEqual([summaryA!.job, summaryB!.job]);
    expect(github.issueComments[1]!.body).toBe(summaryBBody);

    // A push fixes the angry customer for model-a too: job A marks its own comment fixed, nothing of B's.
    github.pushCommit({ sha: HEAD_2_SHA, files: filesAfterSecondPush(github.setup.files) });
    await writeFiles(workspace, { [SUPPORT_REPLY_PATH]: SUPPORT_REPLY_HEAD_2 });
    await run(jobA);
    expect(fixedComments(github)).toEqual([`✅ **Fixed** in ${HEAD_2_SHA.slice(0, 7)}: this test no longer fails this way.`]);
    expect(github.reviewComments.find((comment) => comment.body.includes('state=fixed'))!.body).toContain('"angry customer"');
    expect(github.issueComments[1]!.body).toBe(summaryBBody);
    expect(github.schemaViolations).toEqual([]);
  });

  it('jobs with different prompts selections: one passing does not mark the other’s findings fixed or replace its summary', async () => {
    const { github, run } = await startPullRequest(harness);

    await run({ inputs: { id: 'support', prompts: SUPPORT_REPLY_PATH } });
    expect(github.reviewComments).toHaveLength(2);
    // The classify prompt passes: this job has nothing to say about the support reply.
    await run({ inputs: { id: 'classify', prompts: 'prompts/**/*.prompt.yml' } });

    expect(fixedComments(github)).toEqual([]);
    expect(github.reviews).toHaveLength(1);
    expect(summaries(github).map((summary) => summary.heading)).toEqual([
      '## ❌ promptgate (support): 1 regression, 1 other failing',
      '## ✅ promptgate (classify): all 1 test pass',
    ]);
    expect(github.schemaViolations).toEqual([]);
  });

  it('a job without an id adopts the comments of a version without job identities: nothing is posted twice, the old summary is reused', async () => {
    const { github, workspace, run } = await startPullRequest(harness);
    await run();
    // What an earlier version left: the same comments, with markers that name no job.
    for (const comment of github.reviewComments) comment.body = comment.body.replace(/ job=[0-9a-f]+/, '');
    for (const review of github.reviews) review.body = review.body.replace(/ job=[0-9a-f]+/, '');
    const summary = github.issueComments[0]!;
    summary.body = summary.body.replace(/^<!-- promptgate:summary job=[0-9a-f]+ -->/, '<!-- promptgate:summary -->');

    await run();
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(2);
    expect(github.issueComments).toHaveLength(1);
    expect(summary.body).toMatch(SUMMARY_FIRST_LINE);

    // A job with an id does not take them over: it posts its own.
    await run({ inputs: { id: 'nightly' } });
    expect(github.reviewComments).toHaveLength(4);
    expect(github.issueComments).toHaveLength(2);

    // The adopted comment is marked fixed by the job that adopted it, once.
    github.pushCommit({ sha: HEAD_2_SHA, files: filesAfterSecondPush(github.setup.files) });
    await writeFiles(workspace, { [SUPPORT_REPLY_PATH]: SUPPORT_REPLY_HEAD_2 });
    await run();
    const fixed = github.reviewComments.filter((comment) => comment.body.includes('state=fixed'));
    expect(fixed.map((comment) => comment.id)).toEqual([github.reviewComments[1]!.id]);
    expect(fixed[0]!.body).toMatch(/<!-- promptgate:finding fp=[0-9a-f]{16} job=[0-9a-f]{12} state=fixed -->$/);
    expect(github.reviews.map((review) => review.commit_id)).toEqual([HEAD_SHA, HEAD_SHA]);
    expect(github.schemaViolations).toEqual([]);
  });
});
