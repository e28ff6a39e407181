// Stops calling an endpoint and model whose first calls all failed in a way that no retry and no
// other test can fix: nothing listening at the address, no such host, a key refused (401, 403), no
// such path or model (404). Without it, 300 tests against a closed port sent 1,500 attempts and
// printed the same error 300 times; with it, the calls not sent yet end at once with one shared
// reason, and the run reports the endpoint once. Kept per endpoint and model, as the rate limits
// are: a model the server does not serve says nothing about another one it does.
import type { EndpointDown } from '../types.js';
import type { AttemptFailure } from './provider.js';

/**
 * Failed attempts, none succeeding, before calls stop. One could be a server restarting; three in
 * a row, across the first cases sent at once (or one case's retries, at concurrency 1), is the
 * endpoint as it is. Small, because every attempt past it is one more copy of the same error.
 */
export const FAILED_ATTEMPTS_TO_STOP = 3;

/** Answers that say the endpoint cannot serve this model to this key, whatever the test. */
const DEAD_STATUSES = new Set([401, 403, 404]);

interface EndpointState {
  /** Once true, never stopped: a later 404 or refusal is that call's own problem. */
  succeeded: boolean;
  failedAttempts: number;
  first?: { error: string; status?: number };
  down?: EndpointDown;
}

export class EndpointCircuit {
  private readonly states = new Map<string, EndpointState>();

  constructor(private readonly failedAttemptsToStop = FAILED_ATTEMPTS_TO_STOP) {}

  /** The reason calls to this endpoint and model are no longer sent, or undefined while they are. */
  down(endpoint: string, model: string): EndpointDown | undefined {
    return this.states.get(keyOf(endpoint, model))?.down;
  }

  /** A call that is not sent because the endpoint is down: counted for the report. */
  refused(down: EndpointDown): void {
    down.notSent++;
  }

  succeeded(endpoint: string, model: string): void {
    this.state(endpoint, model).succeeded = true;
  }

  /** An attempt that failed (its message redacted); true when calls stop from now on. */
  failed(endpoint: string, model: string, failure: AttemptFailure): boolean {
    const state = this.state(endpoint, model);
    if (state.succeeded) return false;
    if (state.down) {
      // Sent before it stopped, and failing the same way: counted, so the report says how many were.
      if (isDead(failure)) state.down.failedAttempts++;
      return true;
    }
    if (!isDead(failure)) return false;
    state.failedAttempts++;
    state.first ??= { error: failure.message, ...(failure.status === undefined ? {} : { status: failure.status }) };
    if (state.failedAttempts < this.failedAttemptsToStop) return false;
    state.down = { endpoint, model, ...state.first, failedAttempts: state.failedAttempts, notSent: 0 };
    return true;
  }

  /** Every endpoint and model that calls stopped for, sorted (the order failures came in is chance); copies. */
  report(): EndpointDown[] {
    const down = [...this.states.values()].flatMap((state) => (state.down ? [{ ...state.down }] : []));
    return down.sort((a, b) => compare(a.endpoint, b.endpoint) || compare(a.model, b.model));
  }

  private state(endpoint: string, model: string): EndpointState {
    const key = keyOf(endpoint, model);
    let state = this.states.get(key);
    if (!state) {
      state = { succeeded: false, failedAttempts: 0 };
      this.states.set(key, state);
    }
    return state;
  }
}

function isDead(failure: AttemptFailure): boolean {
  return failure.unreachable === true || (failure.status !== undefined && DEAD_STATUSES.has(failure.status));
}

/** Plain code-unit order: localeCompare would differ from machine to machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(endpoint: string, model: string): string {
  return `${endpoint}\n${model}`;
}

/**
 * The failure of a call not sent: the error that stopped the endpoint, with a note that tells it
 * from the calls that met it. Reports group these with those by leaving the note out.
 */
export function notSentMessage(down: EndpointDown): string {
  return `${down.error} (${NOT_SENT_NOTE})`;
}

export const NOT_SENT_NOTE = 'not sent: the first calls to this endpoint and model all failed this way';
