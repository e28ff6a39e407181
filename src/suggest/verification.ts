// What a candidate must show, read off the side-by-side comparison of the file as it is (before)
// and the edited copy (after): no test becomes a `regression`, and every targeted test is an
// `improvement` or, if it passed before, passes by its own rule on at least MIN_EVIDENCE_SAMPLES
// samples after the edit. An `inconclusive` targeted test is not verified, whichever it was before;
// an inconclusive other test is no regression, and is named in the answer. The same checks say
// what was verified.
import { truncate } from '../report/markdown-safe.js';
import { failingAssertions } from '../report/result-facts.js';
import { formatPercent, plural } from '../report/numbers.js';
import type { RunReport, TestResult } from '../types.js';
import type { CritiqueEvidence, PassCount, TestCheck } from './types.js';

/** Why a comparison stopped that leaves its evidence short of a verdict. */
const INCOMPLETE_STOPS = new Set(['budget', 'interrupted', 'no-evidence']);

/**
 * Samples a targeted test that passed before must pass (by its own rule) after the edit. One
 * sample is luck: a test that passes half the time passes 1 sample in 2, and 4 in a row 1 time in
 * 16; 8 in a row 1 time in 256 (70% of the time: 1 in 17), and 8/8 has a 95% Wilson lower bound
 * of 68%. It is also what the comparison needs to call the opposite, a steady 8/8 → 0/8, a
 * regression: at 4 a side, even 4/4 → 0/4 is not significant. A Wilson lower bound at the test's
 * minPassRate was the other choice; at the default minPassRate of 100% no count can reach it.
 */
export const MIN_EVIDENCE_SAMPLES = 8;

/** How much of a failure's reason a check quotes. */
const DETAIL_CHARS = 200;
/** Tests named one by one in a note about the others; the rest are counted. */
const LISTED_TESTS = 3;
/** `passRate ≥ minPassRate` with the scorer's tolerance for thresholds like 1 - 0.1. */
const RATE_EPSILON = 1e-9;

/** The check of every test of `after`, a report from the comparison (each result has its `comparison`). */
export function checkTests(after: RunReport, targets: readonly string[]): TestCheck[] {
  const targeted = new Set(targets);
  return after.results.map((result) => checkTest(result, targeted.has(result.test)));
}

function checkTest(result: TestResult, targeted: boolean): TestCheck {
  const comparison = result.comparison;
  const before: PassCount = comparison?.base ? { passed: comparison.base.passed, samples: comparison.base.samples } : { passed: 0, samples: 0 };
  const after = countOf(result);
  const passedBefore = passes(before, result.minPassRate);
  const passesAfter = passes(after, result.minPassRate);
  // Samples short of the evidence rule are samples not taken (the budget ran out first), not a verdict.
  const short = targeted && passedBefore && passesAfter && after.samples < MIN_EVIDENCE_SAMPLES;
  const check: TestCheck = {
    test: result.test,
    targeted,
    change: comparison?.change ?? 'inconclusive',
    before,
    after,
    ...(comparison?.pValue !== undefined ? { pValue: comparison.pValue } : {}),
    passedBefore,
    passesAfter,
    minPassRate: result.minPassRate,
    held: true,
    complete:
      // The step stops a comparison by its signal when its own budget is used up: `interrupted` is the budget here too.
      !short && !INCOMPLETE_STOPS.has(comparison?.stopped ?? '') && !result.samples.some((sample) => sample.status === 'errored'),
  };
  const reason = whyNot(check, result);
  return reason === undefined ? check : { ...check, held: false, reason };
}

function whyNot(check: TestCheck, result: TestResult): string | undefined {
  const label = `${check.targeted ? 'targeted test' : 'test'} "${check.test}"`;
  const counts = `${count(check.before)} → ${count(check.after)}`;
  if (check.after.samples === 0) return `${label} could not be evaluated after the edit: ${truncate(firstError(result), DETAIL_CHARS)}`;
  if (check.change === 'regression') return `${label} got worse: ${counts} (regression, ${formatP(check.pValue)})${detail(result)}`;
  if (!check.targeted || check.change === 'improvement') return undefined;
  if (check.change === 'inconclusive') {
    const shown = check.passedBefore ? 'to pass as before' : 'to improve';
    return `${label} is not shown ${shown}: ${counts} is inconclusive, so the edit is not verified`;
  }
  if (!check.passedBefore) return `${label} still fails: ${counts} (${check.change})${detail(result)}`;
  if (!check.passesAfter) return `${label} passed before and does not pass after the edit: ${counts}${detail(result)}`;
  if (check.after.samples < MIN_EVIDENCE_SAMPLES) {
    return `${label} passes ${count(check.after)} after the edit, too few samples to show it: at least ${MIN_EVIDENCE_SAMPLES} are needed`;
  }
  return undefined;
}

/**
 * What a candidate showed, one line each: every targeted test with its counts, what showed the
 * critique addressed when a proposed assertion did, then the others together (how many, the
 * fewest samples a side, and any that were inconclusive or improved).
 */
export function describeVerified(checks: readonly TestCheck[], critique?: CritiqueEvidence): string[] {
  const lines = checks.filter((check) => check.targeted).map(describeTarget);
  if (critique?.by === 'assertion') lines.push(`the critique: ${critique.reason}`);
  const others = checks.filter((check) => !check.targeted);
  if (others.length > 0) lines.push(describeOthers(others));
  return lines;
}

/** How the changes were decided, for under the counts. */
export function describeMethod(falseAlarmRate: number): string {
  return `Regressions and improvements are called by Fisher's exact test on the pass counts, at a ${formatPercent(falseAlarmRate)} false-alarm rate.`;
}

/**
 * The table's verdict for one test: its change, with the p-value where it says something — for a
 * change found, and for an undecided test watched for regressions. The comparison reports an
 * undecided test's p-value in the worse direction, which says nothing of a targeted test that
 * leaned towards better.
 */
export function describeChange(check: TestCheck): string {
  const telling = check.change === 'regression' || check.change === 'improvement' || (check.change === 'inconclusive' && !check.targeted);
  return telling && check.pValue !== undefined ? `${check.change} (${formatP(check.pValue)})` : check.change;
}

function describeTarget(check: TestCheck): string {
  const head = `targeted test "${check.test}": ${count(check.before)} → ${count(check.after)}`;
  if (check.change === 'improvement') return `${head} (improvement, ${formatP(check.pValue)})`;
  const passing =
    check.after.passed === check.after.samples
      ? `all ${check.after.samples} samples`
      : `${check.after.passed} of ${check.after.samples} samples, at least its ${formatPercent(check.minPassRate)}`;
  return `${head} (it passed before; after the edit it passes ${passing}; ${check.change})`;
}

function describeOthers(others: readonly TestCheck[]): string {
  const compared = others.filter((check) => check.before.samples > 0);
  const fewest = Math.min(...compared.map((check) => Math.min(check.before.samples, check.after.samples)));
  const parts = [
    `no regression among ${plural(others.length, 'other test')}` +
      (compared.length > 0 ? ` (${others.length === 1 ? '' : 'each '}≥ ${plural(fewest, 'sample')} a side)` : ''),
  ];
  const note = (title: string, tests: readonly TestCheck[], withP: boolean) => {
    if (tests.length === 0) return;
    const listed = tests.slice(0, LISTED_TESTS).map((check) => `"${check.test}" ${count(check.before)} → ${count(check.after)}${withP ? ` (${formatP(check.pValue)})` : ''}`);
    const more = tests.length > LISTED_TESTS ? ` and ${tests.length - LISTED_TESTS} more` : '';
    parts.push(`${title}: ${listed.join(', ')}${more}`);
  };
  note('inconclusive', compared.filter((check) => check.change === 'inconclusive'), true);
  note('improved', others.filter((check) => check.change === 'improvement'), true);
  const uncompared = others.filter((check) => check.before.samples === 0);
  if (uncompared.length > 0) parts.push(`not compared, no answer before the edit: ${uncompared.slice(0, LISTED_TESTS).map((check) => `"${check.test}"`).join(', ')}`);
  return parts.join('; ');
}

/** `p < 0.001`, `p = 0.029`: two significant figures are all a p-value has to say. */
export function formatP(pValue: number | undefined): string {
  if (pValue === undefined) return 'no p-value';
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${Number(Math.min(1, pValue).toPrecision(2))}`;
}

/** `3/8`: passes of the evaluated samples. */
export function count(pass: PassCount): string {
  return `${pass.passed}/${pass.samples}`;
}

/** The evaluated samples of a result and its passes. */
export function countOf(result: TestResult): PassCount {
  let passed = 0;
  let samples = 0;
  for (const sample of result.samples) {
    if (sample.status === 'errored') continue;
    samples++;
    if (sample.status === 'passed') passed++;
  }
  return { passed, samples };
}

/** The test's own rule: its pass rate reached minPassRate, on at least one evaluated sample. */
export function passes(pass: PassCount, minPassRate: number): boolean {
  return pass.samples > 0 && pass.passed / pass.samples >= minPassRate - RATE_EPSILON;
}

function detail(result: TestResult): string {
  const first = failingAssertions(result)[0];
  return first ? `: ${truncate(first.reason, DETAIL_CHARS)}` : '';
}

function firstError(result: TestResult): string {
  return result.samples.find((sample) => sample.status === 'errored')?.error ?? result.error ?? 'no answer';
}
