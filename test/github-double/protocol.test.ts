// Authentication, unknown routes, failure injection and schema bookkeeping.
import { describe, expect, it } from 'vitest';
import { getOctokit } from '@actions/github';
import { OWNER, PULL_NUMBER, REPO } from '../fixtures/github/prompt-pull-request.js';
import { failureOf, sendUntyped, startDouble } from './helpers.js';

const pull = { owner: OWNER, repo: REPO, pull_number: PULL_NUMBER };

describe('failure injection', () => {
  it('answers a secondary rate limit with 403 and retry-after, then serves the retry', async () => {
    const { server, octokit } = await startDouble();
    server.failNext(1, '403-secondary', { method: 'POST', path: '/reviews' });

    // A GET is not matched by the filter and goes through.
    await octokit.rest.pulls.get(pull);
    const failure = await failureOf(octokit.rest.pulls.createReview({ ...pull, event: 'COMMENT', body: 'hello' }));
    const retry = await octokit.rest.pulls.createReview({ ...pull, event: 'COMMENT', body: 'hello' });

    expect(failure.status).toBe(403);
    expect(failure.response.headers['retry-after']).toBe('1');
    expect(failure.message).toMatch(/You have exceeded a secondary rate limit/);
    expect(retry.status).toBe(200);
    expect(server.reviews).toHaveLength(1);
    expect(server.requests.map((request) => [request.method, request.status, request.injectedFailure])).toEqual([
      ['GET', 200, undefined],
      ['POST', 403, '403-secondary'],
      ['POST', 200, undefined],
    ]);
  });

  it('answers 429 and 500 the requested number of times', async () => {
    const { server, octokit } = await startDouble();
    server.failNext(1, '429', { retryAfterSeconds: 7 });
    server.failNext(2, '500', { operationId: 'pulls/list-files' });

    const throttled = await failureOf(octokit.rest.pulls.listFiles(pull));
    const broken1 = await failureOf(octokit.rest.pulls.listFiles(pull));
    const broken2 = await failureOf(octokit.rest.pulls.listFiles(pull));
    const served = await octokit.rest.pulls.listFiles(pull);

    expect([throttled.status, throttled.response.headers['retry-after']]).toEqual([429, '7']);
    expect([broken1.status, broken2.status, served.status]).toEqual([500, 500, 200]);
  });

  it('answers 422 "body is too long" on demand, whatever the body, as GitHub refuses one', async () => {
    const { server, octokit } = await startDouble();
    server.failNext(1, '422', { operationId: 'issues/create-comment' });

    const refused = await failureOf(octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: PULL_NUMBER, body: 'short' }));
    const accepted = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: PULL_NUMBER, body: 'short' });

    expect(refused.status).toBe(422);
    expect(refused.response.data).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    expect(accepted.status).toBe(201);
    expect(server.issueComments.map((comment) => comment.body)).toEqual(['short']);
  });

  it('answers a primary rate limit with x-ratelimit-remaining 0 and no retry-after', async () => {
    const { server, octokit } = await startDouble();
    server.failNext(1, '403-primary');

    const failure = await failureOf(octokit.rest.pulls.get(pull));

    expect(failure.status).toBe(403);
    expect(failure.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(failure.response.headers['retry-after']).toBeUndefined();
  });
});

describe('authentication and routing', () => {
  it('requires a token', async () => {
    const { server } = await startDouble();

    const response = await fetch(`${server.url}/repos/${OWNER}/${REPO}/pulls/${PULL_NUMBER}`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Requires authentication' });
  });

  it('accepts a Bearer token and sends rate-limit headers and JSON', async () => {
    const { server } = await startDouble();

    const response = await fetch(`${server.url}/repos/${OWNER}/${REPO}/pulls/${PULL_NUMBER}`, {
      headers: { authorization: 'Bearer anything' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
  });

  it('acts as another user for a token listed in the setup', async () => {
    const { server } = await startDouble({ tokens: { 'mona-token': 'mona' } });
    const asMona = getOctokit('mona-token', { baseUrl: server.url });

    const { data } = await asMona.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: PULL_NUMBER, body: '/promptgate rerun' });

    expect([data.user?.login, data.user?.type, data.author_association]).toEqual(['mona', 'User', 'COLLABORATOR']);
  });

  it('answers 404 for an operation the double does not know and for another repository', async () => {
    const { server, octokit } = await startDouble();

    const unknown = await failureOf(octokit.rest.pulls.listRequestedReviewers(pull));
    const otherRepo = await failureOf(octokit.rest.pulls.get({ ...pull, repo: 'elsewhere' }));

    expect([unknown.status, otherRepo.status]).toEqual([404, 404]);
    expect(server.requests[0]?.operationId).toBeUndefined();
    expect(server.requests[1]?.operationId).toBe('pulls/get');
  });

  it('treats owner and repository names case-insensitively, as GitHub does', async () => {
    const { octokit } = await startDouble();
    const { status } = await octokit.rest.pulls.get({ ...pull, owner: 'ACME', repo: 'StoreFront' });
    expect(status).toBe(200);
  });

  it('records an invalid query parameter and an unknown one', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      sendUntyped(octokit, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...pull, direction: 'sideways' }),
    );
    await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...pull, perpage: 5 });

    expect(failure.status).toBe(422);
    expect(server.schemaViolations.map((violation) => [violation.location, violation.instancePath])).toEqual([
      ['query', '/direction'],
    ]);
    expect(server.undocumentedFields).toEqual([
      { operation: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', operationId: 'pulls/list-files', field: 'query.perpage' },
    ]);
  });

  it('records a missing required body field', async () => {
    const { server, octokit } = await startDouble();

    const failure = await failureOf(
      sendUntyped(octokit, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: OWNER,
        repo: REPO,
        issue_number: PULL_NUMBER,
        text: 'wrong field name',
      }),
    );

    expect(failure.status).toBe(422);
    expect(server.schemaViolations.map((violation) => violation.message)).toEqual([`For the value, "body" wasn't supplied.`]);
  });

  it('names the OpenAPI package the schemas come from', async () => {
    const { server } = await startDouble();
    expect(server.openApiSource).toBe('@octokit/openapi@23.0.1 generated/api.github.com.deref.json');
  });
});

describe('setup mistakes', () => {
  it('rejects a hand-written patch whose hunk header does not match its lines, naming the file', async () => {
    await expect(
      startDouble({
        files: [{ filename: 'a.prompt.yaml', status: 'modified', additions: 1, deletions: 0, changes: 1, patch: '@@ -1,2 +1,3 @@\n a\n+b' }],
      }),
    ).rejects.toThrow(/the patch of a\.prompt\.yaml is not a valid diff: patch hunk "@@ -1,2 \+1,3 @@" announces -2 \+3 lines but has -1 \+2/);
  });

  it('rejects an existing comment on a line outside the diff, suggesting line: null for an outdated one', async () => {
    await expect(
      startDouble({ reviewComments: [{ path: 'prompts/support-reply.prompt.yaml', line: 30, body: 'x' }] }),
    ).rejects.toThrow(/give line: null for an outdated comment/);
  });
});
