import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text is gathered up to this much before one write: few system calls, little held in memory. */
const FLUSH_BYTES = 1024 * 1024;

/**
 * Temporary files that a report is written to piece by piece while the run goes on, and read back
 * when the report is put together at the end: a report's totals come first in the file but are
 * known only last, and holding every result until then is what made large runs run out of memory.
 *
 * Writes are synchronous and gathered into large ones: a megabyte to the page cache takes well
 * under a millisecond, and a failure (a full disk) is caught where it happens instead of surfacing
 * in an 'error' event later. A write that fails is remembered, and the report that needed the
 * spool says so when it is written; the run itself goes on.
 */
export class SpoolDirectory {
  private readonly spools: Spool[] = [];

  private constructor(readonly path: string) {}

  /** Throws the system's error when no temporary directory can be made. */
  static create(): SpoolDirectory {
    return new SpoolDirectory(mkdtempSync(join(tmpdir(), 'promptgate-')));
  }

  spool(name: string): Spool {
    const spool = new Spool(join(this.path, name));
    this.spools.push(spool);
    return spool;
  }

  /** Closes the spools and removes the directory with them; never throws. */
  remove(): void {
    try {
      // Closed first: Windows refuses to delete a file that is open.
      for (const spool of this.spools) spool.close();
      rmSync(this.path, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A temporary directory left behind is not worth failing a run over.
    }
  }
}

export class Spool {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  /** The first write that failed; nothing is written after it. */
  error: Error | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+', 0o600);
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  append(text: string): void {
    if (this.error) return;
    this.pending.push(text);
    this.pendingBytes += Buffer.byteLength(text);
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Hands bytes `start` to `end` (exclusive) to `sink` in pieces; throws the spool's write error, if any. */
  copy(sink: (chunk: Uint8Array) => void, start = 0, end = this.size): void {
    this.flush();
    if (this.error) throw this.error;
    const buffer = Buffer.allocUnsafe(Math.min(FLUSH_BYTES, Math.max(1, end - start)));
    for (let position = start; position < end; ) {
      const read = readSync(this.fd!, buffer, 0, Math.min(buffer.length, end - position), position);
      if (read === 0) throw new Error(`${this.path} ended at byte ${position}, before the ${end} bytes written to it`);
      sink(buffer.subarray(0, read));
      position += read;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (this.error || this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    try {
      writeFully(this.fd!, chunk);
      this.written += chunk.length;
    } catch (error) {
      this.error = error as Error;
    }
  }
}

/** writeSync may write less than it was given (a signal, a pipe); the rest must follow. */
export function writeFully(fd: number, chunk: Uint8Array): void {
  for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset, chunk.length - offset);
}
