// Pass or fail for a release. Compared with an earlier release (or a baseline), the gates decide,
// with errored tests (a test that could not run was not compared): a test that failed before and
// fails still does not stop the release. Compared with nothing, the suite is judged alone, as on a
// push (`fail-on`), and the gates that need no baseline still apply. `fail-on: never` only reports.
import type { GateOutcome } from '../gates/gate.js';
import { plural } from '../report/numbers.js';
import type { RunReport } from '../types.js';
import type { FailOn } from './inputs.js';
import { decideVerdict, type StepVerdict } from './verdict.js';

export interface ReleaseVerdictInput {
  failOn: FailOn;
  report: RunReport;
  gates: readonly GateOutcome[];
  /** Some test was compared with the earlier release (not every test new). */
  compared: boolean;
}

export function releaseVerdict(input: ReleaseVerdictInput): StepVerdict {
  const failed = input.gates.filter((gate) => gate.status === 'failed');
  if (input.failOn === 'never') return { failed: false, message: `fail-on is never: ${gatesText(input.gates)}` };
  if (failed.length > 0) {
    const which = failed.map((gate) => `${gate.name}: ${gate.measured} (limit ${gate.limit})`).join('; ');
    return { failed: true, message: `${failed.length === 1 ? 'gate failed' : `${failed.length} gates failed`}: ${which}` };
  }
  // Errored tests and, compared with nothing, failing ones: the rules of every other run.
  const rest = decideVerdict({
    failOn: input.compared ? 'regression' : input.failOn,
    report: input.report,
    regressions: 0,
    comparedWithBase: input.compared,
    invalidFiles: 0,
  });
  if (rest.failed) return rest;
  return { failed: false, message: gatesText(input.gates) };
}

function gatesText(gates: readonly GateOutcome[]): string {
  const count = (status: GateOutcome['status']) => gates.filter((gate) => gate.status === status).length;
  if (gates.length === 0) return 'no gates';
  const parts = [`${count('passed')} passed`, ...(count('failed') > 0 ? [`${count('failed')} failed`] : []), ...(count('skipped') > 0 ? [`${count('skipped')} skipped`] : [])];
  return `${plural(gates.length, 'gate')}: ${parts.join(', ')}`;
}
