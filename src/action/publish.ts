// Posting on the pull request, from the Action's side: the comment mode decides what is posted,
// and any failure becomes a warning that says what to change — never a failed step, because the
// verdict and the results are already settled (and the annotations carry the failures anyway).
import { describeGitHubError, httpStatusOf } from '../github/octokit.js';
import type { Publication, PublishFailure, ReviewPublisher } from '../review/publisher.js';
import { describeRateLimit, rateLimitOf } from '../github/rate-limit.js';
import type { CommentMode } from './inputs.js';
import type { RunnerIo } from './runner-io.js';

export async function publish(
  io: Pick<RunnerIo, 'info' | 'warning'>,
  publisher: ReviewPublisher,
  mode: CommentMode,
  publication: Omit<Publication, 'mode'>,
): Promise<void> {
  if (mode === 'none') return;
  const result = await publisher.publish({ ...publication, mode });
  const review = result.review;
  if (review) {
    const parts = [
      review.reviewId !== undefined ? `posted a review with ${review.inline} inline comment(s) and ${review.summarised.length} in its body` : 'no new findings to review',
      ...(review.alreadyReported > 0 ? [`${review.alreadyReported} already reported`] : []),
      ...(review.markedFixed > 0 ? [`${review.markedFixed} comment(s) marked fixed`] : []),
    ];
    io.info(`promptgate: ${parts.join('; ')}.`);
    if (review.inlineRefused) io.warning('GitHub refused the inline comments (the diff may have changed during the run); the findings are in the review body instead.');
  }
  if (result.summary) io.info(`promptgate: summary comment ${result.summary}.`);
  for (const failure of result.failures) io.warning(describeFailure(failure));
}

function describeFailure(failure: PublishFailure): string {
  const status = httpStatusOf(failure.error);
  const said = describeGitHubError(failure.error);
  const limit = rateLimitOf(failure.error);
  if (limit) return `could not ${failure.step} (${said}): ${describeRateLimit(limit)}. The results are in the annotations, the job summary and the results file.`;
  if (status === 403 || status === 404) {
    return (
      `could not ${failure.step} (${said}). The token cannot write to this pull request: give the job ` +
      '`permissions: pull-requests: write` (tokens of workflows from forks are always read-only). ' +
      'The failing tests are in the annotations and the job summary instead.'
    );
  }
  return `could not ${failure.step} (${said}); the results are in the annotations, the job summary and the results file.`;
}
