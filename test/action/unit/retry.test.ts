// The retry wrapper, with a real Octokit against the GitHub double: which answers are waited out,
// which are not, and the caps on both.
import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import { addRetries, GITHUB_RETRY_POLICY, retryDelayMs } from '../../../src/github/client.js';
import type { GitHubClient } from '../../../src/github/octokit.js';
import { OWNER, PULL_NUMBER, REPO, promptPullRequestSetup } from '../../fixtures/github/prompt-pull-request.js';
import { startGitHubServer, type GitHubDouble } from '../../support/github-server.js';

let server: GitHubDouble | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(): Promise<{ octokit: GitHubClient; waits: number[] }> {
  server = await startGitHubServer(promptPullRequestSetup());
  const octokit = getOctokit(server.token, { baseUrl: server.url }) as unknown as GitHubClient;
  const waits: number[] = [];
  addRetries(octokit, GITHUB_RETRY_POLICY, { sleep: async (ms) => void waits.push(ms) });
  return { octokit, waits };
}

const pull = { owner: OWNER, repo: REPO, pull_number: PULL_NUMBER };
const review = { ...pull, event: 'COMMENT' as const, body: 'hello' };

describe('addRetries', () => {
  it('waits out a secondary rate limit for as long as retry-after says, on a POST too', async () => {
    const { octokit, waits } = await client();
    server!.failNext(2, '403-secondary', { operationId: 'pulls/create-review', retryAfterSeconds: 3 });

    await octokit.rest.pulls.createReview(review);

    expect(waits).toEqual([3000, 3000]);
    expect(server!.reviews).toHaveLength(1);
  });

  it('retries a 429 and a 5xx on a read, but never a 5xx on a POST (it may have been carried out)', async () => {
    const { octokit, waits } = await client();
    server!.failNext(1, '429', { operationId: 'pulls/list-files', retryAfterSeconds: 2 });
    server!.failNext(1, '500', { operationId: 'pulls/list-files' });
    await octokit.rest.pulls.listFiles(pull);
    expect(waits).toEqual([2000, 1000]);

    server!.failNext(1, '500', { operationId: 'pulls/create-review' });
    await expect(octokit.rest.pulls.createReview(review)).rejects.toMatchObject({ status: 500 });
    expect(server!.reviews).toHaveLength(0);
  });

  it('gives up after the attempt limit and when the wait would pass the total cap', async () => {
    const { octokit, waits } = await client();
    server!.failNext(3, '500', { operationId: 'pulls/get' });
    await expect(octokit.rest.pulls.get(pull)).rejects.toMatchObject({ status: 500 });
    // Two retries for server errors (1 s, then 2 s), then the error is passed on.
    expect(waits).toEqual([1000, 2000]);

    waits.length = 0;
    // The primary limit resets in an hour: far past the two-minute cap, so no wait at all.
    server!.failNext(1, '403-primary', { operationId: 'pulls/get' });
    await expect(octokit.rest.pulls.get(pull)).rejects.toMatchObject({ status: 403 });
    expect(waits).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  const error = (status: number, headers: Record<string, string> = {}, message = '') => ({ status, message, response: { headers } });

  it('reads the wait from the answer', () => {
    expect(retryDelayMs(error(403, { 'retry-after': '7' }), 1, 'GET', GITHUB_RETRY_POLICY)).toBe(7000);
    expect(retryDelayMs(error(429), 1, 'POST', GITHUB_RETRY_POLICY)).toBe(60_000);
    expect(retryDelayMs(error(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1010' }), 1, 'GET', GITHUB_RETRY_POLICY, 1_000_000)).toBe(10_000);
    expect(retryDelayMs(error(403, {}, 'You have exceeded a secondary rate limit'), 1, 'GET', GITHUB_RETRY_POLICY)).toBe(60_000);
  });

  it('does not retry what waiting cannot fix', () => {
    expect(retryDelayMs(error(403, {}, 'Resource not accessible by integration'), 1, 'POST', GITHUB_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayMs(error(422), 1, 'POST', GITHUB_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayMs(error(404), 1, 'GET', GITHUB_RETRY_POLICY)).toBeUndefined();
    // The third server error in a row is passed on (two retries).
    expect(retryDelayMs(error(502), 3, 'GET', GITHUB_RETRY_POLICY)).toBeUndefined();
    expect(retryDelayMs(new Error('socket hang up'), 1, 'GET', GITHUB_RETRY_POLICY)).toBeUndefined();
  });
});
