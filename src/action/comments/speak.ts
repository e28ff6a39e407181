// Posting answers. Every body is redacted, capped and marked as promptgate's (so it never triggers
// another round); a failure to post is a warning that says what to change, never a failed step:
// the person asking sees nothing, and the log says why.
import { describeGitHubError, httpStatusOf } from '../../github/octokit.js';
import { describeRateLimit, rateLimitOf } from '../../github/rate-limit.js';
import {
  commentInConversation,
  commentOnLines,
  markReviewCommentSeen,
  replyInThread,
  type PostedComment,
  type PullRef,
} from '../../github/replies.js';
import { truncate } from '../../report/markdown-safe.js';
import type { CommentContext } from './context.js';
import { SUGGESTION_MARKER, withSuggestionMarker } from './markers.js';

/** GitHub refuses bodies over 65,536 characters; the rest is headroom for its own counting. */
export const MAX_BODY_CHARS = 60_000;

export class Speaker {
  constructor(
    private readonly ctx: CommentContext,
    private readonly pull: PullRef,
  ) {}

  replyInThread(rootId: number, body: string): Promise<PostedComment | undefined> {
    return this.attempt('reply in the review thread', () => replyInThread(this.ctx.octokit, this.pull, rootId, this.finish(body)));
  }

  commentOnLines(place: { path: string; startLine: number; endLine: number; commitId: string }, body: string): Promise<PostedComment | undefined> {
    return this.attempt('post the suggestion as a review comment', () => commentOnLines(this.ctx.octokit, this.pull, place, this.finish(body)));
  }

  commentInConversation(body: string): Promise<PostedComment | undefined> {
    return this.attempt('comment on the pull request', () => commentInConversation(this.ctx.octokit, this.pull, this.finish(body)));
  }

  /** Optional courtesy: a failure is only worth a debug-level note. */
  async markSeen(commentId: number): Promise<void> {
    try {
      await markReviewCommentSeen(this.ctx.octokit, this.pull, commentId);
    } catch (error) {
      this.ctx.log.info(`promptgate: could not react to the comment (${describeGitHubError(error)}).`);
    }
  }

  private finish(body: string): string {
    const room = MAX_BODY_CHARS - SUGGESTION_MARKER.length - 2;
    return withSuggestionMarker(truncate(this.ctx.redact(body), room));
  }

  private async attempt(what: string, post: () => Promise<PostedComment>): Promise<PostedComment | undefined> {
    try {
      const posted = await post();
      this.ctx.log.info(`promptgate: ${what}: done (${posted.htmlUrl || `id ${posted.id}`}).`);
      return posted;
    } catch (error) {
      this.ctx.log.warning(describePostFailure(what, error));
      return undefined;
    }
  }
}

export function describePostFailure(what: string, error: unknown): string {
  const said = describeGitHubError(error);
  const status = httpStatusOf(error);
  const limit = rateLimitOf(error);
  if (limit) return `could not ${what} (${said}): ${describeRateLimit(limit)}.`;
  if (status === 403 || status === 404) {
    return `could not ${what} (${said}). Give the job \`permissions: pull-requests: write\`; tokens of workflows from forks are read-only.`;
  }
  return `could not ${what} (${said}).`;
}
