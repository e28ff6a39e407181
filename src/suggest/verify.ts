// Verifies one candidate: apply its edits to a copy, load the result, and run it side by side
// with the file as it is (compare-candidate.ts). Safe means: the file loads without errors, its
// tests are the same tests and the prompt still takes in their inputs (and not their expected
// answers), and the comparison shows what verification.ts asks: no test became a regression, and
// every targeted test improved or, if it passed before, passes on enough samples to show it.
// Verified means safe and shown to address the critique (critique-evidence.ts): a targeted test
// improved, or the proposed assertion fails before and passes after the edit.
import { DEFAULT_COMPARE_SETTINGS } from '../compare/design.js';
import { loadSuite } from '../suite/load.js';
import { applyEdits } from './apply-edits.js';
import { compareCandidate, targetsBefore, type CompareContext } from './compare-candidate.js';
import { critiqueEvidence } from './critique-evidence.js';
import type { ProposedCandidate } from './editor-answer.js';
import { changedInputs } from './inputs-kept.js';
import { editSize } from './line-diff.js';
import { judgeProposedAssertion } from './proposed-assertion.js';
import { changedTests } from './tests-unchanged.js';
import type { CandidateVerdict } from './types.js';
import { checkTests } from './verification.js';

/** Problems of an edited file named in one reason; the rest are counted. */
const LISTED_PROBLEMS = 2;

export interface VerifyContext extends CompareContext {
  file: string;
  text: string;
  targets: string[];
  /** Candidates the step checks: each proposed assertion is one more chance of a false alarm. */
  candidates: number;
}

export async function verifyCandidate(index: number, proposal: ProposedCandidate, context: VerifyContext): Promise<CandidateVerdict> {
  const verdict: CandidateVerdict = {
    index,
    rationale: proposal.rationale,
    edits: proposal.edits,
    verified: false,
    reasons: [],
    passed: 0,
    editSize: 0,
  };
  const reject = (reason: string): CandidateVerdict => ({ ...verdict, reasons: [...verdict.reasons, reason] });

  const applied = applyEdits(context.text, proposal.edits);
  if (!applied.ok) return reject(applied.reason);
  verdict.newText = applied.text;
  verdict.editSize = editSize(context.text, applied.text);
  if (applied.text === context.text) return reject('no change: the edits leave the file as it was');

  const loaded = loadSuite(context.file, applied.text);
  const errors = loaded.problems.filter((problem) => problem.severity === 'error');
  if (!loaded.suite || errors.length > 0) {
    const listed = errors.slice(0, LISTED_PROBLEMS).map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
    const more = errors.length > LISTED_PROBLEMS ? `; and ${errors.length - LISTED_PROBLEMS} more` : '';
    return reject(`the edited file is invalid: ${listed.join('; ')}${more}`);
  }
  const testsChanged = changedTests(context.suite, loaded.suite) ?? changedInputs(context.suite, loaded.suite);
  if (testsChanged) return reject(testsChanged);

  if (context.budget.exhausted()) return reject(`not checked: ${context.budget.describeExhaustion()}`);
  const compared = await compareCandidate(loaded.suite, context);
  if (!compared.ok) return reject(`the edited file cannot run: ${compared.reason}`);
  verdict.after = compared.head;
  if (compared.base) verdict.base = compared.base;
  verdict.passed = compared.head.results.filter((result) => result.status === 'passed').length;

  const checks = checkTests(compared.head, context.targets);
  verdict.checks = checks;
  const failing = checks.filter((check) => !check.held);
  // What more calls could have changed is not the candidate's fault when the budget ran out; what
  // the evidence settled (a regression, a test that still fails) stands.
  const cut = context.budget.exhausted() ? failing.filter((check) => !check.complete && check.change !== 'regression') : [];
  verdict.reasons = [
    ...failing.filter((check) => !cut.includes(check)).map((check) => check.reason!),
    ...(cut.length > 0 ? [`not fully checked: ${context.budget.describeExhaustion()}`] : []),
  ];
  verdict.safe = verdict.reasons.length === 0;

  if (proposal.assertion) {
    // Judged on as many samples before the edit as after, but paid for only for an edit worth offering.
    const base = compared.base ?? context.before;
    const before = verdict.safe ? await targetsBefore(base, context) : base;
    verdict.assertion = judgeProposedAssertion(proposal.assertion, loaded.suite, context.targets, before, compared.head, {
      falseAlarmRate: (context.settings ?? DEFAULT_COMPARE_SETTINGS).falseAlarmRate,
      family: context.candidates * context.targets.length,
    });
  }
  verdict.critique = critiqueEvidence(checks, verdict.assertion);
  if (verdict.safe && verdict.critique.by === undefined) verdict.reasons.push(verdict.critique.reason);
  verdict.verified = verdict.safe && verdict.critique.by !== undefined;
  return verdict;
}
