// Comments that exist before the test starts (a previous run's review, a human's reply), placed
// the way GitHub would have stored them.
import { ACTIONS_BOT_LOGIN } from './api-shapes.js';
import type { DoubleStore } from './double-store.js';
import { anchorComment, type Anchor } from './review-anchors.js';
import { addReviewComment, anchorOf, threadRoot } from './review-comments.js';
import type { ExistingReviewComment } from './setup-types.js';

function describe(seed: ExistingReviewComment): string {
  return `existing review comment on ${seed.path}${seed.line ? `:${seed.line}` : ''} ("${seed.body.slice(0, 40)}")`;
}

function seedAnchor(store: DoubleStore, seed: ExistingReviewComment): Anchor {
  // An outdated comment keeps its original line; its current line and position are gone.
  if (seed.line === null || seed.subject_type === 'file') {
    return {
      path: seed.path,
      subject_type: seed.subject_type ?? 'line',
      line: null,
      side: seed.subject_type === 'file' ? null : seed.side ?? 'RIGHT',
      start_line: null,
      start_side: null,
      position: null,
      diff_hunk: store.patchOf(seed.path)?.hunks[0]?.header ?? '',
      anchorText: '',
    };
  }
  const placement = {
    path: seed.path,
    ...(seed.line !== undefined ? { line: seed.line } : {}),
    ...(seed.side !== undefined ? { side: seed.side } : {}),
    ...(typeof seed.start_line === 'number' ? { start_line: seed.start_line } : {}),
    ...(seed.start_side ? { start_side: seed.start_side } : {}),
  };
  const result = anchorComment(store, placement);
  if (!result.ok) {
    throw new Error(
      `GitHub double setup: ${describe(seed)} is not on a line of the pull request's diff (${result.refusal}); give line: null for an outdated comment`,
    );
  }
  return result.anchor;
}

export function seedReviewComments(store: DoubleStore, seeds: ExistingReviewComment[]): void {
  for (const seed of seeds) {
    const login = seed.author ?? ACTIONS_BOT_LOGIN;
    const commitId = seed.commit_id ?? store.headSha;
    if (seed.in_reply_to_id !== undefined) {
      const target = store.findReviewComment(seed.in_reply_to_id);
      if (!target) throw new Error(`GitHub double setup: ${describe(seed)} replies to ${seed.in_reply_to_id}, which comes later or does not exist`);
      const root = threadRoot(store, target);
      const review = store.addReview(login, 'COMMENTED', '', root.commit_id);
      addReviewComment(store, {
        login,
        body: seed.body,
        anchor: anchorOf(store, root),
        reviewId: seed.pull_request_review_id ?? review.id,
        commitId: root.commit_id,
        inReplyTo: root,
        ...(seed.id !== undefined ? { id: seed.id } : {}),
      });
      continue;
    }
    const anchor = seedAnchor(store, seed);
    const reviewId = seed.pull_request_review_id ?? store.addReview(login, 'COMMENTED', '', commitId).id;
    const comment = addReviewComment(store, {
      login,
      body: seed.body,
      anchor,
      reviewId,
      commitId,
      ...(seed.id !== undefined ? { id: seed.id } : {}),
    });
    if (seed.line === null) comment.original_line = seed.original_line ?? null;
  }
}
