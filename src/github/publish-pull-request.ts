// Everything promptgate says on a pull request, in order: read the sticky summary (it remembers
// what earlier review bodies said), post the review, then write the summary. Each step's failure is
// kept as a value: a comment that could not be posted never changes the verdict or loses results.
import type { Finding } from '../review/findings.js';
import type { PullPatches } from './anchor-check.js';
import type { GitHubClient, PullRequestRef } from './octokit.js';
import { publishReview, MAX_COMMENT_CHARS, type ReviewOutcome } from './publish-review.js';
import { findStickyComment, writeStickyComment, type StickyComment } from './sticky-comment.js';
import { readSummarisedState, summarisedStateLine } from './summarised-state.js';

export interface Publication {
  /** `review`: a review with inline comments plus the summary; `summary`: the summary alone. */
  mode: 'review' | 'summary';
  findings: Finding[];
  patches: PullPatches;
  maxComments: number;
  runUrl?: string;
  /** Files with errored tests: their earlier comments are not marked fixed. */
  undecidedFiles?: Set<string>;
  /** The hidden marker the summary comment starts with. */
  summaryMarker: string;
  /** Renders the summary comment within `maxChars`. */
  renderSummary: (maxChars: number) => string;
}

export interface PublishFailure {
  step: 'read the summary comment' | 'post the review' | 'write the summary comment';
  error: unknown;
}

export interface PublishResult {
  review?: ReviewOutcome;
  summary?: 'created' | 'updated' | 'unchanged';
  failures: PublishFailure[];
}

export async function publishToPullRequest(octokit: GitHubClient, pull: PullRequestRef, publication: Publication): Promise<PublishResult> {
  const issue = { owner: pull.owner, repo: pull.repo, issueNumber: pull.pullNumber };
  const result: PublishResult = { failures: [] };

  let sticky: StickyComment | undefined;
  let stickyRead = false;
  try {
    sticky = await findStickyComment(octokit, issue, publication.summaryMarker);
    stickyRead = true;
  } catch (error) {
    result.failures.push({ step: 'read the summary comment', error });
  }
  const summarisedBefore = readSummarisedState(sticky?.body);

  if (publication.mode === 'review') {
    try {
      result.review = await publishReview(octokit, pull, {
        findings: publication.findings,
        patches: publication.patches,
        maxComments: publication.maxComments,
        summarisedBefore,
        ...(publication.undecidedFiles ? { undecidedFiles: publication.undecidedFiles } : {}),
        ...(publication.runUrl ? { runUrl: publication.runUrl } : {}),
      });
    } catch (error) {
      result.failures.push({ step: 'post the review', error });
    }
  }

  // Without knowing whether a summary exists, writing one could add a second: better none this time.
  if (!stickyRead) return result;
  const current = new Set(publication.findings.map((finding) => finding.fingerprint));
  const remembered = [...summarisedBefore].filter((fingerprint) => current.has(fingerprint));
  const state = publication.mode === 'review' ? summarisedStateLine([...remembered, ...(result.review?.summarised ?? [])]) : '';
  try {
    const body = publication.renderSummary(MAX_COMMENT_CHARS - state.length) + state;
    result.summary = await writeStickyComment(octokit, issue, body, sticky);
  } catch (error) {
    result.failures.push({ step: 'write the summary comment', error });
  }
  return result;
}
