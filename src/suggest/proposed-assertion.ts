// The editor may propose one assertion that captures the critique ("at most 60 words"). It earns a
// place in the suite only by telling the old prompt from the new: it must fail on the old output of
// a targeted test and pass on every new sample. An assertion that passes on both guards nothing; one
// that fails on the new output would fail the suite it is added to.
import { stringify } from 'yaml';
import { evaluateAssertion } from '../assert/index.js';
import { expandSuite } from '../suite/expand.js';
import { loadSuite } from '../suite/load.js';
import type { Assertion, AssertionResult, RunReport, SampleResult, Suite, TestResult } from '../types.js';
import type { CandidateVerdict } from './types.js';

export type AssertionVerdict = NonNullable<CandidateVerdict['assertion']>;

export function judgeProposedAssertion(
  proposal: Record<string, unknown>,
  suite: Suite,
  targets: string[],
  before: RunReport,
  after: RunReport,
): AssertionVerdict {
  // lineWidth 0: never fold a long value over several lines; the reviewer pastes this as is.
  const yaml = stringify([proposal], { lineWidth: 0 }).trimEnd();
  if (suite.format !== 'promptgate') {
    return { kept: false, yaml, reason: 'assertions can be suggested only for promptgate-format files, not GitHub Models files' };
  }
  let firstReason: string | undefined;
  for (const name of targets) {
    const old = before.results.find((result) => result.test === name);
    const now = after.results.find((result) => result.test === name);
    if (!old || !now) continue;
    const normalised = normaliseAssertion(proposal, old.vars);
    if (!normalised.ok) return { kept: false, yaml, reason: normalised.reason };
    const verdict = discriminates(normalised.assertion, old, now);
    if (verdict.kept) return { kept: true, yaml, reason: verdict.reason, test: name };
    firstReason ??= verdict.reason;
  }
  return { kept: false, yaml, reason: firstReason ?? 'no targeted test has outputs before and after the edit to judge it on' };
}

function discriminates(assertion: Assertion, old: TestResult, now: TestResult): { kept: boolean; reason: string } {
  const oldFailure = old.samples.map((sample) => judge(assertion, sample)).find((result) => result !== undefined && !result.pass && !result.skipped);
  if (!oldFailure) {
    return { kept: false, reason: `it does not tell the old prompt from the new: it already passes on the old output of "${old.test}"` };
  }
  for (const sample of now.samples) {
    const result = judge(assertion, sample);
    if (!result || result.skipped) return { kept: false, reason: `it cannot be judged on the new output of "${now.test}"` };
    if (!result.pass) return { kept: false, reason: `it fails on the new output of "${now.test}" too: ${result.reason}` };
  }
  return { kept: true, reason: `it fails on the old output of "${old.test}" (${oldFailure.reason}) and passes on the new one` };
}

function judge(assertion: Assertion, sample: SampleResult): AssertionResult | undefined {
  if (sample.status === 'errored') return undefined;
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
