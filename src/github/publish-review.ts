// One review per run: earlier comments are read back by their fingerprints, only what is new is
// posted (at most `maxComments` inline, the rest in the review body), and comments whose finding
// went away are edited to say so. Only the job's own comments count (see ownComments): another
// promptgate job on the same pull request keeps its findings, fixed or not.
import type { Finding } from '../review/findings.js';
import type { JobIdentity } from '../review/job.js';
import type { ReviewOutcome } from '../review/publisher.js';
import { DEFAULT_MAX_CHARS } from '../review/limits.js';
import { parseFindingMarker, parseReviewMarker } from '../review/markers.js';
import { renderFindingComment, renderFixedComment, renderReviewBody } from '../review/render.js';
import { withCheckedAnchor, type PullPatches } from '../review/anchor-check.js';
import type { GitHubClient, PullRequestRef } from './octokit.js';
import { httpStatusOf } from './octokit.js';
import { ownComments, planReview, splitInline, type PostedFinding } from '../review/review-plan.js';
import { anyOf, NOTHING_REPORTED, readReviewState, reportedStateLine, type Reported, type SummaryState } from '../review/summarised-state.js';

/** Every body posted stays within this (GitHub refuses bodies over 65,536 characters). */
export const MAX_COMMENT_CHARS = DEFAULT_MAX_CHARS;

export interface ReviewInput {
  findings: Finding[];
  patches: PullPatches;
  maxComments: number;
  runUrl?: string;
  job: JobIdentity;
  /** The files this job's `prompts` selects in this pull request (for comments from before job identities). */
  selectedFiles: ReadonlySet<string>;
  /** What the job's summary remembers of earlier review bodies (see summarised-state.ts). */
  earlier?: SummaryState;
  /** Files with errored tests: their comments are neither reposted nor marked fixed. */
  undecidedFiles?: Set<string>;
  /** Tests that still fail without being findings: their comments are not marked fixed. */
  stillFailing?: ReadonlySet<string>;
}

export async function listPostedFindings(octokit: GitHubClient, pull: PullRequestRef): Promise<PostedFinding[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  const posted: PostedFinding[] = [];
  for (const comment of comments) {
    // Replies belong to people (or quote us); only our own top-level comments carry findings.
    if (comment.in_reply_to_id !== undefined || comment.user?.type !== 'Bot') continue;
    const marker = parseFindingMarker(comment.body);
    if (marker?.fingerprint === undefined) continue;
    posted.push({
      commentId: comment.id,
      fingerprint: marker.fingerprint,
      path: comment.path,
      body: comment.body,
      fixed: marker.fixed,
      ...(marker.job !== undefined ? { job: marker.job } : {}),
    });
  }
  return posted;
}

/**
 * The records of the job's reviews newer than `afterReview` (those its summary has not taken in,
 * because it could not be written since), and the newest review of the job.
 */
export async function readReviewRecords(
  octokit: GitHubClient,
  pull: PullRequestRef,
  job: string,
  afterReview: number,
): Promise<{ reported: Reported; newest: number }> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  const own = reviews.filter((review) => review.user?.type === 'Bot' && parseReviewMarker(review.body ?? '')?.job === job);
  return {
    reported: anyOf(own.filter((review) => review.id > afterReview).map((review) => readReviewState(review.body ?? ''))),
    newest: Math.max(0, ...own.map((review) => review.id)),
  };
}

export async function publishReview(octokit: GitHubClient, pull: PullRequestRef, input: ReviewInput): Promise<ReviewOutcome> {
  const posted = ownComments(await listPostedFindings(octokit, pull), input.job, input.selectedFiles);
  const earlier = input.earlier ?? { reported: NOTHING_REPORTED, throughReview: 0 };
  const records = await readReviewRecords(octokit, pull, input.job.key, earlier.throughReview);
  const reportedBefore = anyOf([earlier.reported, records.reported]);
  const plan = planReview(input.findings, posted, {
    summarisedBefore: reportedBefore,
    ...(input.undecidedFiles ? { undecidedFiles: input.undecidedFiles } : {}),
    ...(input.stillFailing ? { stillFailing: input.stillFailing } : {}),
  });
  const outcome: ReviewOutcome = {
    inline: 0,
    summarised: [],
    reportedInBodies: input.findings.filter((finding) => reportedBefore.has(finding.fingerprint)).map((finding) => finding.fingerprint),
    newestReview: records.newest,
    markedFixed: 0,
    alreadyReported: plan.alreadyReported,
    inlineRefused: false,
  };

  if (plan.toPost.length > 0) {
    const checked = plan.toPost.map((finding) => withCheckedAnchor(finding, input.patches));
    const { inline, overflow } = splitInline(checked, Math.max(0, input.maxComments));
    const post = (inlined: Finding[], inBody: Finding[]) => createReview(octokit, pull, input, inlined, inBody, checked);
    try {
      outcome.reviewId = await post(inline, overflow);
      outcome.inline = inline.length;
      outcome.summarised = overflow.map((finding) => finding.fingerprint);
    } catch (error) {
      // The anchors were checked, but the diff may have moved since it was listed: one bad anchor
      // refuses the whole review, so say everything in the body rather than lose it.
      if (httpStatusOf(error) !== 422 || inline.length === 0) throw error;
      outcome.reviewId = await post([], checked);
      outcome.summarised = checked.map((finding) => finding.fingerprint);
      outcome.inlineRefused = true;
    }
    outcome.newestReview = Math.max(outcome.newestReview, outcome.reviewId);
    outcome.reportedInBodies = [...new Set([...outcome.reportedInBodies, ...outcome.summarised])];
  }

  for (const comment of plan.toMarkFixed) {
    await octokit.rest.pulls.updateReviewComment({
      owner: pull.owner,
      repo: pull.repo,
      comment_id: comment.commentId,
      // An adopted comment from before job identities becomes this job's as it is marked.
      body: renderFixedComment(comment.body, pull.headSha, { maxChars: MAX_COMMENT_CHARS, job: input.job.key }),
    });
    outcome.markedFixed++;
  }
  return outcome;
}

async function createReview(
  octokit: GitHubClient,
  pull: PullRequestRef,
  input: ReviewInput,
  inline: Finding[],
  overflow: Finding[],
  all: Finding[],
): Promise<number> {
  // The record goes out with the review it describes: if the review exists, so does its record.
  const record = reportedStateLine(overflow.map((finding) => finding.fingerprint));
  const body =
    renderReviewBody(
      { findings: all, inline: inline.length, overflow, headSha: pull.headSha, job: input.job, ...(input.runUrl ? { runUrl: input.runUrl } : {}) },
      { maxChars: MAX_COMMENT_CHARS - record.length },
    ) + record;
  const { data } = await octokit.rest.pulls.createReview({
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    // Pinned to the commit that was tested, so the comments land on the lines that were read.
    commit_id: pull.headSha,
    event: 'COMMENT',
    body,
    comments: inline.map((finding) => reviewComment(finding, input.job)),
  });
  return data.id;
}

type ReviewCommentDraft = { path: string; body: string; line?: number; side?: 'RIGHT'; start_line?: number; start_side?: 'RIGHT' };

function reviewComment(finding: Finding, job: JobIdentity): ReviewCommentDraft {
  const body = renderFindingComment(finding, { maxChars: MAX_COMMENT_CHARS, job });
  const { anchor } = finding;
  if (anchor.kind === 'line') {
    return {
      path: anchor.path,
      line: anchor.line,
      side: 'RIGHT',
      // GitHub wants start_line only for a real range.
      ...(anchor.startLine !== undefined && anchor.startLine < anchor.line ? { start_line: anchor.startLine, start_side: 'RIGHT' as const } : {}),
      body,
    };
  }
  if (anchor.kind === 'file') {
    // Not in the endpoint's published schema, but GitHub honours it: a comment on the file as a whole.
    return { path: anchor.path, body, subject_type: 'file' } as ReviewCommentDraft;
  }
  throw new Error('a finding without a place in the diff cannot be an inline comment');
}
