import type { GateOutcome } from '../gates/gate.js';
import type { RunReport } from '../types.js';

/** What a run hands to the outputs and the verdict, whatever the event. */
export interface RunResult {
  /** The run judged (the head, on a pull request); empty when nothing ran. */
  report: RunReport;
  regressions: number;
  /** A base run was compared with, so `fail-on: regression` can judge regressions. */
  comparedWithBase: boolean;
  /** Errors in the prompt files that stopped the run. */
  invalidFiles: number;
  resultsFile: string;
  /** Set when a release (or a run with a baseline) was gated: the gates decide the step. */
  release?: {
    gates: GateOutcome[];
    /** The release report's Markdown file. */
    reportFile: string;
    /** The previous release's tag or the baseline file; empty when compared with nothing. */
    comparedWith: string;
  };
}
