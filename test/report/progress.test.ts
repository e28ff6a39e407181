import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress } from '../../src/report/progress.js';

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
}

describe('createProgress, non-interactive (CI logs)', () => {
  it('writes a handful of plain lines for 2,000 updates', () => {
    const stream = new Recorder();
    const progress = createProgress(stream, 2000, { interactive: false });
    for (let done = 1; done <= 2000; done++) progress.update(done);
    progress.finish();
    expect(stream.text).toBe(
      'running 500/2000 · 25%\nrunning 1000/2000 · 50%\nrunning 1500/2000 · 75%\nrunning 2000/2000 · 100%\n',
    );
    expect(stream.text).not.toContain('\r');
  });

  it('says where a run stopped between milestones, once', () => {
    const stream = new Recorder();
    const progress = createProgress(stream, 10, { interactive: false });
    progress.update(3);
    progress.update(4);
    progress.finish();
    progress.finish();
    expect(stream.text).toBe('running 3/10 · 30%\nrunning 4/10 · 40%\n');
  });

  it('writes nothing when there is nothing to run', () => {
    const stream = new Recorder();
    const progress = createProgress(stream, 0, { interactive: false });
    progress.finish();
    expect(stream.text).toBe('');
  });
});

describe('createProgress, interactive (terminal)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-11-21T09:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rewrites one line with \\r and redraws at most every 100ms', () => {
    const stream = new Recorder();
    stream.isTTY = true;
    stream.columns = 80;
    const progress = createProgress(stream, 2000, { interactive: true });
    for (let done = 1; done <= 2000; done++) {
      progress.update(done);
      // 2,000 updates 0.5ms apart: one simulated second.
      vi.advanceTimersByTime(0.5);
    }
    progress.finish();
    const redraws = stream.chunks.filter((chunk) => chunk.startsWith('\r'));
    expect(redraws.length).toBeGreaterThanOrEqual(10);
    expect(redraws.length).toBeLessThanOrEqual(12);
    expect(redraws[0]).toBe('\rrunning 1/2000 · 0%\u001b[K');
    expect(stream.chunks.slice(-2)).toEqual(['\rrunning 2000/2000 · 100%\u001b[K', '\n']);
    expect(stream.text.split('\n')).toHaveLength(2);
  });

  it('fits the line to a narrow terminal', () => {
    const stream = new Recorder();
    stream.columns = 10;
    const progress = createProgress(stream, 2000, { interactive: true });
    progress.update(120);
    expect(stream.chunks[0]).toBe('\rrunning 1\u001b[K');
  });
});
