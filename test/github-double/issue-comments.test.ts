import { describe, expect, it } from 'vitest';
import { OWNER, PULL_NUMBER, REPO } from '../fixtures/github/prompt-pull-request.js';
import { failureOf, startDouble } from './helpers.js';

const issue = { owner: OWNER, repo: REPO, issue_number: PULL_NUMBER };
const MARKER = '<!-- promptgate:summary -->';

describe('pull request conversation comments', () => {
  it('finds a sticky summary comment by its marker among paginated comments and edits it', async () => {
    const { server, octokit } = await startDouble({
      issueComments: [
        ...Array.from({ length: 35 }, (_, index) => ({ body: `chatter ${index + 1}`, author: 'mona' })),
        { id: 7001, body: `${MARKER}\nold summary` },
      ],
    });

    const comments = await octokit.paginate(octokit.rest.issues.listComments, issue);
    const sticky = comments.find((comment) => comment.body?.includes(MARKER));
    const { data: edited } = await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: sticky?.id ?? 0,
      body: `${MARKER}\nnew summary`,
    });

    expect(comments).toHaveLength(36);
    expect(sticky?.id).toBe(7001);
    expect(sticky?.user?.login).toBe('github-actions[bot]');
    expect(sticky?.user?.type).toBe('Bot');
    expect(edited.body).toBe(`${MARKER}\nnew summary`);
    expect(server.issueComments.find((comment) => comment.id === 7001)?.body).toBe(`${MARKER}\nnew summary`);
    expect(server.issueComments).toHaveLength(36);
    expect(server.schemaViolations).toEqual([]);
  });

  it('creates a comment with 201 and lists it with its author and link', async () => {
    const { octokit } = await startDouble();

    const { status, data } = await octokit.rest.issues.createComment({ ...issue, body: `${MARKER}\nfirst summary` });
    const { data: listed } = await octokit.rest.issues.listComments(issue);

    expect(status).toBe(201);
    expect(listed.map((comment) => [comment.id, comment.body])).toEqual([[data.id, `${MARKER}\nfirst summary`]]);
    expect(data.html_url).toBe(`https://github.com/acme/storefront/pull/42#issuecomment-${data.id}`);
  });

  it('refuses a comment body over 65,536 characters', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(octokit.rest.issues.createComment({ ...issue, body: 'z'.repeat(65_537) }));

    expect(failure.status).toBe(422);
    expect(failure.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
    });
    expect(server.issueComments).toEqual([]);
  });

  it('counts characters, not UTF-16 units: 65,536 emoji fit', async () => {
    const { octokit } = await startDouble();

    const { status } = await octokit.rest.issues.createComment({ ...issue, body: '🚀'.repeat(65_536) });

    expect(status).toBe(201);
  });

  it('answers 404 for an edit of a comment that does not exist, and for another issue', async () => {
    const { octokit } = await startDouble();

    const edit = await failureOf(octokit.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: 1, body: 'x' }));
    const other = await failureOf(octokit.rest.issues.listComments({ ...issue, issue_number: 7 }));

    expect([edit.status, other.status]).toEqual([404, 404]);
  });

  it('filters by since on the update time', async () => {
    const { octokit } = await startDouble({
      issueComments: [{ body: 'one' }, { body: 'two' }, { body: 'three' }],
    });
    const { data: all } = await octokit.rest.issues.listComments(issue);

    const { data: recent } = await octokit.rest.issues.listComments({ ...issue, since: all[1]?.updated_at ?? '' });

    expect(recent.map((comment) => comment.body)).toEqual(['two', 'three']);
  });
});
