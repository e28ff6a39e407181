import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress, type ProgressOptions } from '../../src/report/progress.js';
import { ManualClock } from '../support/manual-clock.js';
import { erroredTest, failingTest, passingTest } from './fixtures.js';

class Recorder extends Writable {
  chunks: string[] = [];
  isTTY?: boolean;
  columns?: number;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }
  get text(): string {
    return this.chunks.join('');
  }
  /** What a terminal shows last on each row: a line's text after its final `\r`, the clear-to-end code removed. */
  get rows(): string[] {
    return this.text
      .split('\n')
      .map((row) => row.split('\r').at(-1)!.replaceAll('\u001b[K', ''))
      .filter((row) => row !== '');
  }
}

/** Moves the clock to `ms`, firing every timer due on the way, as the real clock would. */
function advanceTo(clock: ManualClock, ms: number): void {
  clock.setTimer(() => {}, ms - clock.now());
  while (clock.now() < ms) clock.fireNext();
}

function options(clock: ManualClock, extra: Partial<ProgressOptions> = {}): ProgressOptions {
  return { interactive: false, color: false, clock, ...extra };
}

describe('createProgress, in a CI log (no terminal)', () => {
  it('writes a plain line every 10 s with the counts, the elapsed time and an estimate, never a redraw', () => {
    const clock = new ManualClock();
    const stream = new Recorder();
    const progress = createProgress(stream, 300, options(clock, { color: true }));
    for (let done = 1; done <= 30; done++) {
      progress.result(done === 7 || done === 19 ? failingTest() : done === 25 ? erroredTest() : passingTest());
      progress.update(done);
    }
    expect(stream.text).toBe('');
    clock.fireNext();
    progress.update(60);
    clock.fireNext();
    progress.update(75);
    progress.finish();
    expect(stream.text).toBe(
      [
        '30/300 tests (10%) · 27 passed, 2 failed, 1 errored · 10s elapsed, about 1m 30s left',
        '60/300 tests (20%) · 27 passed, 2 failed, 1 errored · 20s elapsed, about 1m 20s left',
        '75/300 tests (25%) · 27 passed, 2 failed, 1 errored · 20s elapsed, about 1m 00s left',
        '',
      ].join('\n'),
    );
  });

  it('keeps saying how long it has waited when nothing finishes', () => {
    const clock = new ManualClock();
    const stream = new Recorder();
    const progress = createProgress(stream, 300, options(clock));
    advanceTo(clock, 20_000);
    progress.finish();
    expect(stream.text).toBe('0/300 tests (0%) · 0 passed, 0 failed · 10s elapsed\n0/300 tests (0%) · 0 passed, 0 failed · 20s elapsed\n');
  });

  it('leaves a run shorter than 10 s to the summary, and stops its timer', () => {
    const clock = new ManualClock();
    const stream = new Recorder();
    const progress = createProgress(stream, 20, options(clock));
    for (let done = 1; done <= 20; done++) progress.update(done);
    progress.finish();
    expect(stream.text).toBe('');
    expect(clock.fireNext()).toBe(false);
  });

  it('writes nothing when there is nothing to run', () => {
    const clock = new ManualClock();
    const stream = new Recorder();
    createProgress(stream, 0, options(clock)).finish();
    expect(stream.text).toBe('');
    expect(clock.fireNext()).toBe(false);
  });
});

describe('createProgress, on a terminal', () => {
  function terminal(columns = 120): Recorder {
    const stream = new Recorder();
    stream.isTTY = true;
    stream.columns = columns;
    return stream;
  }
  const live = (clock: ManualClock, extra: Partial<ProgressOptions> = {}) => options(clock, { interactive: true, ...extra });

  it('draws one line at once and redraws it in place, at most every 100 ms', () => {
    const clock = new ManualClock();
    const stream = terminal();
    const progress = createProgress(stream, 2000, live(clock));
    expect(stream.chunks).toEqual(['\r0/2,000 tests (0%) · 0 passed, 0 failed · 0s elapsed\u001b[K']);
    for (let done = 1; done <= 2000; done++) {
      progress.result(passingTest());
      progress.update(done);
      // 2,000 updates 0.5 ms apart: one second.
      if (done % 2 === 0) advanceTo(clock, done / 2);
    }
    progress.finish();
    const redraws = stream.chunks.filter((chunk) => chunk.startsWith('\r'));
    // The first draw, one every 100 ms of the second, the tick at 1 s, the final one.
    expect(redraws.length).toBeGreaterThanOrEqual(11);
    expect(redraws.length).toBeLessThanOrEqual(13);
    expect(stream.chunks.slice(-2)).toEqual(['\r2,000/2,000 tests (100%) · 2,000 passed, 0 failed · 1s elapsed\u001b[K', '\n']);
    expect(stream.text.split('\n')).toHaveLength(2);
  });

  it('moves the elapsed time every second while the run waits, and estimates only once a few are done', () => {
    const clock = new ManualClock();
    const stream = terminal();
    const progress = createProgress(stream, 100, live(clock));
    for (let done = 1; done <= 4; done++) {
      progress.result(passingTest());
      progress.update(done);
    }
    advanceTo(clock, 1000);
    expect(stream.chunks.at(-1)).toBe('\r4/100 tests (4%) · 4 passed, 0 failed · 1s elapsed\u001b[K');
    advanceTo(clock, 1100);
    progress.result(passingTest());
    progress.update(5);
    expect(stream.chunks.at(-1)).toBe('\r5/100 tests (5%) · 5 passed, 0 failed · 1s elapsed, about 20s left\u001b[K');
    advanceTo(clock, 2000);
    expect(stream.chunks.at(-1)).toBe('\r5/100 tests (5%) · 5 passed, 0 failed · 2s elapsed, about 40s left\u001b[K');
    progress.finish();
    expect(clock.fireNext()).toBe(false);
  });

  it('prints each failure as one line above the status line, as it comes', () => {
    const clock = new ManualClock();
    const stream = terminal(200);
    const progress = createProgress(stream, 3, live(clock));
    progress.result(passingTest());
    progress.update(1);
    progress.result(failingTest());
    progress.update(2);
    progress.result(erroredTest());
    progress.update(3);
    progress.finish();
    expect(stream.rows).toEqual([
      'FAIL  prompts/refund.prompt.yaml:16  Refund policy › answers without apologising — contains: expected output to contain "30 days"',
      'ERROR prompts/summary.prompt.yml:21  Summaries › handles an empty document — HTTP 429: rate limit exceeded (after 3 attempts)',
      '3/3 tests (100%) · 1 passed, 1 failed, 1 errored · 0s elapsed',
    ]);
  });

  it('tells one error once however many tests meet it, and counts them all', () => {
    const clock = new ManualClock();
    const stream = terminal();
    const progress = createProgress(stream, 300, live(clock));
    for (let done = 1; done <= 300; done++) {
      progress.result(erroredTest({ test: `case ${done}`, error: 'connect ECONNREFUSED 127.0.0.1:9' }));
      progress.update(done);
    }
    progress.finish();
    expect(stream.rows).toEqual([
      'ERROR prompts/summary.prompt.yml:21  Summaries › case 1 — connect ECONNREFUSED 127.0.0.1:9',
      '300/300 tests (100%) · 0 passed, 0 failed, 300 errored · 0s elapsed',
    ]);
  });

  it("shows a model's control characters and a prompt file's as escapes, on one line", () => {
    const clock = new ManualClock();
    const stream = terminal(200);
    const progress = createProgress(stream, 1, live(clock));
    const reason = 'expected "ok", got "\u001b[2J\u001b]0;owned\u0007\rpassed\u202e\nnext"';
    progress.result(failingTest({ test: 'name\u001b[31m', assertions: [{ type: 'equals', pass: false, score: 0, reason }] }));
    progress.finish();
    expect(stream.rows[0]).toBe(
      'FAIL  prompts/refund.prompt.yaml:16  Refund policy › name\\x1b[31m — equals: expected "ok", got "\\x1b[2J\\x1b]0;owned\\x07 passed\\u202e next"',
    );
    // The only escape sequence written is the display's own clear-to-end.
    expect(stream.text.replaceAll('\u001b[K', '')).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u202e]/);
  });

  it('keeps every line within the terminal width, leaving out the least useful parts first', () => {
    const clock = new ManualClock();
    const stream = terminal(50);
    const progress = createProgress(stream, 300, live(clock));
    advanceTo(clock, 60_000);
    for (let done = 1; done <= 30; done++) {
      progress.result(done === 3 ? failingTest() : passingTest());
      progress.update(done);
    }
    progress.finish();
    expect(stream.rows).toEqual([
      'FAIL  prompts/refund.prompt.yaml:16  Refund poli…',
      '30/300 tests · 29 passed, 1 failed',
    ]);
  });

  it('reads the width again at each draw, so a resized terminal gets lines that fit', () => {
    const clock = new ManualClock();
    const stream = terminal(120);
    const progress = createProgress(stream, 300, live(clock));
    stream.columns = 30;
    progress.update(1);
    advanceTo(clock, 1000);
    expect(stream.chunks.at(-1)).toBe('\r1/300 tests\u001b[K');
  });

  it('colors the counts that matter, and nothing with color off (NO_COLOR, --no-color)', () => {
    const clock = new ManualClock();
    const colored = terminal();
    const plain = terminal();
    for (const [stream, color] of [
      [colored, true],
      [plain, false],
    ] as const) {
      const progress = createProgress(stream, 2, live(clock, { color }));
      progress.result(passingTest());
      progress.result(failingTest());
      progress.update(2);
      progress.finish();
    }
    expect(colored.text).toContain('\u001b[32m1 passed\u001b[39m, \u001b[31m1 failed\u001b[39m');
    expect(colored.text).toContain('\u001b[31mFAIL \u001b[39m prompts/refund.prompt.yaml:16');
    expect(plain.text.replaceAll('\u001b[K', '')).not.toContain('\u001b');
  });

  it("shows a comparison round's calls from the comparison's start, without verdicts", () => {
    const clock = new ManualClock();
    advanceTo(clock, 65_000);
    const stream = terminal();
    const progress = createProgress(stream, 40, live(clock, { unit: 'call', label: 'round 2', startedAt: 0, tally: false }));
    progress.update(3);
    progress.finish();
    expect(stream.rows).toEqual(['round 2 · 3/40 calls (7%) · 1m 05s elapsed']);
  });

  it('writes nothing more once finished', () => {
    const clock = new ManualClock();
    const stream = terminal();
    const progress = createProgress(stream, 10, live(clock));
    progress.update(4);
    progress.finish();
    const written = stream.text;
    progress.update(5);
    progress.result(failingTest());
    progress.finish();
    expect(stream.text).toBe(written);
    expect(written.endsWith('\n')).toBe(true);
  });
});
