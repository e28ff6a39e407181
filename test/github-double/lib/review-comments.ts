// Building review comments, the records GitHub keeps for inline review threads.
import { emptyReactions, nodeId, type ApiReviewComment } from './api-shapes.js';
import type { DoubleStore } from './double-store.js';
import type { Anchor } from './review-anchors.js';

export interface NewReviewComment {
  login: string;
  body: string;
  anchor: Anchor;
  reviewId: number | null;
  commitId: string;
  inReplyTo?: ApiReviewComment;
  id?: number;
}

export function addReviewComment(store: DoubleStore, fields: NewReviewComment): ApiReviewComment {
  const id = fields.id === undefined ? store.nextId() : store.claimId(fields.id);
  const at = store.now();
  const { anchor } = fields;
  const comment: ApiReviewComment = {
    ...store.reviewCommentUrls(id),
    id,
    node_id: nodeId('PullRequestReviewComment', id),
    pull_request_review_id: fields.reviewId,
    diff_hunk: anchor.diff_hunk,
    path: anchor.path,
    position: anchor.position,
    original_position: anchor.position,
    commit_id: fields.commitId,
    original_commit_id: fields.commitId,
    user: store.user(fields.login),
    body: fields.body,
    created_at: at,
    updated_at: at,
    author_association: store.associationOf(fields.login),
    start_line: anchor.start_line,
    original_start_line: anchor.start_line,
    start_side: anchor.start_side,
    line: anchor.line,
    original_line: anchor.line,
    side: anchor.side,
    subject_type: anchor.subject_type,
    reactions: emptyReactions(`${store.reviewCommentUrls(id).url}/reactions`),
  };
  if (fields.inReplyTo) comment.in_reply_to_id = fields.inReplyTo.id;
  store.reviewComments.push(comment);
  store.anchorTexts.set(id, anchor.anchorText);
  return comment;
}

/** A reply sits where its thread's first comment sits; replies to replies join that first comment. */
export function threadRoot(store: DoubleStore, comment: ApiReviewComment): ApiReviewComment {
  if (comment.in_reply_to_id === undefined) return comment;
  return store.findReviewComment(comment.in_reply_to_id) ?? comment;
}

export function anchorOf(store: DoubleStore, comment: ApiReviewComment): Anchor {
  return {
    path: comment.path,
    subject_type: comment.subject_type,
    line: comment.line,
    side: comment.side,
    start_line: comment.start_line,
    start_side: comment.start_side,
    position: comment.position,
    diff_hunk: comment.diff_hunk,
    anchorText: store.anchorTexts.get(comment.id) ?? '',
  };
}

export function addReply(store: DoubleStore, login: string, body: string, target: ApiReviewComment): ApiReviewComment {
  const root = threadRoot(store, target);
  // GitHub files every reply under a new, already submitted review of its own.
  const review = store.addReview(login, 'COMMENTED', '', root.commit_id);
  const reply = addReviewComment(store, {
    login,
    body,
    anchor: anchorOf(store, root),
    reviewId: review.id,
    commitId: root.commit_id,
    inReplyTo: root,
  });
  reply.original_commit_id = root.original_commit_id;
  reply.original_line = root.original_line;
  reply.original_start_line = root.original_start_line;
  reply.original_position = root.original_position;
  return reply;
}
