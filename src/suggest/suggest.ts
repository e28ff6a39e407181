// The suggest step: a reviewer's critique is the gradient, an edit is the step, the suite keeps the
// step honest. Run the file as it is, ask the editor prompt for a few candidate edits in one call,
// verify each on a copy side by side with the file as it is, with the same engine and the run's
// comparison design, and return the best verified one (it breaks nothing, and a targeted test or
// its proposed assertion shows it answers the critique) — or say plainly that none held up.
import { loadSuite } from '../suite/load.js';
import type { RunReport, Suite } from '../types.js';
import { StepBudget } from './budget.js';
import { askEditor } from './editor-call.js';
import { editorVars } from './editor-context.js';
import { loadEditorPrompt } from './editor-prompt.js';
import { createFileRunner, meteredGrading, type FileRunnerOptions } from './file-runner.js';
import { firstLook } from './compare-candidate.js';
import { bestAttempt, chooseVerified } from './choose.js';
import { createStepCache } from './step-cache.js';
import type { CandidateVerdict, FailureCause, SuggestEngineOptions, SuggestInput, SuggestOutcome } from './types.js';
import { verifyCandidate } from './verify.js';

export const DEFAULT_CANDIDATES = 3;
/** The schema's limit on the editor's answer. */
export const MAX_CANDIDATES = 10;

export async function suggestEdit(input: SuggestInput, engine: SuggestEngineOptions): Promise<SuggestOutcome> {
  const budget = new StepBudget(input.budget, engine.signal, engine.clock);
  try {
    return await suggestWithin(input, engine, budget);
  } catch (error) {
    // Only a bug gets here; the caller (a PR comment, a terminal) still gets a sentence, not a crash.
    return failed(budget, 'internal', `promptgate could not finish the suggestion (internal error: ${(error as Error).message}); please report it`);
  } finally {
    budget.dispose();
  }
}

async function suggestWithin(input: SuggestInput, engine: SuggestEngineOptions, budget: StepBudget): Promise<SuggestOutcome> {
  const progress = engine.onProgress ?? (() => {});
  const checked = checkInput(input);
  if (!checked.ok) return failed(budget, 'invalid-input', checked.reason);
  const { suite, candidates } = checked;

  const editor = await loadEditorPrompt(engine.editorPromptFile);
  if (!editor.ok) return failed(budget, 'invalid-input', editor.reason);
  const suiteModel = engine.modelOverride ?? suite.model ?? engine.defaultModel;
  if (!suiteModel) {
    return failed(budget, 'invalid-input', `${input.file} names no model: add \`model:\` to the file, set \`model\` in promptgate.config.yaml, or choose a model for every file of the run`);
  }

  const provider = budget.wrap(engine.provider);
  const runner: FileRunnerOptions = {
    provider,
    cache: createStepCache(engine.cache),
    concurrency: engine.concurrency,
    timeoutMs: engine.timeoutMs,
    maxRetryTimeMs: engine.maxRetryTimeMs,
    modelOverride: engine.modelOverride,
    defaultModel: engine.defaultModel,
    repeat: engine.repeat,
    signal: budget.signal,
    version: engine.version,
    // The judge's calls are paid from the step's budget like the model's. Its verdicts are remembered
    // for the step too: the file as it is is scored again in every candidate's comparison.
    ...(engine.grading
      ? { grading: meteredGrading({ ...engine.grading, cache: createStepCache(engine.grading.cache) }, (judge) => budget.wrap(judge)) }
      : {}),
    ...(engine.prices ? { prices: engine.prices } : {}),
    ...(engine.redact ? { redact: engine.redact } : {}),
  };
  const runFile = createFileRunner(runner);

  // The comparison's first look: more than one sample tells a failing test from an unlucky one, and
  // every candidate's comparison then finds these samples of the file as it is in the cache.
  const look = firstLook(engine.compare, engine.repeat);
  progress(`running the ${suite.tests.length} tests of ${input.file}, ${look} samples each`);
  const beforeRun = await runFile(suite, () => ({ from: 0, to: look }));
  if (!beforeRun.ok) return failed(budget, 'invalid-input', `${input.file} cannot run: ${beforeRun.reason}`);
  const before = beforeRun.report;
  const unusable = beforeRunProblem(before, input, budget);
  if (unusable) return failed(budget, unusable.cause, unusable.reason);

  const targets = input.targetTests ?? defaultTargets(before);
  if (budget.exhausted()) return failed(budget, 'budget', `${budget.describeExhaustion()} before the editor could be asked`);
  progress(`asking the editor for ${candidates} candidate edits`);
  const answer = await askEditor(
    editor.suite,
    editorVars({ file: input.file, text: input.text, critique: input.critique, targets, focusLines: input.focusLines, candidates, before }),
    {
      provider,
      model: engine.editorModel ?? editor.suite.model ?? suiteModel,
      timeoutMs: engine.timeoutMs,
      maxRetryTimeMs: engine.maxRetryTimeMs,
      signal: budget.signal,
      ...(engine.redact ? { redact: engine.redact } : {}),
    },
  );
  if (!answer.ok) {
    if (budget.cancelled) return failed(budget, 'cancelled', 'the step was cancelled while the editor was answering');
    if (budget.timeIsUp) return failed(budget, 'budget', `${budget.describeExhaustion()} while the editor was answering`);
    return failed(budget, answer.cause, answer.reason);
  }

  const proposals = answer.candidates.slice(0, candidates);
  if (budget.exhausted()) return failed(budget, 'budget', `${budget.describeExhaustion()} before any candidate could be checked`);
  const verdicts: CandidateVerdict[] = [];
  for (const [index, proposal] of proposals.entries()) {
    progress(`checking candidate ${index + 1} of ${proposals.length}`);
    verdicts.push(
      await verifyCandidate(index, proposal, {
        file: input.file,
        text: input.text,
        suite,
        before,
        targets,
        candidates: proposals.length,
        runner,
        runFile,
        budget,
        ...(engine.compare ? { settings: engine.compare } : {}),
      }),
    );
  }

  const chosen = chooseVerified(verdicts);
  if (chosen) return { kind: 'verified', chosen, candidates: verdicts, before, spent: budget.spent(), originalText: input.text };
  if (budget.cancelled) return failed(budget, 'cancelled', 'the step was cancelled before a candidate could be verified');
  const best = bestAttempt(verdicts);
  const outcome: SuggestOutcome = {
    kind: 'unverified',
    candidates: verdicts,
    before,
    spent: budget.spent(),
    reason: best?.safe
      ? `No candidate is shown to address the critique (${verdicts.length} checked); candidate ${best.index + 1} breaks no test, but it is ${best.critique?.reason ?? 'not shown to address the critique'}.`
      : `No candidate passed verification (${verdicts.length} checked).`,
    originalText: input.text,
  };
  if (best) outcome.best = best;
  return outcome;
}

type CheckedInput = { ok: true; suite: Suite; candidates: number } | { ok: false; reason: string };

function checkInput(input: SuggestInput): CheckedInput {
  if (input.critique.trim() === '') return { ok: false, reason: 'the critique is empty: say what is wrong with the prompt' };
  const candidates = input.candidates ?? DEFAULT_CANDIDATES;
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > MAX_CANDIDATES) {
    return { ok: false, reason: `candidates must be a whole number from 1 to ${MAX_CANDIDATES}; got ${candidates}` };
  }
  const { suite, problems } = loadSuite(input.file, input.text);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (!suite || errors.length > 0) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems; run \`promptgate validate\`)` : '';
    return { ok: false, reason: `${first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : `${input.file} is invalid`}${more}` };
  }
  if (suite.tests.length === 0) return { ok: false, reason: `${input.file} has no tests, so no edit could be verified; add \`tests:\`` };
  const names = suite.tests.map((test) => test.name);
  const unknown = (input.targetTests ?? []).find((name) => !names.includes(name));
  if (unknown !== undefined) {
    return { ok: false, reason: `${input.file} has no test named "${unknown}"; its tests: ${names.map((name) => `"${name}"`).join(', ')}` };
  }
  if (input.targetTests?.length === 0) return { ok: false, reason: 'targetTests is empty: leave it out to target the failing tests' };
  const focus = input.focusLines;
  if (focus && !(Number.isInteger(focus.start) && Number.isInteger(focus.end) && focus.start >= 1 && focus.end >= focus.start)) {
    return { ok: false, reason: `focus lines ${focus.start}-${focus.end} are not a range of lines (1-based, start ≤ end)` };
  }
  return { ok: true, suite, candidates };
}

/** The tests the critique is about when the reviewer named none: the failing ones, else all. */
function defaultTargets(before: RunReport): string[] {
  const failing = before.results.filter((result) => result.status === 'failed').map((result) => result.test);
  return failing.length > 0 ? failing : before.results.map((result) => result.test);
}

/** A before-run that cannot serve as the baseline: every test errored, or a targeted one did. */
function beforeRunProblem(before: RunReport, input: SuggestInput, budget: StepBudget): { cause: FailureCause; reason: string } | undefined {
  const errored = before.results.filter((result) => result.status === 'errored');
  if (errored.length === 0) return undefined;
  if (budget.cancelled) return { cause: 'cancelled', reason: 'the step was cancelled while running the file' };
  if (budget.exhausted()) return { cause: 'budget', reason: `${budget.describeExhaustion()} while running the file as it is, before any edit` };
  const targetErrored = errored.find((result) => input.targetTests?.includes(result.test));
  if (errored.length === before.results.length || targetErrored) {
    const example = targetErrored ?? errored[0]!;
    return { cause: 'provider', reason: `the model could not be reached for test "${example.test}": ${example.error ?? 'no answer'}` };
  }
  return undefined;
}

function failed(budget: StepBudget, cause: FailureCause, reason: string): SuggestOutcome {
  return { kind: 'failed', reason, cause, spent: budget.spent() };
}
