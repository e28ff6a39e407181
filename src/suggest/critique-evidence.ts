// Does an edit answer the critique, or only break nothing? A targeted test that failed before and
// is now an improvement is the evidence; one that already passed cannot be, since passing after
// the edit shows only that nothing broke. The critique is then testable only through the
// candidate's proposed assertion, kept when it fails before and passes after with evidence.
import type { AssertionVerdict } from './proposed-assertion.js';
import type { CritiqueEvidence, TestCheck } from './types.js';
import { count, formatP } from './verification.js';

/** What shows that a safe candidate (no regression, every targeted test held) addresses the critique. */
export function critiqueEvidence(checks: readonly TestCheck[], assertion: AssertionVerdict | undefined): CritiqueEvidence {
  const targeted = checks.filter((check) => check.targeted);
  const improved = targeted.filter((check) => check.change === 'improvement');
  if (improved.length > 0) {
    const shown = improved.map((check) => `targeted test "${check.test}" improved: ${count(check.before)} → ${count(check.after)} (${formatP(check.pValue)})`);
    return { by: 'test', reason: shown.join('; ') };
  }
  if (assertion?.kept && assertion.before && assertion.after) {
    return {
      by: 'assertion',
      reason: `the proposed assertion ${assertion.label ?? assertion.yaml} fails before and passes after the edit on "${assertion.test}": ${count(assertion.before)} → ${count(assertion.after)} (improvement, ${formatP(assertion.pValue)})`,
    };
  }
  const passing = targeted.filter((check) => check.passedBefore).map((check) => `"${check.test}"`);
  const why =
    passing.length === 0
      ? 'no targeted test improved'
      : `${passing.length === 1 ? 'targeted test' : 'targeted tests'} ${passing.join(', ')} passed before the edit, so ${passing.length === 1 ? 'its passing' : 'their passing'} after it shows only that nothing broke`;
  const missing =
    assertion === undefined
      ? 'the candidate proposed no assertion that captures the critique'
      : `its proposed assertion ${assertion.label ?? assertion.yaml} is no evidence: ${assertion.reason}`;
  return { reason: `not shown to address the critique: ${why}, and ${missing}` };
}
