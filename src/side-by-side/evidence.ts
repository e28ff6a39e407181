// What one side's samples say: the pass count the statistics read, and the same with its interval
// for the reports. Errored samples are neither passes nor failures: a call that failed says nothing
// about the prompt.
import type { SideEvidence } from '../compare/sequential.js';
import { wilsonInterval } from '../compare/wilson.js';
import type { SampleResult, SideEvidenceReport } from '../types.js';

export function evidenceOf(samples: readonly SampleResult[]): SideEvidence {
  let passed = 0;
  let evaluated = 0;
  let output: string | undefined;
  let sameOutput = true;
  for (const sample of samples) {
    if (sample.status === 'errored') continue;
    evaluated++;
    if (sample.status === 'passed') passed++;
    if (output === undefined) output = sample.output;
    else if (sample.output !== output) sameOutput = false;
  }
  // One answer is not yet a pattern: steadiness needs at least two alike.
  return { passed, samples: evaluated, sameOutput: sameOutput && evaluated >= 2 };
}

export function sideReport(samples: readonly SampleResult[]): SideEvidenceReport {
  const { passed, samples: evaluated } = evidenceOf(samples);
  return { passed, samples: evaluated, interval: wilsonInterval({ passed, samples: evaluated }) };
}
