// Hidden HTML comments that let the action find its own comments again. A finding's marker sits at
// the very end of its body; the model output quoted above it could contain marker-like text, so
// parsing takes the LAST marker, which is always ours.
//
// Every marker names the job that wrote it (`job=` and a hash, see job.ts), so several promptgate
// jobs on one pull request each find only their own. Markers written before jobs had identities
// carry no `job=`; they still parse, and job.ts decides which job adopts them.

export const FINGERPRINT_MARKER = 'promptgate:finding';
/** What summaries began with before jobs had identities; the default job adopts such a summary. */
export const SUMMARY_MARKER = '<!-- promptgate:summary -->';
/** What reviews began with before jobs had identities. */
export const REVIEW_MARKER = '<!-- promptgate:review -->';

// Fingerprints and job keys are hex; anything else is not one of ours.
const FINDING_MARKER_PATTERN = /<!-- promptgate:finding(?: fp=([0-9a-f]{1,64}))?(?: job=([0-9a-f]{1,32}))?( state=fixed)? -->/g;
const REVIEW_MARKER_PATTERN = /^<!-- promptgate:review(?: job=([0-9a-f]{1,32}))? -->/;
const JOB_KEY = /^[0-9a-f]{1,32}$/;

/** First line of a job's summary comment: the action finds it by this and edits it in place. */
export function summaryMarker(job: string | undefined): string {
  return job === undefined ? SUMMARY_MARKER : `<!-- promptgate:summary job=${checkedKey(job)} -->`;
}

/** First line of every review body a job posts. */
export function reviewMarker(job: string | undefined): string {
  return job === undefined ? REVIEW_MARKER : `<!-- promptgate:review job=${checkedKey(job)} -->`;
}

export interface ParsedReviewMarker {
  /** Undefined for a review posted before jobs had identities. */
  job?: string;
}

/** The job of a review body that starts with a promptgate review marker; undefined for any other body. */
export function parseReviewMarker(body: string): ParsedReviewMarker | undefined {
  const match = REVIEW_MARKER_PATTERN.exec(body);
  if (!match) return undefined;
  return match[1] === undefined ? {} : { job: match[1] };
}

export interface ParsedFindingMarker {
  fingerprint?: string;
  /** Undefined for a comment posted before jobs had identities. */
  job?: string;
  fixed: boolean;
}

export function findingMarker(fingerprint: string | undefined, options: { job?: string; fixed?: boolean } = {}): string {
  const job = options.job === undefined ? '' : ` job=${checkedKey(options.job)}`;
  return `<!-- ${FINGERPRINT_MARKER}${fingerprint ? ` fp=${fingerprint}` : ''}${job}${options.fixed ? ' state=fixed' : ''} -->`;
}

export function parseFindingMarker(body: string): ParsedFindingMarker | undefined {
  const match = lastMarker(body);
  if (!match) return undefined;
  return {
    ...(match[1] !== undefined ? { fingerprint: match[1] } : {}),
    ...(match[2] !== undefined ? { job: match[2] } : {}),
    fixed: match[3] !== undefined,
  };
}

export function parseFindingFingerprint(body: string): string | undefined {
  return lastMarker(body)?.[1];
}

export function isMarkedFixed(body: string): boolean {
  return lastMarker(body)?.[3] !== undefined;
}

/** The body without its trailing finding marker (and the blank line before it). */
export function withoutFindingMarker(body: string): string {
  const marker = lastMarker(body);
  if (!marker) return body;
  return (body.slice(0, marker.index) + body.slice(marker.index + marker[0].length)).trimEnd();
}

function lastMarker(body: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of body.matchAll(FINDING_MARKER_PATTERN)) last = match as RegExpExecArray;
  return last;
}

// A key is a hash we made (job.ts); anything else would be written into an HTML comment unchecked.
function checkedKey(job: string): string {
  if (!JOB_KEY.test(job)) throw new Error(`not a job key: ${JSON.stringify(job)}`);
  return job;
}
