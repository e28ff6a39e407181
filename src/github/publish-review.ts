// One review per run: earlier comments are read back by their fingerprints, only what is new is
// posted (at most `maxComments` inline, the rest in the review body), and comments whose finding
// went away are edited to say so.
import type { Finding } from '../review/findings.js';
import {
  isMarkedFixed,
  parseFindingFingerprint,
  renderFindingComment,
  renderFixedComment,
  renderReviewBody,
} from '../review/render.js';
import { withCheckedAnchor, type PullPatches } from './anchor-check.js';
import type { GitHubClient, PullRequestRef } from './octokit.js';
import { httpStatusOf } from './octokit.js';
import { planReview, splitInline, type PostedFinding } from './review-plan.js';

/** GitHub refuses bodies over 65,536 characters; the rest is headroom for its own counting of emoji. */
export const MAX_COMMENT_CHARS = 60_000;

export interface ReviewInput {
  findings: Finding[];
  patches: PullPatches;
  maxComments: number;
  runUrl?: string;
  /** Fingerprints an earlier run put in a review body (see summarised-state.ts). */
  summarisedBefore?: Set<string>;
  /** Files with errored tests: their comments are neither reposted nor marked fixed. */
  undecidedFiles?: Set<string>;
}

export interface ReviewOutcome {
  /** Id of the review posted, when one was. */
  reviewId?: number;
  inline: number;
  /** Fingerprints of the findings this run put in the review body. */
  summarised: string[];
  markedFixed: number;
  alreadyReported: number;
  /** GitHub refused the inline comments, so the review went out with all findings in its body. */
  inlineRefused: boolean;
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
    const fingerprint = parseFindingFingerprint(comment.body);
    if (fingerprint !== undefined) posted.push({ commentId: comment.id, fingerprint, path: comment.path, body: comment.body, fixed: isMarkedFixed(comment.body) });
  }
  return posted;
}

export async function publishReview(octokit: GitHubClient, pull: PullRequestRef, input: ReviewInput): Promise<ReviewOutcome> {
  const posted = await listPostedFindings(octokit, pull);
  const plan = planReview(input.findings, posted, {
    ...(input.summarisedBefore ? { summarisedBefore: input.summarisedBefore } : {}),
    ...(input.undecidedFiles ? { undecidedFiles: input.undecidedFiles } : {}),
  });
  const outcome: ReviewOutcome = {
    inline: 0,
    summarised: [],
    markedFixed: 0,
    alreadyReported: plan.alreadyReported,
    inlineRefused: false,
  };

  if (plan.toPost.length > 0) {
    const checked = plan.toPost.map((finding) => withCheckedAnchor(finding, input.patches));
    const { inline, overflow } = splitInline(checked, Math.max(0, input.maxComments));
    try {
      outcome.reviewId = await createReview(octokit, pull, inline, overflow, checked, input.runUrl);
      outcome.inline = inline.length;
      outcome.summarised = overflow.map((finding) => finding.fingerprint);
    } catch (error) {
      // The anchors were checked, but the diff may have moved since it was listed: one bad anchor
      // refuses the whole review, so say everything in the body rather than lose it.
      if (httpStatusOf(error) !== 422 || inline.length === 0) throw error;
      outcome.reviewId = await createReview(octokit, pull, [], checked, checked, input.runUrl);
      outcome.summarised = checked.map((finding) => finding.fingerprint);
      outcome.inlineRefused = true;
    }
  }

  for (const comment of plan.toMarkFixed) {
    await octokit.rest.pulls.updateReviewComment({
      owner: pull.owner,
      repo: pull.repo,
      comment_id: comment.commentId,
      body: renderFixedComment(comment.body, pull.headSha),
    });
    outcome.markedFixed++;
  }
  return outcome;
}

async function createReview(
  octokit: GitHubClient,
  pull: PullRequestRef,
  inline: Finding[],
  overflow: Finding[],
  all: Finding[],
  runUrl: string | undefined,
): Promise<number> {
  const body = renderReviewBody(
    { findings: all, inline: inline.length, overflow, headSha: pull.headSha, ...(runUrl ? { runUrl } : {}) },
    { maxChars: MAX_COMMENT_CHARS },
  );
  const { data } = await octokit.rest.pulls.createReview({
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    // Pinned to the commit that was tested, so the comments land on the lines that were read.
    commit_id: pull.headSha,
    event: 'COMMENT',
    body,
    comments: inline.map(reviewComment),
  });
  return data.id;
}

type ReviewCommentDraft = { path: string; body: string; line?: number; side?: 'RIGHT'; start_line?: number; start_side?: 'RIGHT' };

function reviewComment(finding: Finding): ReviewCommentDraft {
  const body = renderFindingComment(finding, { maxChars: MAX_COMMENT_CHARS });
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
