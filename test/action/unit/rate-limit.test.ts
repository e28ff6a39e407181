// Telling GitHub's rate limits from permission refusals, on Octokit's own error type, with the
// headers and messages GitHub sends (docs.github.com: "Rate limits for the REST API").
import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { describeRateLimit, rateLimitOf } from '../../../src/github/rate-limit.js';

function githubError(status: number, message: string, headers: Record<string, string> = {}): RequestError {
  return new RequestError(message, status, {
    request: { method: 'GET', url: 'https://api.github.com/repos/acme/storefront/pulls/42/files', headers: {} },
    response: { status, url: 'https://api.github.com/repos/acme/storefront/pulls/42/files', headers, data: { message } },
  });
}

describe('rateLimitOf', () => {
  it('reads a 403 with x-ratelimit-remaining: 0 as the primary limit, with its reset time', () => {
    const error = githubError(403, 'API rate limit exceeded for installation ID 1.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4102444800' });
    expect(rateLimitOf(error)).toEqual({ kind: 'primary', resetsAt: new Date('2100-01-01T00:00:00Z') });
  });

  it('reads a 429 with x-ratelimit-remaining: 0 as the primary limit too', () => {
    const error = githubError(429, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' });
    expect(rateLimitOf(error)).toEqual({ kind: 'primary', resetsAt: new Date('2023-11-14T22:13:20Z') });
  });

  it('reads retry-after or GitHub’s wording as a secondary limit', () => {
    expect(rateLimitOf(githubError(403, 'whatever', { 'retry-after': '60' }))).toEqual({ kind: 'secondary' });
    expect(rateLimitOf(githubError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes.'))).toEqual({ kind: 'secondary' });
    expect(rateLimitOf(githubError(429, 'Too Many Requests'))).toEqual({ kind: 'secondary' });
  });

  it('leaves a plain refusal, a 404 and a non-HTTP error alone', () => {
    expect(rateLimitOf(githubError(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4999' }))).toBeUndefined();
    expect(rateLimitOf(githubError(404, 'Not Found'))).toBeUndefined();
    expect(rateLimitOf(new Error('rate limit'))).toBeUndefined();
  });
});

describe('describeRateLimit', () => {
  it('says until when the primary limit holds, in UTC', () => {
    expect(describeRateLimit({ kind: 'primary', resetsAt: new Date('2100-01-01T00:00:00Z') })).toBe(
      'GitHub’s API rate limit for this token is used up until 2100-01-01 00:00:00 UTC; re-run the job after that',
    );
  });

  it('does without a reset time it was not given', () => {
    expect(describeRateLimit({ kind: 'primary' })).toBe('GitHub’s API rate limit for this token is used up; re-run the job after that');
  });

  it('asks to wait a few minutes for a secondary limit', () => {
    expect(describeRateLimit({ kind: 'secondary' })).toBe(
      'GitHub’s secondary rate limit refused the request (too many requests at once); re-run the job in a few minutes',
    );
  });
});
