// A clock for tests of waiting: time stands still until the test moves it, so a 60 s retry-after
// costs no real time. `drive` moves it the way a real run would see it pass, but only while the run
// is idle (no model request in flight), jumping straight to the next timer.
import type { Clock } from '../../src/run/clock.js';
import type { ChatProvider } from '../../src/run/provider.js';

interface Timer {
  dueAt: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private time = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer: Timer = { dueAt: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((other) => other !== timer);
    };
  }

  /** Moves time to the earliest timer and fires every timer due then, in the order they were set; false when none is set. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    const dueAt = Math.min(...this.timers.map((timer) => timer.dueAt));
    const due = this.timers.filter((timer) => timer.dueAt === dueAt);
    this.timers = this.timers.filter((timer) => timer.dueAt !== dueAt);
    this.time = dueAt;
    for (const timer of due) timer.callback();
    return true;
  }
}

/**
 * A provider that notes when (on the clock) each attempt was sent, and knows whether one is in
 * flight, and whether one that was aborted (by a timeout or a budget) has yet to return.
 */
export function recordingProvider(provider: ChatProvider, clock: Clock) {
  const sends: { model: string; at: number }[] = [];
  let inFlight = 0;
  let abortedInFlight = 0;
  const recording: ChatProvider = {
    id: provider.id,
    async attempt(request, signal) {
      sends.push({ model: request.model, at: clock.now() });
      inFlight++;
      const onAbort = () => abortedInFlight++;
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await provider.attempt(request, signal);
      } finally {
        inFlight--;
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) abortedInFlight--;
      }
    },
  };
  return { provider: recording, sends, busy: () => inFlight > 0, unwinding: () => abortedInFlight > 0 };
}

/**
 * Settles `run`, moving the clock to the next timer whenever nothing but the clock can make
 * progress. Throws instead of hanging when the run waits on something else (a real timer, say).
 */
export async function drive<T>(run: Promise<T>, clock: ManualClock, busy: () => boolean): Promise<T> {
  let settled = false;
  run.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let step = 0; step < 10_000; step++) {
    do await new Promise((resolve) => setImmediate(resolve));
    while (busy());
    if (settled) return run;
    if (!clock.fireNext()) throw new Error(`at ${clock.now()} ms the run waits on something other than the test's clock`);
  }
  throw new Error('the run did not finish within 10,000 timers');
}
