/**
 * Ctrl-C (SIGINT) and a cancelled CI job (SIGTERM; GitHub Actions sends SIGINT first, then SIGTERM)
 * stop a run the same way: calls in flight are abandoned, and what is done is reported and
 * written. Without a listener Node dies on SIGTERM at once and every result is lost.
 *
 * After the first signal the listeners are gone, so a second one ends the process at once, as
 * Node does by default. Shared by the CLI and the Action.
 */
export class StopSignals {
  private readonly controller = new AbortController();
  private first: NodeJS.Signals | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.first ??= signal;
    this.dispose();
    this.controller.abort();
  };

  constructor() {
    for (const signal of STOP_SIGNALS) process.on(signal, this.onSignal);
  }

  /** Aborted on the first signal: what the run listens to. */
  get abortSignal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal received, if any. */
  get received(): NodeJS.Signals | undefined {
    return this.first;
  }

  dispose(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, this.onSignal);
  }
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
