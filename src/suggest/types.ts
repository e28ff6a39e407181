// The contract of the suggest step: a reviewer's critique in, a verified edit of one prompt file out.
// The GitHub Action and the CLI both call suggestEdit with these shapes; keep them stable and add
// only optional fields.
import type { CompareSettings } from '../compare/design.js';
import type { ExecuteOptions, ModelChoices } from '../pipeline.js';
import type { Clock } from '../run/clock.js';
import type { ComparisonChange, RunReport } from '../types.js';

/** Replace the one occurrence of `find` (exact text of the file) with `replace`. */
export interface Edit {
  find: string;
  replace: string;
}

export interface SuggestInput {
  /** Path as shown in results (relative to the working directory). */
  file: string;
  /** The prompt file's current content. */
  text: string;
  /** Verbatim from the reviewer. */
  critique: string;
  /** Tests the critique is about; default: the file's failing tests (all tests if none fail). */
  targetTests?: string[];
  /** Lines the reviewer commented on, if any (1-based, inclusive). */
  focusLines?: { start: number; end: number };
  /** Candidates asked for in ONE editor call. @default 3 */
  candidates?: number;
  /** For the whole step, the editor call included. @default { maxModelCalls: 100, maxMs: 180000 } */
  budget?: { maxModelCalls?: number; maxMs?: number };
}

/** What the step runs the user's suite with (as `promptgate run` would), and the editor call's own settings. */
export interface SuggestEngineOptions extends Omit<ExecuteOptions, 'onProgress'>, ModelChoices {
  /** Model for the editor call; default: the editor prompt file's model, else the suite's model. */
  editorModel?: string;
  /** Path of the editor prompt; default: the bundled prompts/promptgate/suggest-edit.prompt.yaml. */
  editorPromptFile?: string;
  /** Told what the step is doing ("checking candidate 2 of 3"), for a progress line. */
  onProgress?: (message: string) => void;
  /** What the time budget is measured on; the system's by default, a test's to move time by hand. */
  clock?: Clock;
  /**
   * How a candidate is compared with the file as it is (`compare:` in promptgate.config.yaml); the
   * defaults when absent. `repeat`, when set, fixes the samples a side instead.
   */
  compare?: CompareSettings;
}

export interface Spent {
  /** Requests sent to the model (retries included, cache hits not): the before-run, the editor call, every candidate's run. */
  modelCalls: number;
  ms: number;
  /** Total tokens the provider reported for those requests. */
  tokens: number;
}

export interface CandidateVerdict {
  /** 0-based position in the editor's answer. */
  index: number;
  rationale: string;
  edits: Edit[];
  /** Present when the edits applied. */
  newText?: string;
  /** The edit breaks nothing (`safe`) and is shown to address the critique (`critique.by`). */
  verified: boolean;
  /**
   * Present once its comparison ran: no test became a regression and every targeted test held. A
   * safe candidate that nothing shows to address the critique is not verified, but is shown first.
   */
  safe?: boolean;
  /** What shows the edit addresses the critique, or why nothing does; present once its comparison ran. */
  critique?: CritiqueEvidence;
  /** Why it was rejected; empty when verified. */
  reasons: string[];
  /** The edited file's run, side by side with the file as it is: each result has its `comparison`. */
  after?: RunReport;
  /** The file as it is, as the comparison sampled it (often more samples than the outcome's `before`). */
  base?: RunReport;
  /** What the comparison showed for each test, and whether it held up: what "verified" rests on. */
  checks?: TestCheck[];
  /** Tests of the file that pass after the edit. */
  passed: number;
  /** Characters removed plus characters added, counted inside each changed block: smaller wins ties. */
  editSize: number;
  /**
   * The critique-derived assertion, judged on the samples of the targeted tests before and after the
   * edit. Kept when it passes markedly more often after (Fisher's exact test, as the comparison
   * calls an improvement) and the test, with it added, still passes by its own rule after the edit.
   */
  assertion?: {
    kept: boolean;
    /** To add under the test's `assert:` (a YAML list item, unindented). */
    yaml: string;
    reason: string;
    /** The test it belongs to (a targeted test). */
    test?: string;
    /** On one line (`{ icontains: refund }`), for a sentence. */
    label?: string;
    /** Why it is not offered for adding to the file although it tests the critique (a GitHub Models file). */
    notAddable?: string;
    /** The assertion's passes on the test's samples before and after the edit (errored samples left out). */
    before?: PassCount;
    after?: PassCount;
    /** One-sided (after passes more often), Bonferroni-adjusted for every candidate and targeted test it could be found on. */
    pValue?: number;
  };
}

/**
 * What shows that an edit answers the critique rather than merely breaking nothing: a targeted test
 * that is an `improvement` (`test`), or the candidate's proposed assertion, which fails before and
 * passes after the edit on a targeted test's samples (`assertion`). A targeted test that already
 * passed before cannot show it: passing after shows only that nothing broke.
 */
export interface CritiqueEvidence {
  /** Absent when nothing shows it. */
  by?: 'test' | 'assertion';
  /** One sentence: what shows it, or why nothing does. */
  reason: string;
}

/** Evaluated samples (errored ones left out) and how many passed. */
export interface PassCount {
  passed: number;
  samples: number;
}

/**
 * One test of the file, before (the file as it is) and after (the edited copy). A candidate holds
 * when no test is a `regression` and every targeted test is an `improvement` or, if it passed
 * before, passes by its own rule on at least MIN_EVIDENCE_SAMPLES samples after the edit.
 */
export interface TestCheck {
  test: string;
  targeted: boolean;
  /** The comparison's verdict (Fisher's exact test on the pass counts, false-alarm rate controlled). */
  change: ComparisonChange;
  before: PassCount;
  /** The comparison's samples, and for a targeted test that passed before the further ones its evidence needed. */
  after: PassCount;
  /** One-sided, in the direction of the change, adjusted for the looks taken. */
  pValue?: number;
  /** Its pass rate reached its minPassRate, before and after. */
  passedBefore: boolean;
  passesAfter: boolean;
  minPassRate: number;
  held: boolean;
  /** Why it did not hold, with the counts. */
  reason?: string;
  /** False when a side lost samples to errors or sampling was cut short, so that more calls could change the verdict. */
  complete: boolean;
}

/**
 * Why a step failed, so callers can pick an exit code: the file, the editor prompt or the request
 * was invalid; the model could not be reached; the editor's answer was unusable; the budget ran
 * out; the caller cancelled; or a bug in promptgate.
 */
export type FailureCause = 'invalid-input' | 'provider' | 'editor' | 'budget' | 'cancelled' | 'internal';

/**
 * `verified`: a candidate broke nothing and is shown to address the critique. `unverified`: none
 * was; `best` is the attempt worth showing, a safe one (`best.safe`) when there is one — an edit
 * that breaks nothing though nothing shows it answers the critique.
 */
export type SuggestOutcome =
  | { kind: 'verified'; chosen: CandidateVerdict; candidates: CandidateVerdict[]; before: RunReport; spent: Spent; originalText?: string }
  | {
      kind: 'unverified';
      best?: CandidateVerdict;
      candidates: CandidateVerdict[];
      before: RunReport;
      spent: Spent;
      reason: string;
      originalText?: string;
    }
  | { kind: 'failed'; reason: string; spent: Spent; cause?: FailureCause };
// `originalText` is the file the step started from (SuggestInput.text); suggestEdit always sets it,
// and renderSuggestionReply needs it (or its own `text` option) to show the edit.
