// Progress while cases run. On a terminal: one line redrawn in place (done and total, passed,
// failed and errored so far, elapsed and remaining time), each failure printed above it as it comes.
// In CI logs, where every write is a permanent line and no one watches a redraw: a plain line every
// few seconds. The failures' full blocks come with the report at the end, either way.
import type { TestResult } from '../types.js';
import { failureLine, statusLine, type StatusFacts, type Tally } from './progress-text.js';
import { createPaint, type Paint } from './style.js';

type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Time as the display sees it: the run's Clock (src/run/clock.ts) fits, and tests move a manual one. */
export interface ProgressClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Calls `callback` once `ms` have passed; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export interface ProgressOptions {
  /** A terminal someone watches: a line redrawn in place. Otherwise a log: a line now and then. */
  interactive: boolean;
  /** Colors on the terminal's line (never in a log's); false for NO_COLOR and --no-color. */
  color: boolean;
  clock: ProgressClock;
  /** What `total` counts: tests, or calls when tests take several samples (and in a comparison's rounds). */
  unit?: 'test' | 'call';
  /** Shown first, e.g. `round 2`. */
  label?: string;
  /** When the work began, on `clock`, if before now (a comparison's later rounds count from its first). */
  startedAt?: number;
  /** Passed, failed and errored so far, from `result()`; off for work that yields no test results. */
  tally?: boolean;
}

export interface Progress {
  update(done: number): void;
  /** A test's final result: counted, and on a terminal a failure is printed above the line at once. */
  result(result: TestResult): void;
  finish(): void;
}

// ~10 redraws a second looks live; more only costs terminal bandwidth (update is called per case).
const REDRAW_INTERVAL_MS = 100;
// Between updates, the elapsed time still moves: a run waiting on a slow model must not look stuck.
const TICK_MS = 1000;
// A log's reader scrolls, and the step's live view shows its tail: every 10 s shows the run is alive
// and how far it is, and a 10-minute run stays at 60 lines.
const LOG_INTERVAL_MS = 10_000;
// Before this many are done, the rate is mostly the first call's latency: no estimate.
const MIN_DONE_FOR_ESTIMATE = 5;
// A terminal whose width is not known is taken to be the classic 80 columns.
const DEFAULT_COLUMNS = 80;

export function createProgress(stream: ProgressStream, total: number, options: ProgressOptions): Progress {
  const state = new ProgressState(total, options);
  return options.interactive ? liveLine(stream, state, createPaint(options.color)) : logLines(stream, state);
}

/** What the display knows: how far the work is, the tests' verdicts so far, and when it began. */
class ProgressState {
  done = 0;
  readonly tally: Tally = { passed: 0, failed: 0, errored: 0 };
  private readonly began: number;
  private readonly shownFrom: number;

  constructor(
    readonly total: number,
    private readonly options: ProgressOptions,
  ) {
    this.began = options.clock.now();
    this.shownFrom = options.startedAt ?? this.began;
  }

  get clock(): ProgressClock {
    return this.options.clock;
  }

  update(done: number): void {
    this.done = Math.min(Math.max(0, Math.floor(done)), this.total);
  }

  count(result: TestResult): void {
    this.tally[result.status]++;
  }

  facts(): StatusFacts {
    const now = this.options.clock.now();
    const spent = now - this.began;
    const left = this.total - this.done;
    // The rate so far, over this piece of work only (a round's rate, not the comparison's).
    const remainingMs = this.done >= MIN_DONE_FOR_ESTIMATE && left > 0 && spent > 0 ? (spent / this.done) * left : undefined;
    return {
      done: this.done,
      total: this.total,
      unit: this.options.unit ?? 'test',
      ...(this.options.label !== undefined ? { label: this.options.label } : {}),
      ...(this.options.tally !== false ? { tally: { ...this.tally } } : {}),
      elapsedMs: now - this.shownFrom,
      ...(remainingMs !== undefined ? { remainingMs } : {}),
    };
  }
}

function liveLine(stream: ProgressStream, state: ProgressState, paint: Paint): Progress {
  let lastDrawAt = -Infinity;
  let finished = false;
  let cancelTick: (() => void) | undefined;
  // One line per distinct error: a dead endpoint errors every test the same way.
  const errorsShown = new Set<string>();

  // One column short of the width: a line that fills the last column makes some terminals wrap.
  const width = (): number => Math.max(1, (stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS) - 1);
  const draw = (): void => {
    // \x1b[K clears what a longer previous line left behind.
    stream.write(`\r${statusLine(state.facts(), paint, width())}\u001b[K`);
    lastDrawAt = state.clock.now();
  };
  const tick = (): void => {
    cancelTick = state.clock.setTimer(() => {
      if (finished) return;
      draw();
      tick();
    }, TICK_MS);
  };

  if (state.total > 0) {
    draw();
    tick();
  }
  return {
    update(done) {
      if (finished) return;
      state.update(done);
      if (state.clock.now() - lastDrawAt < REDRAW_INTERVAL_MS) return;
      draw();
    },
    result(result) {
      if (finished) return;
      state.count(result);
      if (result.status === 'passed') return;
      if (result.status === 'errored' && result.error !== undefined) {
        if (errorsShown.has(result.error)) return;
        errorsShown.add(result.error);
      }
      // Over the status line, which is drawn again below it.
      stream.write(`\r${failureLine(result, paint, width())}\u001b[K\n`);
      draw();
    },
    finish() {
      if (finished) return;
      finished = true;
      cancelTick?.();
      // Show the final count even if the last updates fell inside the throttle window; the line stays.
      if (state.total > 0) {
        draw();
        stream.write('\n');
      }
    },
  };
}

function logLines(stream: ProgressStream, state: ProgressState): Progress {
  const plain = createPaint(false);
  let finished = false;
  let printedDone: number | undefined;
  let cancelTimer: (() => void) | undefined;

  const print = (): void => {
    stream.write(`${statusLine(state.facts(), plain)}\n`);
    printedDone = state.done;
  };
  const schedule = (): void => {
    cancelTimer = state.clock.setTimer(() => {
      if (finished) return;
      print();
      schedule();
    }, LOG_INTERVAL_MS);
  };

  if (state.total > 0) schedule();
  return {
    update(done) {
      if (!finished) state.update(done);
    },
    result(result) {
      if (!finished) state.count(result);
    },
    finish() {
      if (finished) return;
      finished = true;
      cancelTimer?.();
      // A run that printed where it was says where it ended; a short one leaves it to the summary.
      if (printedDone !== undefined && printedDone !== state.done) print();
    },
  };
}
