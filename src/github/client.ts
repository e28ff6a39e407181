// Polite retries around every Octokit request: GitHub's secondary rate limits (403/429 with
// `retry-after`) are waited out, and a server error on a read or an edit is tried again. The
// retry/throttling plugins are not dependencies of this project, so this small wrapper stands in.
import type { GitHubClient } from './octokit.js';
import { httpStatusOf } from './octokit.js';
import { rateLimitOf } from './rate-limit.js';

export interface GitHubRetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** All waiting for one request together stays under this; past it the error is passed on. */
  maxTotalWaitMs: number;
  /** Extra attempts after a 5xx (only for requests that are safe to repeat). */
  serverErrorRetries: number;
  /** Backoff before the first 5xx retry; doubled each time. */
  serverErrorBackoffMs: number;
}

export const GITHUB_RETRY_POLICY: GitHubRetryPolicy = {
  maxAttempts: 4,
  // A job waiting minutes on a comment is worse than a comment lost: the results are already written.
  maxTotalWaitMs: 120_000,
  serverErrorRetries: 2,
  serverErrorBackoffMs: 1_000,
};

/** GitHub's advice when a secondary limit comes without `retry-after`: wait at least a minute. */
const SECONDARY_LIMIT_DEFAULT_WAIT_MS = 60_000;

export interface RetryHooks {
  /** Called before each wait, e.g. to log it. */
  onRetry?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Applied to every string in a request body before it is sent (defence in depth against leaking secrets). */
  redact?: (text: string) => string;
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

type Headers = Record<string, string | number | undefined>;

/**
 * How long to wait before trying `error`'s request again, or undefined when it must not be
 * retried. `serverErrors` counts the 5xx answers to this request so far, this one included.
 */
export function retryDelayMs(error: unknown, serverErrors: number, method: string, policy: GitHubRetryPolicy, now = Date.now()): number | undefined {
  const status = httpStatusOf(error);
  if (status === undefined) return undefined;
  const headers: Headers = (error as ErrorLike).response?.headers ?? {};
  if (rateLimitOf(error)) return rateLimitWait(headers, now);
  // A POST that met a server error may have been carried out anyway; repeating it could post twice.
  if (status >= 500 && method.toUpperCase() !== 'POST' && serverErrors <= policy.serverErrorRetries) {
    return policy.serverErrorBackoffMs * 2 ** (serverErrors - 1);
  }
  return undefined;
}

function rateLimitWait(headers: Headers, now: number): number {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  // The primary limit names the second it resets instead.
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return SECONDARY_LIMIT_DEFAULT_WAIT_MS;
}

/** Wraps every request `octokit` makes from now on. */
export function addRetries(octokit: GitHubClient, policy: GitHubRetryPolicy = GITHUB_RETRY_POLICY, hooks: RetryHooks = {}): void {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  octokit.hook.wrap('request', async (request, options) => {
    const sent = hooks.redact ? { ...options, ...redactBody(options, hooks.redact) } : options;
    let waitedMs = 0;
    let serverErrors = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(sent);
      } catch (error) {
        if ((httpStatusOf(error) ?? 0) >= 500) serverErrors++;
        const delay = retryDelayMs(error, serverErrors, String(options.method), policy);
        if (delay === undefined || attempt >= policy.maxAttempts || waitedMs + delay > policy.maxTotalWaitMs) throw error;
        waitedMs += delay;
        hooks.onRetry?.(
          `GitHub answered ${httpStatusOf(error)} to ${options.method} ${String(options.url)}; trying again in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 1} of ${policy.maxAttempts})`,
        );
        await sleep(delay);
      }
    }
  });
}

// Octokit puts every parameter that is not in the URL into the options; `body`, the comment
// fields and `comments` are what could carry text we did not write ourselves.
function redactBody(options: Record<string, unknown>, redact: (text: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['body', 'comments'] as const) {
    if (options[key] !== undefined) out[key] = deepRedact(options[key], redact);
  }
  return out;
}

function deepRedact(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => deepRedact(item, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, deepRedact(inner, redact)]));
  }
  return value;
}
