// How a comparison is told, the same way in the console and in Markdown: each side's pass count with
// its 95% interval (`7/10 (40–89%) → 2/10 (6–51%)`), which tests are listed, and the counts.
import type { ComparisonChange, ComparisonSummary, SideEvidenceReport, Summary, TestComparison, TestResult } from '../types.js';
import { formatCount, formatPercent, formatUsd, plural } from './numbers.js';

/**
 * The changes a reader has to look at, in the order they are listed: what got worse, what got
 * better, what the samples could not settle. Unchanged and new tests are only counted (a new
 * test's failure is shown with the failures).
 */
export const LISTED_CHANGES: readonly ComparisonChange[] = ['regression', 'improvement', 'inconclusive'];

/** True for a result whose comparison is listed (see LISTED_CHANGES). */
export function isListedChange(result: TestResult): boolean {
  return result.comparison !== undefined && LISTED_CHANGES.includes(result.comparison.change);
}

/** The listed results grouped by change, in report order within each. */
export function listedInOrder(results: readonly TestResult[]): TestResult[] {
  return LISTED_CHANGES.flatMap((change) => results.filter((result) => result.comparison?.change === change));
}

/** `7/10`: passing samples of the evaluated ones (errored samples are neither). */
export function passCount(side: SideEvidenceReport): string {
  return `${formatCount(side.passed)}/${formatCount(side.samples)}`;
}

/** `7/10 (40–89%)`: the pass count and the pass rate's 95% Wilson interval; `no evaluated sample` when every call errored. */
export function sideText(side: SideEvidenceReport): string {
  if (side.samples === 0) return 'no evaluated sample';
  return `${passCount(side)} (${intervalText(side.interval)})`;
}

/**
 * `40–89%`: whole percents, rounded (not floored as pass rates are: an interval's ends are estimates
 * either way, and flooring would shift both to the low side).
 */
export function intervalText(interval: { low: number; high: number }): string {
  return `${Math.round(interval.low * 100)}–${Math.round(interval.high * 100)}%`;
}

/** `7/10 (40–89%) → 2/10 (6–51%)`, base then head; the head alone for a test new at the head. */
export function evidenceText(comparison: TestComparison): string {
  const head = sideText(comparison.head);
  return comparison.base ? `${sideText(comparison.base)} → ${head}` : `${head} (new)`;
}

/** `1 regression, 0 improvements, 58 unchanged, 1 inconclusive, 2 new` */
export function formatChangeCounts(summary: ComparisonSummary): string {
  return [
    plural(summary.regression, 'regression'),
    plural(summary.improvement, 'improvement'),
    `${formatCount(summary.unchanged)} unchanged`,
    `${formatCount(summary.inconclusive)} inconclusive`,
    `${formatCount(summary.new)} new`,
  ].join(', ');
}

/** `false-alarm rate 5% · 412 calls (budget 1,200)`: what the verdicts guarantee and what they cost. */
export function formatComparisonTerms(summary: ComparisonSummary): string {
  return `false-alarm rate ${formatPercent(summary.falseAlarmRate)} · ${plural(summary.calls, 'call')} (budget ${formatCount(summary.budget)})`;
}

/**
 * `16 requests, 0 cache hits, 64 tokens`: what the base side took. A compared run's report is the
 * head's, so its totals leave the base's calls out; this says them.
 */
export function formatBaseUsage(base: Summary): string {
  const cost = base.cost !== undefined ? `, ${formatUsd(base.cost)}` : '';
  return `${plural(base.requests, 'request')}, ${plural(base.cacheHits, 'cache hit')}, ${formatCount(base.tokens.total)} tokens${cost}`;
}
