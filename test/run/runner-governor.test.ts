import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/run/clock.js';
import { RateGovernor } from '../../src/run/rate-governor.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Vitest's fake timers behind the governor's clock. */
const clock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
const start = 1_000_000;

function sendBurst(governor: RateGovernor, count: number): void {
  for (let i = 0; i < count; i++) expect(governor.acquire()).toBeUndefined();
}

/** Starts `count` waiters and records when (relative to `start`) each is let through. */
function queue(governor: RateGovernor, count: number): number[] {
  const released: number[] = [];
  for (let i = 0; i < count; i++) void governor.acquire()?.then(() => released.push(Date.now() - start));
  return released;
}

describe('RateGovernor', () => {
  it('lets every send go at once, without a promise, until the first 429', () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 1000);
    expect(governor.rate).toBe(Number.POSITIVE_INFINITY);
  });

  it("holds every send back until a 429's retry-after has passed", async () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 50);
    governor.onRateLimited(start, 300);
    const released = queue(governor, 1);
    await vi.advanceTimersByTimeAsync(299);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(released).toHaveLength(1);
    expect(released[0]).toBeGreaterThanOrEqual(300);
  });

  it('starts at what got through in the last second, or one per retry-after if that is more', () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 20);
    vi.advanceTimersByTime(10);
    governor.onRateLimited(start, 50); // 19 got through; one per 50 ms is 20/s
    expect(governor.rate).toBe(20);
    governor.onRateLimited(start, 100); // more answers to the same burst: 18 got through, one per 100 ms is 10/s
    expect(governor.rate).toBe(18);
  });

  it('cuts the rate on a 429 caused at the current rate, and ignores 429s for sends made before the cut', () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 20);
    vi.advanceTimersByTime(10);
    governor.onRateLimited(start, 50);
    governor.onRateLimited(start, 100);
    expect(governor.rate).toBe(18);

    vi.advanceTimersByTime(490); // t = 500: 20 sent, 17 got through in the last second
    governor.onRateLimited(start + 400, 50);
    expect(governor.rate).toBeCloseTo(18 * 0.85);
    governor.onRateLimited(start + 450, 50); // sent before the cut: no second cut
    expect(governor.rate).toBeCloseTo(18 * 0.85);

    vi.advanceTimersByTime(200); // t = 700: 15 of 20 got through, so the cut is deeper than 0.85
    governor.onRateLimited(start + 600, 50);
    expect(governor.rate).toBeCloseTo(18 * 0.85 * 0.75);
  });

  it('paces waiting sends at the rate, one interval apart', async () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 11);
    governor.onRateLimited(start, 100); // 10 got through, one per 100 ms: 10/s
    expect(governor.rate).toBe(10);
    const released = queue(governor, 5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(released).toHaveLength(5);
    // One send may go when the pause ends (what retry-after promises); the rest one interval apart.
    expect(released[0]).toBe(100);
    for (let i = 1; i < released.length; i++) {
      const gap = released[i]! - released[i - 1]!;
      expect(gap).toBeGreaterThanOrEqual(85);
      expect(gap).toBeLessThanOrEqual(101);
    }
    // It grew while sends waited for it: from 0.1 s to about 0.5 s after the cut, at 10% + 50%/s
    // per second, about e^(0.04 + 0.25 × (0.5² − 0.1²)) ≈ 1.1 times.
    expect(governor.rate).toBeGreaterThan(10.8);
    expect(governor.rate).toBeLessThan(11.3);
  });

  it('sends away the callers waiting for a turn when a new pause begins, so each can weigh it', async () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 11);
    governor.onRateLimited(start, 100); // 10 got through, one per 100 ms: 10/s
    const answers: boolean[] = [];
    for (let i = 0; i < 3; i++) void governor.acquire()?.then((granted) => answers.push(granted));
    await vi.advanceTimersByTimeAsync(100);
    expect(answers).toEqual([true]);
    governor.onRateLimited(start + 100, 3_600_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toEqual([true, false, false]);
  });

  it('lets all waiters go when released (the run was cancelled)', async () => {
    const governor = new RateGovernor({ clock });
    sendBurst(governor, 2);
    governor.onRateLimited(start, 60_000);
    const released = queue(governor, 3);
    governor.releaseAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0, 0, 0]);
  });
});
