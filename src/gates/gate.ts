// A release gate: one condition on a run, compared with its baseline where it needs one. Declared
// in promptgate.config.yaml (`gates:`), checked in one place for the CLI and the Action.

/** Which tests a gate looks at: all, or those with a tag, or those of one file. */
export interface GateScope {
  tag?: string;
  file?: string;
}

export type Gate = GateScope &
  (
    | { kind: 'no-regression' }
    /** Every test that passed in the baseline passes now: stricter than no regression, for areas that may not give an inch. */
    | { kind: 'no-lost-pass' }
    | { kind: 'min-pass-rate'; limit: number }
    | { kind: 'max-errored'; limit: number }
    /** The cost per sample may grow by at most this fraction of the baseline's. */
    | { kind: 'max-cost-increase'; limit: number }
    /** The p50 or p95 answer latency may grow by at most this fraction of the baseline's. */
    | { kind: 'max-latency-increase'; limit: number; percentile: 50 | 95 }
  );

export interface GateOutcome {
  gate: Gate;
  /** How the gate reads in a report: `no regression (tag safety)`. */
  name: string;
  /** `passed`; `failed`; `skipped` when there was nothing to measure it on (no baseline, no test in scope). */
  status: 'passed' | 'failed' | 'skipped';
  /** The figure measured, as shown: `2 regressions`, `91.7%`, `+12.5%`. */
  measured: string;
  /** The limit, as shown: `0`, `≥ 95%`, `≤ +10%`. */
  limit: string;
  /** Tests that made a gate on tests fail, by name (`file › test`), at most a few. */
  blamed?: string[];
}

/** The gate that applies when there is a baseline and the config declares none. */
export const DEFAULT_GATES: readonly Gate[] = [{ kind: 'no-regression' }];
