// The public surface of the suggest step: critique → candidate edits → verified by re-running the suite.
export type { CandidateVerdict, CritiqueEvidence, Edit, FailureCause, PassCount, Spent, SuggestEngineOptions, SuggestInput, SuggestOutcome, TestCheck } from './types.js';
export { suggestEdit, DEFAULT_CANDIDATES, MAX_CANDIDATES } from './suggest.js';
export { changedLineRange, replaceLines, splitLines, type ChangedLines } from './lines.js';
export { renderSuggestionReply, DEFAULT_MAX_REPLY_CHARS, type Placement, type ReplyOptions } from './render-reply.js';
export { unifiedDiff } from './line-diff.js';
export { bundledEditorPromptCandidates } from './editor-prompt.js';
