// Progress while cases run. On a terminal: one line redrawn in place. In CI logs, where every
// write is a permanent line: a handful of milestones, never one line per case.

type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface Progress {
  update(done: number): void;
  finish(): void;
}

// ~10 redraws a second looks live; more only costs terminal bandwidth (update is called per case).
const REDRAW_INTERVAL_MS = 100;
const MILESTONE_PERCENT = 25;

export function createProgress(stream: ProgressStream, total: number, options: { interactive: boolean }): Progress {
  return options.interactive ? liveLine(stream, total) : milestones(stream, total);
}

function progressText(done: number, total: number): string {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  return `running ${done}/${total} · ${percent}%`;
}

function clamp(done: number, total: number): number {
  return Math.min(Math.max(0, Math.floor(done)), total);
}

function liveLine(stream: ProgressStream, total: number): Progress {
  let lastDrawAt = -Infinity;
  let latest = 0;
  let drawn = false;
  let finished = false;

  const draw = (): void => {
    let text = progressText(latest, total);
    // A line longer than the terminal wraps, and `\r` then only rewinds the last row.
    const width = stream.columns ?? 0;
    if (width > 1 && text.length >= width) text = text.slice(0, width - 1);
    // \x1b[K clears what a longer previous line left behind.
    stream.write(`\r${text}\u001b[K`);
    drawn = true;
  };

  return {
    update(done) {
      if (finished) return;
      latest = clamp(done, total);
      const now = Date.now();
      if (now - lastDrawAt < REDRAW_INTERVAL_MS) return;
      lastDrawAt = now;
      draw();
    },
    finish() {
      if (finished) return;
      finished = true;
      // Show the final count even if the last updates fell inside the throttle window.
      if (drawn) {
        draw();
        stream.write('\n');
      }
    },
  };
}

function milestones(stream: ProgressStream, total: number): Progress {
  let nextMilestone = MILESTONE_PERCENT;
  let latest = 0;
  let lastPrinted = 0;
  let finished = false;

  const print = (): void => {
    stream.write(`${progressText(latest, total)}\n`);
    lastPrinted = latest;
  };

  return {
    update(done) {
      if (finished || total <= 0) return;
      latest = clamp(done, total);
      const percent = (latest / total) * 100;
      if (percent < nextMilestone) return;
      print();
      // Jump past every milestone this update crossed, so a big step prints one line, not several.
      while (nextMilestone <= percent) nextMilestone += MILESTONE_PERCENT;
    },
    finish() {
      if (finished) return;
      finished = true;
      // A run that stopped between milestones says where; one that reached a milestone already did.
      if (latest !== lastPrinted) print();
    },
  };
}
