// Keeps a run under the server's rate limit instead of hammering it. Until the first 429 it does
// nothing but count sends. From then on every send takes a token from a bucket refilled at an
// estimated rate: first what got through in the last second (or one per retry-after, if more),
// cut on each 429 that a send at the current rate caused, and grown, faster the longer no 429
// comes, while callers wait for tokens. Every 429 also stops all sends until its retry-after.
// One governor paces one endpoint and model: servers limit each model on its own.
import { systemClock, type Clock } from './clock.js';

export interface RateGovernorOptions {
  /** Injectable for tests. */
  clock?: Clock;
}

/** Gentlest multiplicative decrease on a 429 that the current rate caused... */
const DECREASE_FACTOR = 0.85;
/** ...and the steepest, when far fewer got through in the last second than the rate sends. */
const MAX_DECREASE_FACTOR = 0.5;
/**
 * Growth per second while demand waits, as a fraction of the rate: slow just after a 429 (we are
 * near the limit), faster the longer none comes (the first guess may have been far too low).
 */
const GROWTH_PER_SECOND = 0.1;
const GROWTH_ACCELERATION_PER_SECOND = 0.5;
const MIN_RATE_PER_SECOND = 0.1;
/** When a 429 carries no retry-after, sends pause this long. */
const DEFAULT_PAUSE_MS = 500;
/**
 * Timers fire a millisecond or so late. The bucket holds one token plus this much time's worth, so
 * lateness does not lower the rate, while two sends never come much closer than the rate's
 * interval (a server whose own bucket holds a single token refuses anything closer).
 */
const TIMER_SLACK_SECONDS = 0.005;

export class RateGovernor {
  private readonly clock: Clock;
  private limited = false;
  private ratePerSecond = Number.POSITIVE_INFINITY;
  private tokens = 0;
  private refilledAt = 0;
  private pausedUntil = 0;
  /** 429s for sends made before this moment were caused by an older, higher rate. */
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private limitedSince = Number.POSITIVE_INFINITY;
  private longestHintMs = 0;
  private readonly waiters: ((granted: boolean) => void)[] = [];
  private waitersHead = 0;
  private cancelTimer: (() => void) | undefined;
  private timerDueAt = 0;
  private readonly recentSends = new RecentCount();
  private readonly recentRefusals = new RecentCount();

  constructor(options: RateGovernorOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  private now(): number {
    return this.clock.now();
  }

  /** The current send rate, Infinity before the first 429. */
  get rate(): number {
    return this.ratePerSecond;
  }

  /** Milliseconds until sends may resume after a 429 (0 when not paused). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /**
   * Returns undefined (no promise, no allocation) when a request may be sent at once, which is
   * always the case until the server first refuses one. Otherwise resolves to true when it may be
   * sent, or to false when a new pause began while it waited: the caller then decides whether the
   * pause is worth waiting out, and waits for it elsewhere (not holding a place in this queue).
   */
  acquire(): Promise<boolean> | undefined {
    const now = this.now();
    if (!this.limited || (this.waitersHead === this.waiters.length && this.takeToken(now))) {
      this.recentSends.add(now);
      return undefined;
    }
    return new Promise<boolean>((resolve) => {
      this.waiters.push((granted) => {
        if (granted) this.recentSends.add(this.now());
        resolve(granted);
      });
      this.schedule(now);
    });
  }

  /** A 429 for a request sent at `sentAt` (a value of the same clock as `now`). */
  onRateLimited(sentAt: number, retryAfterMs: number | undefined): void {
    const now = this.now();
    this.recentRefusals.add(now);
    const pauseEnd = now + (retryAfterMs ?? DEFAULT_PAUSE_MS);
    const pauseExtended = pauseEnd > this.pausedUntil;
    if (pauseExtended) this.pausedUntil = pauseEnd;
    const sent = this.recentSends.total(now);
    const gotThrough = Math.max(MIN_RATE_PER_SECOND, sent - this.recentRefusals.total(now));
    const firstRefusal = !this.limited;
    if (firstRefusal) {
      this.limited = true;
      this.limitedSince = now;
      this.lastDecreaseAt = now;
    }
    if (firstRefusal || sentAt < this.limitedSince) {
      // Answers to the unpaced sends: the first guess is what got through in the last second, or
      // one request per retry-after (a token bucket's wait for its next token), whichever is more.
      if (retryAfterMs !== undefined && retryAfterMs > this.longestHintMs) this.longestHintMs = retryAfterMs;
      const hinted = this.longestHintMs > 0 ? 1000 / this.longestHintMs : 0;
      this.ratePerSecond = Math.min(this.ratePerSecond, Math.max(gotThrough, hinted));
    } else if (sentAt >= this.lastDecreaseAt) {
      // Cut by the share that got through: deep when we sent far too much, gentle when barely over.
      const factor = Math.min(DECREASE_FACTOR, Math.max(MAX_DECREASE_FACTOR, gotThrough / Math.max(1, sent)));
      this.ratePerSecond = Math.max(MIN_RATE_PER_SECOND, this.ratePerSecond * factor);
      this.lastDecreaseAt = now;
    }
    // Nothing saved up before the refusal counts, and nothing accrues during the pause: when it
    // ends, one request may go (that is what retry-after promises), the rest at the new rate.
    this.tokens = 1;
    this.refilledAt = Math.max(this.refilledAt, this.pausedUntil);
    // Those already waiting step aside (a pause may be too long to wait out, and a wait of seconds
    // should not hold the run's concurrency); they queue again when it is over.
    if (pauseExtended) this.drainWaiters(Number.POSITIVE_INFINITY, false);
    if (this.waitersHead < this.waiters.length) this.schedule(now);
  }

  /** Lets every waiter go (used when the run is cancelled or over). */
  releaseAll(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.drainWaiters(Number.POSITIVE_INFINITY, true);
  }

  private takeToken(now: number): boolean {
    if (now < this.pausedUntil) return false;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    const elapsedSeconds = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    // Grow only while demand waits on the bucket: a rate nobody uses has not been shown to be safe.
    if (this.waitersHead < this.waiters.length) {
      const sinceDecreaseSeconds = (now - this.lastDecreaseAt) / 1000;
      this.ratePerSecond *= 1 + (GROWTH_PER_SECOND + GROWTH_ACCELERATION_PER_SECOND * sinceDecreaseSeconds) * elapsedSeconds;
    }
    const capacity = 1 + this.ratePerSecond * TIMER_SLACK_SECONDS;
    this.tokens = Math.min(capacity, this.tokens + this.ratePerSecond * elapsedSeconds);
  }

  private schedule(now: number): void {
    const dueAt = this.nextTokenAt(now);
    if (this.cancelTimer !== undefined) {
      if (this.timerDueAt <= dueAt) return;
      this.cancelTimer();
    }
    this.timerDueAt = dueAt;
    this.cancelTimer = this.clock.setTimer(() => this.pump(), Math.max(0, dueAt - now));
  }

  private nextTokenAt(now: number): number {
    this.refill(now);
    const start = Math.max(now, this.pausedUntil, this.refilledAt);
    return this.tokens >= 1 ? start : start + ((1 - this.tokens) * 1000) / this.ratePerSecond;
  }

  private pump(): void {
    this.cancelTimer = undefined;
    const now = this.now();
    if (now >= this.pausedUntil) {
      this.refill(now);
      const sendable = Math.floor(this.tokens);
      this.tokens -= this.drainWaiters(sendable, true);
    }
    if (this.waitersHead < this.waiters.length) this.schedule(now);
  }

  private drainWaiters(limit: number, granted: boolean): number {
    let released = 0;
    while (released < limit && this.waitersHead < this.waiters.length) {
      const wake = this.waiters[this.waitersHead]!;
      this.waitersHead++;
      released++;
      wake(granted);
    }
    if (this.waitersHead === this.waiters.length) {
      this.waiters.length = 0;
      this.waitersHead = 0;
    }
    return released;
  }
}

/** Events in the last second, in ten 100 ms slots: constant memory however fast events come. */
class RecentCount {
  private static readonly SLOT_MS = 100;
  private readonly slots = new Float64Array(10);
  private currentSlot = 0;

  add(now: number): void {
    this.advance(now);
    this.slots[this.currentSlot % this.slots.length]! += 1;
  }

  total(now: number): number {
    this.advance(now);
    let sum = 0;
    for (const count of this.slots) sum += count;
    return sum;
  }

  private advance(now: number): void {
    const slot = Math.floor(now / RecentCount.SLOT_MS);
    const stale = Math.min(this.slots.length, slot - this.currentSlot);
    for (let i = 1; i <= stale; i++) this.slots[(this.currentSlot + i) % this.slots.length] = 0;
    if (slot > this.currentSlot) this.currentSlot = slot;
  }
}
