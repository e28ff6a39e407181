// Reviewer critiques become verified, one-click prompt edits: the Action's answer to comments on a
// pull request. main.ts hands every comment event here; what is not a request is left alone.
import type { ConversationCommentEvent, ReviewCommentEvent } from '../event.js';
import { answerConversationComment } from './answer-conversation-comment.js';
import { answerReviewComment } from './answer-review-comment.js';
import type { CommentContext } from './context.js';

export type { CommentContext, CommentLog } from './context.js';

export async function answerComment(ctx: CommentContext, event: ReviewCommentEvent | ConversationCommentEvent): Promise<void> {
  if (event.kind === 'review-comment') await answerReviewComment(ctx, event);
  else await answerConversationComment(ctx, event);
}
