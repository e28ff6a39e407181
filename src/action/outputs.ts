// The step's outputs, for later steps (`steps.<id>.outputs.<name>`). Set on every path, including
// "nothing to run" and "no secrets", so a workflow can always read them.
import { setOutput } from './runner-io.js';
import type { Summary } from '../types.js';

export interface ActionOutputs {
  summary: Pick<Summary, 'total' | 'passed' | 'failed' | 'errored' | 'passRate'>;
  regressions: number;
  resultsFile: string;
  /** The release report's Markdown file; empty when no release was gated. */
  reportFile?: string;
  /** What a release was gated against: the previous release's tag or the baseline file; empty when nothing. */
  comparedWith?: string;
}

export function setOutputs(outputs: ActionOutputs): void {
  setOutput('total', outputs.summary.total);
  setOutput('passed', outputs.summary.passed);
  setOutput('failed', outputs.summary.failed);
  setOutput('errored', outputs.summary.errored);
  setOutput('regressions', outputs.regressions);
  // A fraction, rounded so 2/3 reads 0.6667 rather than sixteen digits.
  setOutput('pass-rate', Number(outputs.summary.passRate.toFixed(4)));
  setOutput('results-file', outputs.resultsFile);
  setOutput('report-file', outputs.reportFile ?? '');
  setOutput('compared-with', outputs.comparedWith ?? '');
}
