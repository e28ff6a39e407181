// Verifies one candidate: apply its edits to a copy, load the result, run every test of the file,
// and compare with the before-run. Verified means: the file loads without errors, its tests are the
// same tests and the prompt still takes in their inputs (and not their expected answers), every
// targeted test passes (with its repeats), and nothing that passed before fails.
import { truncate } from '../report/markdown-safe.js';
import { loadSuite } from '../suite/load.js';
import { failingAssertions } from '../report/result-facts.js';
import type { RunReport, Suite, TestResult } from '../types.js';
import { applyEdits } from './apply-edits.js';
import type { StepBudget } from './budget.js';
import type { ProposedCandidate } from './editor-answer.js';
import type { FileRunner } from './file-runner.js';
import { changedInputs } from './inputs-kept.js';
import { editSize } from './line-diff.js';
import { judgeProposedAssertion } from './proposed-assertion.js';
import { changedTests } from './tests-unchanged.js';
import type { CandidateVerdict } from './types.js';

/** How much of a failure's reason a verdict quotes. */
const DETAIL_CHARS = 200;
/** Problems of an edited file named in one reason; the rest are counted. */
const LISTED_PROBLEMS = 2;

export interface VerifyContext {
  file: string;
  text: string;
  suite: Suite;
  before: RunReport;
  targets: string[];
  runFile: FileRunner;
  budget: StepBudget;
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
  const run = await context.runFile(loaded.suite);
  if (!run.ok) return reject(`the edited file cannot run: ${run.reason}`);
  verdict.after = run.report;
  verdict.passed = run.report.summary.passed;

  const reasons = compareRuns(context.before, run.report, context.targets);
  const unevaluated = run.report.results.some((result) => result.status === 'errored');
  // Calls refused or cut short by the budget are not the candidate's fault; say what really happened.
  verdict.reasons = unevaluated && context.budget.exhausted() ? [`not fully checked: ${context.budget.describeExhaustion()}`] : reasons;
  verdict.verified = verdict.reasons.length === 0;

  if (proposal.assertion) {
    verdict.assertion = judgeProposedAssertion(proposal.assertion, loaded.suite, context.targets, context.before, run.report);
  }
  return verdict;
}

/** Why the after-run is not an improvement; empty when every targeted test passes and nothing regressed. */
export function compareRuns(before: RunReport, after: RunReport, targets: string[]): string[] {
  const reasons: string[] = [];
  const targeted = new Set(targets);
  const find = (report: RunReport, name: string) => report.results.find((result) => result.test === name);
  for (const old of before.results) {
    const now = find(after, old.test);
    const wasPassing = old.status === 'passed';
    if (!targeted.has(old.test) && !wasPassing) continue;
    if (!now) {
      reasons.push(`test "${old.test}" is missing after the edit`);
    } else if (now.status === 'errored') {
      reasons.push(`${targeted.has(old.test) ? 'targeted test' : 'test'} "${old.test}" could not be evaluated after the edit: ${truncate(now.error ?? 'no answer', DETAIL_CHARS)}`);
    } else if (now.status === 'failed') {
      reasons.push(
        wasPassing ? `test "${old.test}" passed before and fails now${detail(now)}` : `targeted test "${old.test}" still fails${detail(now)}`,
      );
    }
  }
  return reasons;
}

function detail(result: TestResult): string {
  const first = failingAssertions(result)[0];
  return first ? `: ${truncate(first.reason, DETAIL_CHARS)}` : '';
}
