// Deciding what a re-run says, from what earlier runs already said: findings already posted (and
// not marked fixed) are not posted again; posted findings whose test no longer fails (or improved)
// are marked fixed, once; the rest is split between inline comments and the review body.
import type { Finding } from './findings.js';
import type { JobIdentity } from './job.js';
import { NOTHING_REPORTED } from './summarised-state.js';

/** A review comment an earlier run posted, recognised by its hidden fingerprint. */
export interface PostedFinding {
  commentId: number;
  fingerprint: string;
  /** The file the comment is on (always the failing test's own file). */
  path: string;
  body: string;
  /** Already edited to say the test passes now. */
  fixed: boolean;
  /** The job that posted it; undefined for a comment from a version without job identities. */
  job?: string;
}

export interface ReviewPlan {
  /** Findings to post in this run's review. */
  toPost: Finding[];
  /** Posted comments whose finding is gone: edit them as fixed. */
  toMarkFixed: PostedFinding[];
  /** Findings skipped because an open comment (or an earlier review body) already says it. */
  alreadyReported: number;
}

export interface PlanContext {
  /**
   * Fingerprints an earlier run put in a review body rather than inline (review bodies cannot be
   * listed back, so their fingerprints are remembered elsewhere).
   */
  summarisedBefore?: { has(fingerprint: string): boolean };
  /**
   * Files with a test that errored in this run: an errored test makes no finding, yet it is not
   * fixed either, so comments on these files are left alone.
   */
  undecidedFiles?: Set<string>;
  /**
   * Fingerprints of tests that still fail but are not findings of this run (no change found, or
   * none decided): their comments are left open, since nothing was fixed.
   */
  stillFailing?: ReadonlySet<string>;
}

export function planReview(findings: Finding[], posted: PostedFinding[], context: PlanContext = {}): ReviewPlan {
  const summarisedBefore = context.summarisedBefore ?? NOTHING_REPORTED;
  const undecided = context.undecidedFiles ?? new Set<string>();
  const open = new Set(posted.filter((comment) => !comment.fixed).map((comment) => comment.fingerprint));
  const current = new Set(findings.map((finding) => finding.fingerprint));
  const toPost: Finding[] = [];
  let alreadyReported = 0;
  for (const finding of findings) {
    if (open.has(finding.fingerprint) || summarisedBefore.has(finding.fingerprint)) alreadyReported++;
    else toPost.push(finding);
  }
  const failing = context.stillFailing ?? new Set<string>();
  const toMarkFixed = posted.filter(
    (comment) => !comment.fixed && !current.has(comment.fingerprint) && !failing.has(comment.fingerprint) && !undecided.has(comment.path),
  );
  return { toPost, toMarkFixed, alreadyReported };
}

/**
 * The comments `job` answers for: its own, and those from versions without job identities on files
 * it selects, if it adopts them (see job.ts). Another job's comments are neither counted as reported
 * nor marked fixed: that job may still be failing them.
 */
export function ownComments(posted: PostedFinding[], job: JobIdentity, selectedFiles: ReadonlySet<string>): PostedFinding[] {
  return posted.filter((comment) => (comment.job === undefined ? job.adoptsUnmarked && selectedFiles.has(comment.path) : comment.job === job.key));
}

/** The first `maxInline` findings that have a place in the diff go inline; the rest into the body. */
export function splitInline(findings: Finding[], maxInline: number): { inline: Finding[]; overflow: Finding[] } {
  const inline: Finding[] = [];
  const overflow: Finding[] = [];
  for (const finding of findings) {
    if (finding.anchor.kind !== 'body' && inline.length < maxInline) inline.push(finding);
    else overflow.push(finding);
  }
  return { inline, overflow };
}
