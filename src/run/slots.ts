// The run's concurrency: at most `size` cases at work at once. A case that waits for the server (a
// rate-limit pause, a backoff) puts its slot down, so that cases on other models, or answered from
// the cache, go on meanwhile; it gets a slot back before any case that has not started yet.

/** What a call puts down while it waits for the server and picks up again before it sends. */
export interface Slot {
  putDown(): void;
  /** Undefined when a slot was free (and is now held); otherwise resolves once one is. */
  pickUp(): Promise<void> | undefined;
}

export class Slots {
  private free: number;
  private readonly returning = new Queue<() => void>();
  private readonly starting = new Queue<() => void>();
  /** The slot a started case holds, to put down and pick up around its waits. */
  readonly held: Slot = {
    putDown: () => this.release(),
    pickUp: () => this.wait(this.returning),
  };

  constructor(size: number) {
    this.free = size;
  }

  /** A slot for a case that has not started: undefined when one was free, otherwise a promise of one. */
  take(): Promise<void> | undefined {
    return this.wait(this.starting);
  }

  release(): void {
    const next = this.returning.shift() ?? this.starting.shift();
    if (next) next();
    else this.free++;
  }

  private wait(queue: Queue<() => void>): Promise<void> | undefined {
    // Slots are handed straight to waiters, so a free one means nobody waits.
    if (this.free > 0) {
      this.free--;
      return undefined;
    }
    return new Promise<void>((resolve) => queue.push(resolve));
  }
}

/** First in, first out, without Array#shift's copying when thousands of cases wait. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return item;
  }
}
