// Turns the engine's outcome into what is posted. Only a verified edit is ever offered as a
// ```suggestion (committable in one click); it goes where GitHub will apply it to exactly the lines
// it changes (see placement.ts). Anything unverified or failed is said plainly, with at most a diff.
import { changedLineRange, renderSuggestionReply, type SuggestOutcome } from '../../suggest/index.js';
import type { ParsedPatch } from '../../review/diff.js';
import { placeSuggestion, type ThreadLines } from './placement.js';

export type PlannedAnswer =
  /** One body, in the thread (or the conversation). */
  | { kind: 'reply'; body: string; suggestion: boolean }
  /** A review comment on `lines` carrying the suggestion; where the request was made, a pointer to it. */
  | {
      kind: 'new-comment';
      startLine: number;
      endLine: number;
      body: string;
      /** The same answer as a diff, for when the new comment cannot be posted. */
      diffBody: string;
    };

export interface AnswerOptions {
  file: string;
  /** The file at the head, which the edit was made to. */
  oldText: string;
  /** The lines of the thread the reply goes to; undefined when there is no thread (or it has no lines). */
  thread?: ThreadLines;
  /** The file's diff in the pull request. */
  patch?: ParsedPatch;
  maxChars: number;
}

export function planAnswer(outcome: SuggestOutcome, options: AnswerOptions): PlannedAnswer {
  const render = (placement: Parameters<typeof renderSuggestionReply>[1]['placement']) =>
    renderSuggestionReply(outcome, { file: options.file, placement, text: options.oldText, maxChars: options.maxChars });
  if (outcome.kind !== 'verified' || outcome.chosen.newText === undefined) return { kind: 'reply', body: render({ kind: 'diff' }), suggestion: false };

  const changed = changedLineRange(options.oldText, outcome.chosen.newText);
  const place = placeSuggestion(changed, options.thread, options.patch);
  switch (place.kind) {
    case 'thread':
      return { kind: 'reply', body: render({ kind: 'suggestion', startLine: place.startLine, endLine: place.endLine }), suggestion: true };
    case 'new-comment':
      return {
        kind: 'new-comment',
        startLine: place.startLine,
        endLine: place.endLine,
        body: render({ kind: 'suggestion', startLine: place.startLine, endLine: place.endLine }),
        diffBody: render({ kind: 'diff' }),
      };
    case 'diff':
      return { kind: 'reply', body: render({ kind: 'diff' }), suggestion: false };
  }
}
