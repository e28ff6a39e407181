// Everything a promptgate job says on a pull request, in order: read its sticky summary (it
// remembers what earlier review bodies said), post the review, then write the summary. Each step's
// failure is kept as a value: a comment that could not be posted never changes the verdict or loses
// results. Several jobs can publish on one pull request: each keeps to its own summary and findings.
import type { Finding } from '../review/findings.js';
import type { Publication, PublishResult, ReviewOutcome, ReviewPublisher } from '../review/publisher.js';
import { SUMMARY_MARKER, summaryMarker } from '../review/markers.js';
import type { GitHubClient, PullRequestRef } from './octokit.js';
import { publishReview, MAX_COMMENT_CHARS } from './publish-review.js';
import { findStickyComment, writeStickyComment, type StickyComment } from './sticky-comment.js';
import { readSummaryState, reportedStateLine, type SummaryState } from '../review/summarised-state.js';

/** The publisher port, on one pull request through the REST API. */
export function pullRequestPublisher(octokit: GitHubClient, pull: PullRequestRef): ReviewPublisher {
  return { publish: (publication) => publishToPullRequest(octokit, pull, publication) };
}

export async function publishToPullRequest(octokit: GitHubClient, pull: PullRequestRef, publication: Publication): Promise<PublishResult> {
  const issue = { owner: pull.owner, repo: pull.repo, issueNumber: pull.pullNumber };
  const result: PublishResult = { failures: [] };
  const { job } = publication;

  let sticky: StickyComment | undefined;
  let stickyRead = false;
  try {
    sticky = await findStickyComment(octokit, issue, summaryMarker(job.key), job.adoptsUnmarked ? SUMMARY_MARKER : undefined);
    stickyRead = true;
  } catch (error) {
    result.failures.push({ step: 'read the summary comment', error });
  }
  // Unread, it remembers nothing and has taken in no review: every review's own record is read instead.
  const earlier: SummaryState = readSummaryState(sticky?.body);

  if (publication.mode === 'review') {
    try {
      result.review = await publishReview(octokit, pull, {
        findings: publication.findings,
        patches: publication.patches,
        maxComments: publication.maxComments,
        job,
        selectedFiles: publication.selectedFiles,
        earlier,
        ...(publication.undecidedFiles ? { undecidedFiles: publication.undecidedFiles } : {}),
        ...(publication.stillFailing ? { stillFailing: publication.stillFailing } : {}),
        ...(publication.runUrl ? { runUrl: publication.runUrl } : {}),
      });
    } catch (error) {
      result.failures.push({ step: 'post the review', error });
    }
  }

  // Without knowing whether a summary exists, writing one could add a second: better none this time.
  if (!stickyRead) return result;
  const state = publication.mode === 'review' ? summaryState(publication.findings, earlier, result.review) : '';
  try {
    const body = publication.renderSummary(MAX_COMMENT_CHARS - state.length) + state;
    result.summary = await writeStickyComment(octokit, issue, body, sticky);
  } catch (error) {
    result.failures.push({ step: 'write the summary comment', error });
  }
  return result;
}

/**
 * What the summary remembers: the findings of this run a review body reported, up to the newest
 * review. When the review step failed, what it remembered before (of this run's findings): the
 * reviews it had not taken in are read again next time.
 */
function summaryState(findings: Finding[], earlier: SummaryState, review: ReviewOutcome | undefined): string {
  if (review) return reportedStateLine(review.reportedInBodies, review.newestReview);
  const still = findings.filter((finding) => earlier.reported.has(finding.fingerprint)).map((finding) => finding.fingerprint);
  return reportedStateLine(still, earlier.throughReview);
}
