// A 403 from GitHub mostly means "you may not", but GitHub also answers 403 (or 429) when a token
// has used up its requests. Told apart, the advice differs: permissions do not help against a rate
// limit, waiting does. GitHub's rules: the primary limit answers with `x-ratelimit-remaining: 0` and
// the second it resets in `x-ratelimit-reset`; a secondary limit sends `retry-after` or says so.
import { httpStatusOf } from './octokit.js';

export type RateLimit =
  /** The token's hourly allowance is used up; `resetsAt` when GitHub said. */
  | { kind: 'primary'; resetsAt?: Date }
  /** Too many requests at once or too fast. */
  | { kind: 'secondary' };

type Headers = Record<string, string | number | undefined>;

/** The rate limit `error` (an Octokit RequestError) reports, or undefined when it is about something else. */
export function rateLimitOf(error: unknown): RateLimit | undefined {
  const status = httpStatusOf(error);
  if (status !== 403 && status !== 429) return undefined;
  const headers: Headers = (error as { response?: { headers?: Headers } }).response?.headers ?? {};
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? { kind: 'primary', resetsAt: new Date(reset * 1000) } : { kind: 'primary' };
  }
  const message = String((error as { message?: unknown }).message ?? '');
  // A 403 is mostly "you may not": only these signs make it a "not now".
  if (status === 429 || headers['retry-after'] !== undefined || /rate limit/i.test(message)) return { kind: 'secondary' };
  return undefined;
}

/** What happened and what to do, as a clause: "GitHub's API rate limit for this token is used up until …". */
export function describeRateLimit(limit: RateLimit): string {
  if (limit.kind === 'secondary') return 'GitHub’s secondary rate limit refused the request (too many requests at once); re-run the job in a few minutes';
  const until = limit.resetsAt ? ` until ${formatUtc(limit.resetsAt)}` : '';
  return `GitHub’s API rate limit for this token is used up${until}; re-run the job after that`;
}

/** `2099-12-31 23:59:59 UTC`: the same on every runner, whatever its time zone. */
function formatUtc(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}
