// The editor may propose one assertion that captures the critique ("at most 60 words", "mentions
// refunds"). It is what makes a critique testable when the targeted tests already pass: judged on
// the samples of a targeted test before and after the edit, it must pass markedly more often after
// (the comparison's own Fisher test on its pass counts) — so it fails before and passes after with
// evidence — and the test, with it added, must still pass by its own rule after the edit. An
// assertion that passes on both sides guards nothing; one that fails after would fail the suite it
// is added to.
import { stringify } from 'yaml';
import { evaluateAssertion } from '../assert/index.js';
import { fisherBetterPValue } from '../compare/exact-test.js';
import { formatPercent } from '../report/numbers.js';
import { truncate } from '../report/markdown-safe.js';
import { expandSuite } from '../suite/expand.js';
import { loadSuite } from '../suite/load.js';
import type { Assertion, AssertionResult, RunReport, SampleResult, Suite, TestResult } from '../types.js';
import type { CandidateVerdict, PassCount } from './types.js';
import { count, formatP, passes } from './verification.js';

export type AssertionVerdict = NonNullable<CandidateVerdict['assertion']>;

export interface AssertionJudging {
  /** The comparison's false-alarm rate. */
  falseAlarmRate: number;
  /**
   * How many assertion-and-test pairs the step may judge (candidates × targeted tests): a p-value is
   * multiplied by it (Bonferroni), since the step keeps whichever assertion happens to separate.
   */
  family: number;
}

/** How much of an assertion a sentence quotes. */
const LABEL_CHARS = 120;
const DETAIL_CHARS = 200;

export function judgeProposedAssertion(
  proposal: Record<string, unknown>,
  suite: Suite,
  targets: readonly string[],
  before: RunReport,
  after: RunReport,
  judging: AssertionJudging,
): AssertionVerdict {
  // lineWidth 0: never fold a long value over several lines; the reviewer pastes this as is.
  const yaml = stringify([proposal], { lineWidth: 0 }).trimEnd();
  const label = truncate(stringify(proposal, { collectionStyle: 'flow', lineWidth: 0 }).trim(), LABEL_CHARS);
  // A GitHub Models file checks outputs with evaluators: the assertion still tests the critique, but is not offered as YAML to add.
  const addable = suite.format === 'promptgate' ? {} : { notAddable: 'GitHub Models files check outputs with evaluators, not promptgate assertions: add an evaluator that checks the same' };
  const verdict = (found: Omit<AssertionVerdict, 'yaml' | 'label'>): AssertionVerdict => ({ ...found, yaml, label, ...addable });
  const judged: Judged[] = [];
  for (const name of targets) {
    const old = before.results.find((result) => result.test === name);
    const now = after.results.find((result) => result.test === name);
    if (!old || !now) continue;
    const normalised = normaliseAssertion(proposal, old.vars);
    if (!normalised.ok) return verdict({ kept: false, reason: normalised.reason });
    judged.push(judgeOn(normalised.assertion, old, now, judging));
  }
  // The test it separates best; else the one that came closest, for the reason.
  const best = judged.sort((a, b) => a.rank - b.rank || (a.pValue ?? 1) - (b.pValue ?? 1))[0];
  if (!best) return verdict({ kept: false, reason: 'no targeted test has outputs before and after the edit to judge it on' });
  return verdict({
    kept: best.rank === KEPT,
    reason: best.reason,
    test: best.test,
    ...(best.before ? { before: best.before } : {}),
    ...(best.after ? { after: best.after } : {}),
    ...(best.pValue !== undefined ? { pValue: best.pValue } : {}),
  });
}

/** How close an assertion came on one test: kept, then undecided, then failing after, then not failing before. */
const KEPT = 0;
const UNDECIDED = 1;
const FAILS_AFTER = 2;
const PASSES_BEFORE = 3;
const UNJUDGED = 4;

interface Judged {
  test: string;
  rank: number;
  reason: string;
  before?: PassCount;
  after?: PassCount;
  pValue?: number;
}

function judgeOn(assertion: Assertion, old: TestResult, now: TestResult, judging: AssertionJudging): Judged {
  const test = old.test;
  const was = tally(assertion, old);
  const is = tally(assertion, now);
  if (!was.ok) return { test, rank: UNJUDGED, reason: `it cannot be judged on the old output of "${test}"` };
  if (!is.ok) return { test, rank: UNJUDGED, reason: `it cannot be judged on the new output of "${test}"` };
  const counts = { before: was.count, after: is.count };
  const shift = `${count(was.count)} → ${count(is.count)}`;
  if (was.count.passed === was.count.samples) {
    return { test, rank: PASSES_BEFORE, ...counts, reason: `it does not tell the old prompt from the new: it already passes on the old output of "${test}" (${shift})` };
  }
  // Added to the test, a sample passes only when the test's own assertions and this one both do.
  const withIt = { passed: is.passedWithTest, samples: is.count.samples };
  if (!passes(withIt, now.minPassRate)) {
    const first = is.firstFailure ? `: ${truncate(is.firstFailure, DETAIL_CHARS)}` : '';
    return {
      test,
      rank: FAILS_AFTER,
      ...counts,
      reason: `it fails on the new output of "${test}" too: with it, the test would pass ${count(withIt)} after the edit, below its minPassRate of ${formatPercent(now.minPassRate)}${first}`,
    };
  }
  const pValue = Math.min(1, fisherBetterPValue(was.count, is.count) * judging.family);
  if (pValue > judging.falseAlarmRate) {
    return {
      test,
      rank: UNDECIDED,
      ...counts,
      pValue,
      reason: `it does not show a change on "${test}": ${shift} (${formatP(pValue)}) is not evidence at a ${formatPercent(judging.falseAlarmRate)} false-alarm rate`,
    };
  }
  return { test, rank: KEPT, ...counts, pValue, reason: `it fails before and passes after the edit on "${test}": ${shift} (improvement, ${formatP(pValue)})` };
}

type Tally = { ok: true; count: PassCount; passedWithTest: number; firstFailure?: string } | { ok: false };

/** The assertion on every evaluated sample of a result; errored samples are left out, as the comparison leaves them out. */
function tally(assertion: Assertion, result: TestResult): Tally {
  let passed = 0;
  let samples = 0;
  let passedWithTest = 0;
  let firstFailure: string | undefined;
  for (const sample of result.samples) {
    if (sample.status === 'errored') continue;
    const judged = judge(assertion, sample);
    // A check that could not be made here (token usage unreported, a judge needed) says nothing either way.
    if (judged.skipped || judged.errored) return { ok: false };
    samples++;
    if (judged.pass) {
      passed++;
      if (sample.status === 'passed') passedWithTest++;
    } else {
      firstFailure ??= judged.reason;
    }
  }
  if (samples === 0) return { ok: false };
  return { ok: true, count: { passed, samples }, passedWithTest, ...(firstFailure !== undefined ? { firstFailure } : {}) };
}

function judge(assertion: Assertion, sample: SampleResult): AssertionResult {
  // Zero tokens means the server reported no usage; token assertions then skip rather than pass.
  const usage = sample.tokens.total > 0 ? { usage: sample.tokens } : {};
  return evaluateAssertion(assertion, sample.output, { latencyMs: sample.latencyMs, ...usage });
}

/**
 * Reads the proposal exactly as the loader reads a user's assertion (both forms, `not-`, value
 * checks, `{{var}}` placeholders rendered with the test's vars), through a one-test file.
 */
function normaliseAssertion(proposal: Record<string, unknown>, vars: Record<string, unknown>): { ok: true; assertion: Assertion } | { ok: false; reason: string } {
  const text = stringify({ model: 'assertion-check', messages: [{ role: 'user', content: 'check' }], tests: [{ name: 'check', vars, assert: [proposal] }] });
  const { suite, problems } = loadSuite('proposed assertion', text);
  const error = problems.find((problem) => problem.severity === 'error');
  if (!suite || error) return { ok: false, reason: `the proposed assertion is invalid: ${error?.message ?? 'it could not be read'}` };
  const assertion = expandSuite(suite, { model: 'assertion-check' })[0]?.assert[0];
  return assertion ? { ok: true, assertion } : { ok: false, reason: 'the proposed assertion is empty' };
}
