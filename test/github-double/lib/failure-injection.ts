// Planned failures: the next N matching requests answer like GitHub does when it throttles or
// breaks, so a test can check the client's retry and give-up paths.
import type { ApiResponse } from './responses.js';

/** `422`: GitHub's refusal of a body it will not store (as for one over 65,536 characters), whatever was sent. */
export type FailureKind = '403-secondary' | '403-primary' | '429' | '422' | '500';

export interface FailureFilter {
  /** HTTP method, e.g. `POST`. */
  method?: string;
  /** A string matches when the request path contains it (e.g. `/reviews`); a RegExp is tested against the path. */
  path?: string | RegExp;
  /** Operation id from GitHub's description, e.g. `pulls/create-review`. */
  operationId?: string;
  /** `retry-after` in seconds for rate-limit failures (default 1). */
  retryAfterSeconds?: number;
  /** `x-ratelimit-reset` (Unix seconds) for `403-primary` (default an hour from now), so a test can expect the exact time. */
  resetAtSeconds?: number;
}

interface PlannedFailure {
  remaining: number;
  kind: FailureKind;
  filter: FailureFilter;
}

export interface RequestIdentity {
  method: string;
  path: string;
  operationId: string | undefined;
}

function matches(filter: FailureFilter, request: RequestIdentity): boolean {
  if (filter.method && filter.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (filter.operationId && filter.operationId !== request.operationId) return false;
  if (typeof filter.path === 'string' && !request.path.includes(filter.path)) return false;
  if (filter.path instanceof RegExp && !filter.path.test(request.path)) return false;
  return true;
}

export class FailurePlan {
  private planned: PlannedFailure[] = [];

  add(times: number, kind: FailureKind, filter: FailureFilter = {}): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
    this.planned.push({ remaining: times, kind, filter });
  }

  /** The failure this request must get, if any; each use counts down its plan. */
  take(request: RequestIdentity): { kind: FailureKind; retryAfterSeconds: number; resetAtSeconds?: number } | undefined {
    const plan = this.planned.find((candidate) => candidate.remaining > 0 && matches(candidate.filter, request));
    if (!plan) return undefined;
    plan.remaining -= 1;
    this.planned = this.planned.filter((candidate) => candidate.remaining > 0);
    return {
      kind: plan.kind,
      retryAfterSeconds: plan.filter.retryAfterSeconds ?? 1,
      ...(plan.filter.resetAtSeconds !== undefined ? { resetAtSeconds: plan.filter.resetAtSeconds } : {}),
    };
  }

  get pending(): number {
    return this.planned.reduce((total, plan) => total + plan.remaining, 0);
  }
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

export function failureResponse(kind: FailureKind, retryAfterSeconds: number, requestId: string, resetAtSeconds?: number): ApiResponse {
  const resetAt = String(resetAtSeconds ?? Math.floor(Date.now() / 1000) + 3600);
  switch (kind) {
    case '403-secondary':
    case '429':
      return {
        status: kind === '429' ? 429 : 403,
        headers: { 'retry-after': String(retryAfterSeconds) },
        body: {
          message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
          documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
          status: kind === '429' ? '429' : '403',
        },
      };
    case '403-primary':
      // The primary limit says when it resets instead of sending retry-after.
      return {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetAt },
        body: {
          message: 'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID ' + requestId + '.',
          documentation_url: `${RATE_LIMIT_DOCS}#about-the-primary-rate-limit`,
          status: '403',
        },
      };
    case '422':
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
          documentation_url: 'https://docs.github.com/rest',
          status: '422',
        },
      };
    case '500':
      return { status: 500, body: { message: 'Server Error', status: '500' } };
  }
}
