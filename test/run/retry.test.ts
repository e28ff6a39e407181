import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from '../../src/run/provider.js';
import { retryDelay, type RetryPolicy } from '../../src/run/retry.js';

type Failure = Extract<AttemptOutcome, { ok: false }>;

const policy: RetryPolicy = { maxRetryTimeMs: 10_000, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxPauseMs: 60_000 };
const serverError: Failure = { ok: false, status: 500, retryable: true, message: 'boom' };
const rateLimited: Failure = { ok: false, status: 429, retryable: true, rateLimited: true, message: 'slow down' };
const half = () => 0.5;

describe('retryDelay', () => {
  it('gives up at once on a failure that is not retryable', () => {
    expect(retryDelay({ ok: false, status: 401, retryable: false, message: 'no' }, 1, 0, policy, half)).toBeUndefined();
  });

  it('waits a random share of a ceiling that doubles per attempt and stops at maxDelayMs (full jitter)', () => {
    expect(retryDelay(serverError, 1, 0, policy, half)).toBe(50);
    expect(retryDelay(serverError, 2, 0, policy, half)).toBe(100);
    expect(retryDelay(serverError, 3, 0, policy, () => 0.999)).toBeCloseTo(399.6);
    expect(retryDelay(serverError, 1, 0, policy, () => 0)).toBe(0);
    expect(retryDelay({ ...serverError }, 3, 0, { ...policy, maxAttempts: 20 }, () => 1)).toBe(400);
    expect(retryDelay({ ...serverError }, 9, 0, { ...policy, maxAttempts: 20 }, () => 1)).toBe(1_000);
  });

  it('gives up on failures other than 429 after maxAttempts', () => {
    expect(retryDelay(serverError, 3, 0, policy, half)).toBe(200);
    expect(retryDelay(serverError, 4, 0, policy, half)).toBeUndefined();
  });

  it("waits the server's retry-after on a 5xx", () => {
    expect(retryDelay({ ...serverError, retryAfterMs: 700 }, 1, 0, policy, half)).toBe(700);
    expect(retryDelay({ ...serverError, retryAfterMs: 10 }, 3, 0, policy, half)).toBe(10);
  });

  it('retries a 429 after its retry-after, with no attempt cap, until the time budget is spent', () => {
    expect(retryDelay({ ...rateLimited, retryAfterMs: 20 }, 1, 0, policy, half)).toBe(20);
    expect(retryDelay({ ...rateLimited, retryAfterMs: 20 }, 50, 5_000, policy, half)).toBe(20);
    expect(retryDelay({ ...rateLimited, retryAfterMs: 20 }, 50, 9_990, policy, half)).toBeUndefined();
  });

  it('backs off on a 429 without retry-after, and never waits less than 10 ms', () => {
    expect(retryDelay(rateLimited, 2, 0, policy, half)).toBe(100);
    expect(retryDelay({ ...rateLimited, retryAfterMs: 0 }, 1, 0, policy, half)).toBe(10);
  });

  it('gives up rather than wait past the time budget', () => {
    expect(retryDelay({ ...serverError, retryAfterMs: 3_000 }, 1, 7_500, policy, half)).toBeUndefined();
    expect(retryDelay({ ...serverError, retryAfterMs: 3_000 }, 1, 7_000, policy, half)).toBe(3_000);
  });
});
