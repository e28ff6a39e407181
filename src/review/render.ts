// Public surface of the review's Markdown: inline finding comments, fixed marking, the review body
// and the sticky summary. Every string a model, a server or a prompt file produced is neutralised
// or fenced, and every body stays under GitHub's size limit.
export { FINGERPRINT_MARKER, REVIEW_MARKER, SUMMARY_MARKER, isMarkedFixed, parseFindingFingerprint } from './markers.js';
export { DEFAULT_MAX_CHARS } from './limits.js';
export { renderFindingComment } from './finding-comment.js';
export { renderFixedComment } from './fixed-comment.js';
export { renderReviewBody } from './review-body.js';
export type { ReviewBodyInput } from './review-body.js';
export { renderSummaryComment } from './summary-comment.js';
export type { SummaryInput } from './summary-comment.js';
