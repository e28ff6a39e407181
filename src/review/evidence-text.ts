// How a comparison's evidence reads on the pull request, beyond the counts with their intervals
// that every report shows the same way (report/comparison.ts): the counts alone for a heading, and
// the guarantees the verdicts were made with. The counts are the evidence a reviewer can weigh;
// the verdict alone would ask for trust.
import { passCount } from '../report/comparison.js';
import { formatCount, formatPercent, plural } from '../report/numbers.js';
import type { ComparisonSummary, TestComparison } from '../types.js';

/** `8/8 → 0/8`: the counts alone, base then head, for a heading or a title. */
export function countsText(comparison: TestComparison): string {
  return comparison.base ? `${passCount(comparison.base)} → ${passCount(comparison.head)}` : passCount(comparison.head);
}

/**
 * What every verdict on the page rests on, in one paragraph: the error rate, the samples a side and
 * what the run spent. Without it, "inconclusive" and "unchanged" read as a shrug.
 */
export function decisionNote(summary: ComparisonSummary): string {
  const compared = summary.regression + summary.improvement + summary.unchanged + summary.inconclusive;
  if (compared === 0) return 'No test had a version at the base to compare with.';
  return (
    `Counts are passing samples of those evaluated at the base → at the head, with 95% Wilson intervals. ` +
    `${compared === 1 ? 'The compared test' : `Each of the ${formatCount(compared)} compared tests`} was sampled until the evidence decided, up to ${plural(summary.maxSamples, 'sample')} a side ` +
    `(${plural(summary.calls, 'model call')} of a budget of ${formatCount(summary.budget)}); ` +
    `regressions and improvements are called by Fisher's exact test with a false-alarm rate of ${formatPercent(summary.falseAlarmRate)} ` +
    `(Benjamini–Hochberg, each direction). Inconclusive: still undecided at the limit — not counted as a regression.`
  );
}
