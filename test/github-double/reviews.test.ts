import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFY_PATH,
  HEAD_SHA,
  OWNER,
  PULL_NUMBER,
  REMOVED_PATH,
  REPO,
  SUPPORT_REPLY_PATCH,
  SUPPORT_REPLY_PATH,
} from '../fixtures/github/prompt-pull-request.js';
import { failureOf, sendUntyped, startDouble } from './helpers.js';

const pull = { owner: OWNER, repo: REPO, pull_number: PULL_NUMBER };

describe('creating a review', () => {
  it('accepts inline comments on added and context lines and lists them as review comments', async () => {
    const { server, octokit } = await startDouble();

    const { status, data: review } = await octokit.rest.pulls.createReview({
      ...pull,
      commit_id: HEAD_SHA,
      event: 'COMMENT',
      body: 'promptgate: 2 findings',
      comments: [
        { path: SUPPORT_REPLY_PATH, line: 6, side: 'RIGHT', body: 'temperature 0 <!-- pg:fp:aaa -->' },
        { path: SUPPORT_REPLY_PATH, start_line: 13, start_side: 'RIGHT', line: 14, side: 'RIGHT', body: 'two lines' },
        { path: CLASSIFY_PATH, line: 1, body: 'side defaults to RIGHT' },
      ],
    });

    expect(status).toBe(200);
    expect(review.state).toBe('COMMENTED');
    expect(review.user?.login).toBe('github-actions[bot]');
    expect(review.user?.type).toBe('Bot');
    expect(review.commit_id).toBe(HEAD_SHA);

    const { data: listed } = await octokit.rest.pulls.listReviewComments(pull);
    expect(listed.map((comment) => [comment.path, comment.start_line, comment.line, comment.side])).toEqual([
      [SUPPORT_REPLY_PATH, null, 6, 'RIGHT'],
      [SUPPORT_REPLY_PATH, 13, 14, 'RIGHT'],
      [CLASSIFY_PATH, null, 1, 'RIGHT'],
    ]);
    const first = listed[0];
    expect(first?.body).toBe('temperature 0 <!-- pg:fp:aaa -->');
    expect(first?.pull_request_review_id).toBe(review.id);
    expect(first?.commit_id).toBe(HEAD_SHA);
    expect(first?.user.login).toBe('github-actions[bot]');
    expect(first?.in_reply_to_id).toBeUndefined();
    expect(first?.html_url).toBe(`https://github.com/acme/storefront/pull/42#discussion_r${first?.id}`);
    // GitHub's diff_hunk runs from the hunk header down to the commented line.
    expect(first?.diff_hunk).toBe(
      [
        '@@ -3,14 +3,15 @@ name: Support reply',
        " description: Answers a customer's question about an order, within the refund policy.",
        ' model: gpt-4o-mini',
        ' modelParameters:',
        '-  temperature: 0.2',
        '+  temperature: 0',
      ].join('\n'),
    );
    expect(first?.position).toBe(5);
    expect(server.schemaViolations).toEqual([]);
  });

  it('accepts comments on removed lines on the LEFT side, and file-level comments', async () => {
    const { server, octokit } = await startDouble();

    await octokit.rest.pulls.createReview({
      ...pull,
      event: 'COMMENT',
      comments: [
        { path: SUPPORT_REPLY_PATH, line: 13, side: 'LEFT', body: 'the old wording' },
        { path: REMOVED_PATH, line: 2, side: 'LEFT', body: 'removed file' },
        // subject_type is not in the official schema of this endpoint, but GitHub honours it.
        { path: 'assets/logo.png', body: 'binary file', subject_type: 'file' } as { path: string; body: string },
      ],
    });

    expect(server.reviewComments.map((comment) => [comment.path, comment.line, comment.side, comment.subject_type])).toEqual([
      [SUPPORT_REPLY_PATH, 13, 'LEFT', 'line'],
      [REMOVED_PATH, 2, 'LEFT', 'line'],
      ['assets/logo.png', null, null, 'file'],
    ]);
    expect(server.schemaViolations).toEqual([]);
    expect(server.undocumentedFields.map((entry) => entry.field)).toEqual(['body.comments.2.subject_type']);
  });

  it('refuses the whole review with 422 when one comment is on a line outside the hunks', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.pulls.createReview({
        ...pull,
        event: 'COMMENT',
        body: 'summary',
        comments: [
          { path: SUPPORT_REPLY_PATH, line: 6, body: 'fine on its own' },
          // Head line 30 ("- name: outside the window") is between the second and third hunks.
          { path: SUPPORT_REPLY_PATH, line: 30, body: 'not in the diff' },
        ],
      }),
    );

    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({ message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
    expect(server.reviews).toEqual([]);
    expect(server.reviewComments).toEqual([]);
    // The request itself is schema-valid: only the diff rule refused it.
    expect(server.schemaViolations).toEqual([]);
  });

  it.each([
    ['a base line between two hunks, on the LEFT side', { line: 17, side: 'LEFT' }, 'Line could not be resolved'],
    ['the LEFT side of an added file', { path: CLASSIFY_PATH, line: 1, side: 'LEFT' }, 'Line could not be resolved'],
    ['a removed line asked for on the RIGHT side of a removed file', { path: REMOVED_PATH, line: 1 }, 'Line could not be resolved'],
    ['a binary file (no patch)', { path: 'assets/logo.png', line: 1 }, 'Line could not be resolved'],
    ['a file that is not in the pull request', { path: 'README.md', line: 1 }, 'Path could not be resolved'],
    [
      'a range that starts in another hunk',
      { start_line: 6, line: 23 },
      'Pull request review thread start line must be part of the same hunk as the line.',
    ],
    ['a range that ends before it starts', { start_line: 14, line: 13 }, 'Pull request review thread start line must precede the end line.'],
  ])('refuses a comment on %s', async (_case, placement, message) => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.pulls.createReview({
        ...pull,
        event: 'COMMENT',
        comments: [{ path: SUPPORT_REPLY_PATH, body: 'x', ...placement }],
      }),
    );

    expect(failure.status).toBe(422);
    expect((failure.response.data as { errors: string[] }).errors).toEqual([message]);
    expect(server.reviewComments).toEqual([]);
  });

  it('refuses a review for a commit that is not part of the pull request', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.pulls.createReview({ ...pull, commit_id: 'deadbeef'.repeat(5), event: 'COMMENT', body: 'x' }),
    );

    expect(failure.status).toBe(422);
    expect((failure.response.data as { errors: string[] }).errors).toEqual(['The commitOID is not part of the pull request']);
    expect(server.reviews).toEqual([]);
  });

  it('refuses an approval from GitHub Actions unless the repository allows it', async () => {
    const refused = await startDouble();
    const failure = await failureOf(refused.octokit.rest.pulls.createReview({ ...pull, event: 'APPROVE' }));
    expect(failure.status).toBe(422);
    expect((failure.response.data as { errors: string[] }).errors).toEqual(['GitHub Actions is not permitted to approve pull requests.']);

    const allowed = await startDouble({ allowActionsToApprove: true });
    const { data } = await allowed.octokit.rest.pulls.createReview({ ...pull, event: 'APPROVE' });
    expect(data.state).toBe('APPROVED');
  });

  it('refuses a review body of 65,537 characters and accepts one of 65,536', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.pulls.createReview({ ...pull, event: 'COMMENT', body: 'x'.repeat(65_537) }),
    );
    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequestReview', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
    });
    expect(server.reviews).toEqual([]);

    const { status } = await octokit.rest.pulls.createReview({ ...pull, event: 'COMMENT', body: 'x'.repeat(65_536) });
    expect(status).toBe(200);
  });

  it('refuses a review whose inline comment body is too long', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.pulls.createReview({
        ...pull,
        event: 'COMMENT',
        body: 'ok',
        comments: [{ path: SUPPORT_REPLY_PATH, line: 6, body: 'y'.repeat(65_537) }],
      }),
    );

    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({ errors: [{ resource: 'PullRequestReviewComment', field: 'body' }] });
    expect(server.reviews).toEqual([]);
  });

  it('answers 422 to a schema-invalid event and records the violation', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      sendUntyped(octokit, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...pull, event: 'BOGUS', body: 'x' }),
    );

    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({ message: 'Invalid request.' });
    expect(server.schemaViolations).toEqual([
      {
        operation: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        operationId: 'pulls/create-review',
        location: 'body',
        instancePath: '/event',
        message: `For '/event', "BOGUS" is not one of ["APPROVE","REQUEST_CHANGES","COMMENT"].`,
      },
    ]);
    expect(server.reviews).toEqual([]);
  });

  it('answers 422 to a comment line that is not an integer and records the violation', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      sendUntyped(octokit, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...pull,
        event: 'COMMENT',
        comments: [{ path: SUPPORT_REPLY_PATH, line: 'ten', body: 'x' }],
      }),
    );

    expect(failure.status).toBe(422);
    expect(server.schemaViolations.map((violation) => [violation.location, violation.instancePath])).toEqual([
      ['body', '/comments/0/line'],
    ]);
  });

  it('keeps a review without event pending and its comments out of the listing', async () => {
    const { server, octokit } = await startDouble();

    const { data } = await octokit.rest.pulls.createReview({
      ...pull,
      comments: [{ path: SUPPORT_REPLY_PATH, line: 6, body: 'draft' }],
    });

    expect(data.state).toBe('PENDING');
    expect(data.submitted_at).toBeUndefined();
    const { data: listed } = await octokit.rest.pulls.listReviewComments(pull);
    expect(listed).toEqual([]);
    const second = await failureOf(octokit.rest.pulls.createReview({ ...pull, body: 'again' }));
    expect((second.response.data as { errors: string[] }).errors).toEqual(['User can only have one pending review per pull request']);
    expect(server.reviews).toHaveLength(1);
  });

  it('lists reviews with their bodies, oldest first and page by page; a pending review only to its author', async () => {
    const { octokit, server } = await startDouble({ tokens: { 'mona-token': 'mona' } });
    for (const body of ['first', 'second', 'third']) await octokit.rest.pulls.createReview({ ...pull, commit_id: HEAD_SHA, event: 'COMMENT', body });
    const asMona = getOctokit('mona-token', { baseUrl: server.url });
    await asMona.rest.pulls.createReview({ ...pull, body: 'draft of mona' });

    const listed = await octokit.paginate(octokit.rest.pulls.listReviews, { ...pull, per_page: 2 });
    expect(listed.map((review) => [review.body, review.state, review.user?.login])).toEqual([
      ['first', 'COMMENTED', 'github-actions[bot]'],
      ['second', 'COMMENTED', 'github-actions[bot]'],
      ['third', 'COMMENTED', 'github-actions[bot]'],
    ]);
    const { data: monaSees } = await asMona.rest.pulls.listReviews(pull);
    expect(monaSees.map((review) => review.body)).toEqual(['first', 'second', 'third', 'draft of mona']);
    expect(server.schemaViolations).toEqual([]);
  });
});

describe('review comment threads', () => {
  it('threads replies under the first comment, also when replying to a reply', async () => {
    const { server, octokit } = await startDouble();
    await octokit.rest.pulls.createReview({
      ...pull,
      event: 'COMMENT',
      comments: [{ path: SUPPORT_REPLY_PATH, line: 23, body: 'finding' }],
    });
    const rootId = server.reviewComments[0]?.id ?? 0;

    const { status, data: reply } = await octokit.rest.pulls.createReplyForReviewComment({
      ...pull,
      comment_id: rootId,
      body: 'Fixed in the latest push.',
    });
    const { data: second } = await octokit.rest.pulls.createReplyForReviewComment({
      ...pull,
      comment_id: reply.id,
      body: 'Thanks!',
    });

    expect(status).toBe(201);
    expect(reply.in_reply_to_id).toBe(rootId);
    expect(second.in_reply_to_id).toBe(rootId);
    expect([reply.path, reply.line, reply.side]).toEqual([SUPPORT_REPLY_PATH, 23, 'RIGHT']);
    const { data: listed } = await octokit.rest.pulls.listReviewComments(pull);
    expect(listed.map((comment) => [comment.body, comment.in_reply_to_id])).toEqual([
      ['finding', undefined],
      ['Fixed in the latest push.', rootId],
      ['Thanks!', rootId],
    ]);
    // Like GitHub, each reply is filed under a submitted review of its own.
    expect(server.reviews.map((review) => review.state)).toEqual(['COMMENTED', 'COMMENTED', 'COMMENTED']);
  });

  it('answers 404 to a reply to a comment that does not exist', async () => {
    const { octokit } = await startDouble();
    const failure = await failureOf(
      octokit.rest.pulls.createReplyForReviewComment({ ...pull, comment_id: 999_999, body: 'hello?' }),
    );
    expect(failure.status).toBe(404);
  });

  it('edits a review comment and records reactions on it', async () => {
    const { server, octokit } = await startDouble({
      reviewComments: [{ id: 501, path: SUPPORT_REPLY_PATH, line: 41, body: 'old finding <!-- pg:fp:bbb -->' }],
    });

    const { data: edited } = await octokit.rest.pulls.updateReviewComment({
      owner: OWNER,
      repo: REPO,
      comment_id: 501,
      body: '~~old finding~~ fixed <!-- pg:fp:bbb -->',
    });
    const first = await octokit.rest.reactions.createForPullRequestReviewComment({
      owner: OWNER,
      repo: REPO,
      comment_id: 501,
      content: 'rocket',
    });
    const again = await octokit.rest.reactions.createForPullRequestReviewComment({
      owner: OWNER,
      repo: REPO,
      comment_id: 501,
      content: 'rocket',
    });

    expect(edited.body).toBe('~~old finding~~ fixed <!-- pg:fp:bbb -->');
    expect(edited.updated_at > edited.created_at).toBe(true);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    expect(server.reactions.map((reaction) => [reaction.comment_id, reaction.content, reaction.user.login])).toEqual([
      [501, 'rocket', 'github-actions[bot]'],
    ]);
    expect(server.reviewComments[0]?.reactions.rocket).toBe(1);
  });

  it('creates a single review comment, and a file-level one, through the comments endpoint', async () => {
    const { server, octokit } = await startDouble();

    const { status, data } = await octokit.rest.pulls.createReviewComment({
      ...pull,
      commit_id: HEAD_SHA,
      path: CLASSIFY_PATH,
      subject_type: 'file',
      body: 'This new prompt has no tests.',
    });
    const failure = await failureOf(
      octokit.rest.pulls.createReviewComment({ ...pull, commit_id: HEAD_SHA, path: CLASSIFY_PATH, line: 40, body: 'x' }),
    );

    expect(status).toBe(201);
    expect([data.subject_type, data.line]).toEqual(['file', null]);
    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'pull_request_review_thread.line', message: 'pull_request_review_thread.line must be part of the diff' }],
    });
    expect(server.schemaViolations).toEqual([]);
  });

  it('marks comments outdated when a push changes their line, and keeps the others', async () => {
    const { server, octokit } = await startDouble({
      reviewComments: [
        { id: 601, path: SUPPORT_REPLY_PATH, line: 6, body: 'on temperature' },
        { id: 602, path: SUPPORT_REPLY_PATH, line: 23, body: 'on the new assertion' },
      ],
    });
    const newHead = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
    // The push reverts the temperature change; the other hunks stay as they were.
    const patchAfterRevert = [
      '@@ -10,7 +10,8 @@ messages:',
      '     content: |',
      '       You are the support assistant for {{shop.name}}.',
      '       Refund policy: customers may return any item within {{shop.refundDays}} days of delivery for a full refund.',
      '-      Answer in at most three sentences.',
      '+      Answer in at most three sentences. Never promise anything the policy does not allow.',
      "+      Reply in the customer's language.",
      '   - role: user',
      '     content: "{{question}}"',
      ' vars:',
      SUPPORT_REPLY_PATCH.slice(SUPPORT_REPLY_PATCH.indexOf('@@ -19,6')),
    ].join('\n');

    server.pushCommit({
      sha: newHead,
      files: [{ filename: SUPPORT_REPLY_PATH, status: 'modified', additions: 8, deletions: 1, changes: 9, patch: patchAfterRevert }],
    });

    const { data: listed } = await octokit.rest.pulls.listReviewComments(pull);
    expect(listed.map((comment) => [comment.id, comment.line, comment.original_line, comment.position, comment.commit_id])).toEqual([
      [601, null, 6, null, HEAD_SHA],
      [602, 23, 23, 14, newHead],
    ]);
    // The old head is still a commit of the pull request, so a review may still target it.
    const { status } = await octokit.rest.pulls.createReview({ ...pull, commit_id: HEAD_SHA, event: 'COMMENT', body: 'late' });
    expect(status).toBe(200);
  });
});
