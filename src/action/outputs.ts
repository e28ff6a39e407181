// The step's outputs, for later steps (`steps.<id>.outputs.<name>`). Set on every path, including
// "nothing to run" and "no secrets", so a workflow can always read them.
import * as core from '@actions/core';
import type { Summary } from '../types.js';

export interface ActionOutputs {
  summary: Pick<Summary, 'total' | 'passed' | 'failed' | 'errored' | 'passRate'>;
  regressions: number;
  resultsFile: string;
}

export function setOutputs(outputs: ActionOutputs): void {
  core.setOutput('total', outputs.summary.total);
  core.setOutput('passed', outputs.summary.passed);
  core.setOutput('failed', outputs.summary.failed);
  core.setOutput('errored', outputs.summary.errored);
  core.setOutput('regressions', outputs.regressions);
  // A fraction, rounded so 2/3 reads 0.6667 rather than sixteen digits.
  core.setOutput('pass-rate', Number(outputs.summary.passRate.toFixed(4)));
  core.setOutput('results-file', outputs.resultsFile);
}
