// Pull request reviews and review comments: create a review with inline comments (all or nothing),
// list reviews, create a single review comment, reply in a thread, list and edit review comments, react.
import { ACTIONS_BOT_LOGIN, nodeId, type ApiReaction, type ReactionContent, type ReviewState } from '../api-shapes.js';
import { paginate } from '../pagination.js';
import {
  anchorComment,
  COMMENT_REFUSAL_FIELDS,
  REVIEW_REFUSAL_MESSAGES,
  type Anchor,
  type CommentPlacement,
} from '../review-anchors.js';
import { addReply, addReviewComment } from '../review-comments.js';
import {
  bodyTooLong,
  isTooLong,
  json,
  notFound,
  unprocessable,
  validationFailed,
  type Handler,
  type HandlerContext,
} from '../responses.js';

type ReviewEvent = 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';

interface ReviewRequest {
  commit_id?: string;
  body?: string;
  event?: ReviewEvent;
  comments?: (CommentPlacement & { body: string })[];
}

const STATE_OF_EVENT: Record<ReviewEvent, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

function isThisPull(context: HandlerContext): boolean {
  return context.path['pull_number'] === context.store.pullNumber;
}

/** Rules GitHub applies to the review as a whole, before looking at its comments. */
function reviewRefusal(context: HandlerContext, request: ReviewRequest): string | undefined {
  const { store, viewer } = context;
  const author = store.setup.pull.author ?? 'octocat';
  if (request.event === 'APPROVE' && viewer === author) return 'Can not approve your own pull request';
  if (request.event === 'REQUEST_CHANGES' && viewer === author) return 'Can not request changes on your own pull request';
  if (request.event === 'APPROVE' && viewer === ACTIONS_BOT_LOGIN && !store.setup.allowActionsToApprove) {
    return 'GitHub Actions is not permitted to approve pull requests.';
  }
  const hasBody = typeof request.body === 'string' && request.body.trim() !== '';
  if (request.event === 'REQUEST_CHANGES' && !hasBody) return 'Review body is required when requesting changes';
  if (request.event === 'COMMENT' && !hasBody && (request.comments ?? []).length === 0) {
    return 'Review body is required when commenting without inline comments';
  }
  if (request.event === undefined) {
    const pending = store.reviews.some((review) => review.state === 'PENDING' && review.user.login === viewer);
    if (pending) return 'User can only have one pending review per pull request';
  }
  return undefined;
}

export const createReview: Handler = (context) => {
  const { store, viewer } = context;
  if (!isThisPull(context)) return notFound(context);
  const request = (context.body ?? {}) as ReviewRequest;
  const commitId = request.commit_id ?? store.headSha;
  if (!store.isPullRequestCommit(commitId)) return unprocessable(context, ['The commitOID is not part of the pull request']);
  if (isTooLong(request.body)) return bodyTooLong(context, 'PullRequestReview');
  const comments = request.comments ?? [];
  if (comments.some((comment) => isTooLong(comment.body))) return bodyTooLong(context, 'PullRequestReviewComment');
  const refusal = reviewRefusal(context, request);
  if (refusal) return unprocessable(context, [refusal]);

  // Every comment must anchor before anything is written: one bad line refuses the whole review.
  const anchors: Anchor[] = [];
  const refusals = new Set<string>();
  for (const comment of comments) {
    const result = anchorComment(store, comment);
    if (result.ok) anchors.push(result.anchor);
    else refusals.add(REVIEW_REFUSAL_MESSAGES[result.refusal]);
  }
  if (refusals.size > 0) return unprocessable(context, [...refusals]);

  const state: ReviewState = request.event ? STATE_OF_EVENT[request.event] : 'PENDING';
  const review = store.addReview(viewer, state, request.body ?? '', commitId);
  comments.forEach((comment, index) => {
    const anchor = anchors[index];
    if (anchor) addReviewComment(store, { login: viewer, body: comment.body, anchor, reviewId: review.id, commitId });
  });
  return json(200, review);
};

export const listReviews: Handler = (context) => {
  const { store, viewer, query } = context;
  if (!isThisPull(context)) return notFound(context);
  // A pending review is its author's draft: nobody else sees it.
  const visible = store.reviews.filter((review) => review.state !== 'PENDING' || review.user.login === viewer);
  const page = paginate(visible, context.url, query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};

interface SingleCommentRequest extends CommentPlacement {
  body: string;
  commit_id: string;
  in_reply_to?: number;
}

export const createReviewComment: Handler = (context) => {
  const { store, viewer } = context;
  if (!isThisPull(context)) return notFound(context);
  const request = context.body as SingleCommentRequest;
  if (isTooLong(request.body)) return bodyTooLong(context, 'PullRequestReviewComment');
  if (request.in_reply_to !== undefined) {
    const target = store.findReviewComment(request.in_reply_to);
    if (!target) return notFound(context);
    return json(201, addReply(store, viewer, request.body, target));
  }
  if (!store.isPullRequestCommit(request.commit_id)) {
    return validationFailed(context, 'PullRequestReviewComment', 'commit_id', 'commit_id is not part of the pull request');
  }
  const result = anchorComment(store, request);
  if (!result.ok) {
    const { field, message } = COMMENT_REFUSAL_FIELDS[result.refusal];
    return validationFailed(context, 'PullRequestReviewComment', field, message);
  }
  // A lone review comment is filed under a submitted review of its own, as on GitHub.
  const review = store.addReview(viewer, 'COMMENTED', '', request.commit_id);
  return json(
    201,
    addReviewComment(store, { login: viewer, body: request.body, anchor: result.anchor, reviewId: review.id, commitId: request.commit_id }),
  );
};

export const createReplyForReviewComment: Handler = (context) => {
  const { store, viewer } = context;
  if (!isThisPull(context)) return notFound(context);
  const target = store.findReviewComment(Number(context.path['comment_id']));
  if (!target) return notFound(context);
  const { body } = context.body as { body: string };
  if (isTooLong(body)) return bodyTooLong(context, 'PullRequestReviewComment');
  return json(201, addReply(store, viewer, body, target));
};

export const listReviewComments: Handler = (context) => {
  const { store, query } = context;
  if (!isThisPull(context)) return notFound(context);
  let comments = store.listedReviewComments();
  if (typeof query['since'] === 'string') {
    const since = Date.parse(query['since']);
    comments = comments.filter((comment) => Date.parse(comment.updated_at) >= since);
  }
  // Without `sort`, GitHub ignores `direction` and lists in creation order.
  if (query['sort'] !== undefined) {
    const key = query['sort'] === 'updated' ? 'updated_at' : 'created_at';
    const descending = query['direction'] === 'desc';
    comments = [...comments].sort((a, b) => {
      const order = a[key].localeCompare(b[key]) || a.id - b.id;
      return descending ? -order : order;
    });
  }
  const page = paginate(comments, context.url, query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};

export const updateReviewComment: Handler = (context) => {
  const { store } = context;
  const comment = store.findReviewComment(Number(context.path['comment_id']));
  if (!comment) return notFound(context);
  const { body } = context.body as { body: string };
  if (isTooLong(body)) return bodyTooLong(context, 'PullRequestReviewComment');
  comment.body = body;
  comment.updated_at = store.now();
  return json(200, comment);
};

export const createReactionForReviewComment: Handler = (context) => {
  const { store, viewer } = context;
  const comment = store.findReviewComment(Number(context.path['comment_id']));
  if (!comment) return notFound(context);
  const { content } = context.body as { content: ReactionContent };
  // Reacting twice with the same emoji is not an error: GitHub answers 200 with the first reaction.
  const existing = store.reactions.find(
    (reaction) => reaction.comment_id === comment.id && reaction.user.login === viewer && reaction.content === content,
  );
  if (existing) return json(200, withoutSubject(existing));
  const id = store.nextId();
  const reaction = { id, node_id: nodeId('Reaction', id), user: store.user(viewer), content, created_at: store.now(), comment_id: comment.id };
  store.reactions.push(reaction);
  comment.reactions[content] += 1;
  comment.reactions.total_count += 1;
  return json(201, withoutSubject(reaction));
};

function withoutSubject(reaction: ApiReaction & { comment_id: number }): ApiReaction {
  const { comment_id: _comment, ...rest } = reaction;
  return rest;
}
