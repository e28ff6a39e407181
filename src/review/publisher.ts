// The review's publisher port: what a run hands over to be said on a pull request, and what came of
// it. github/publish-pull-request.ts implements it with the REST API; a test can implement it with
// a plain object. Failures are values: a comment that could not be posted never changes the verdict.
import type { PullPatches } from './anchor-check.js';
import type { Finding } from './findings.js';
import type { JobIdentity } from './job.js';

export interface ReviewPublisher {
  publish(publication: Publication): Promise<PublishResult>;
}

export interface Publication {
  /** `review`: a review with inline comments plus the summary; `summary`: the summary alone. */
  mode: 'review' | 'summary';
  findings: Finding[];
  patches: PullPatches;
  maxComments: number;
  runUrl?: string;
  /** Files with errored tests: their earlier comments are not marked fixed. */
  undecidedFiles?: Set<string>;
  /** Fingerprints of tests that still fail without being findings: their earlier comments are not marked fixed. */
  stillFailing?: ReadonlySet<string>;
  job: JobIdentity;
  /** The files this job's `prompts` selects in this pull request. */
  selectedFiles: ReadonlySet<string>;
  /** Renders the summary comment within `maxChars`, starting with the job's summary marker. */
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

export interface ReviewOutcome {
  /** Id of the review posted, when one was. */
  reviewId?: number;
  inline: number;
  /** Fingerprints of the findings this run put in the review body. */
  summarised: string[];
  /** Findings of this run that a review body reported, earlier or now: what the summary remembers. */
  reportedInBodies: string[];
  /** The newest review of this job on the pull request (this run's included); 0 when there is none. */
  newestReview: number;
  markedFixed: number;
  alreadyReported: number;
  /** GitHub refused the inline comments, so the review went out with all findings in its body. */
  inlineRefused: boolean;
}
