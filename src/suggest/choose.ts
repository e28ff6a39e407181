// Picks the edit to offer. Among verified candidates: the most tests passing, then the smallest
// edit (a reviewer can check a one-line change at a glance; a rewrite hides surprises), then the
// editor's own order.
import type { CandidateVerdict } from './types.js';

export function chooseVerified(verdicts: CandidateVerdict[]): CandidateVerdict | undefined {
  return [...verdicts.filter((verdict) => verdict.verified)].sort(
    (a, b) => b.passed - a.passed || a.editSize - b.editSize || a.index - b.index,
  )[0];
}

/**
 * The attempt worth showing when none was verified: a safe one first (it breaks nothing, though
 * nothing shows it answers the critique), then one that ran, with the fewest problems.
 */
export function bestAttempt(verdicts: CandidateVerdict[]): CandidateVerdict | undefined {
  return [...verdicts.filter((verdict) => verdict.newText !== undefined && verdict.after !== undefined)].sort(
    (a, b) =>
      Number(b.safe === true) - Number(a.safe === true) ||
      b.passed - a.passed ||
      a.reasons.length - b.reasons.length ||
      a.editSize - b.editSize ||
      a.index - b.index,
  )[0];
}
