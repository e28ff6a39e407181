// Talking back in a pull request: replies in review threads, a lone review comment anchored on a
// line range (a reply cannot choose its own lines), a conversation comment, and an "eyes" reaction
// to say a command was seen. Thread roots are found by listing, which also works on tokens that can
// only read pull requests.
import type { GitHubClient } from './octokit.js';

export interface PullRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

/** The facts of a review comment that decide what a reply to its thread can do. */
export interface ReviewCommentFacts {
  id: number;
  body: string;
  path: string;
  /** Last line of the comment's range in the current diff; null once the comment is outdated. */
  line: number | null;
  /** First line of a multi-line comment; null or absent for a single line. */
  startLine: number | null;
  side: 'LEFT' | 'RIGHT' | null;
  startSide: 'LEFT' | 'RIGHT' | null;
  /** Set on a reply: the thread's first comment. */
  inReplyToId?: number;
  authorLogin: string;
  authorIsBot: boolean;
  subjectType: 'line' | 'file';
}

export interface PostedComment {
  id: number;
  htmlUrl: string;
}

/** Every review comment of the pull request, replies included, oldest first. */
export async function listReviewCommentFacts(octokit: GitHubClient, pull: PullRef): Promise<ReviewCommentFacts[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  return comments.map((comment) => ({
    id: comment.id,
    body: comment.body ?? '',
    path: comment.path,
    line: comment.line ?? null,
    startLine: comment.start_line ?? null,
    side: comment.side ?? null,
    startSide: comment.start_side ?? null,
    ...(comment.in_reply_to_id !== undefined ? { inReplyToId: comment.in_reply_to_id } : {}),
    authorLogin: comment.user?.login ?? '',
    authorIsBot: isBotAccount(comment.user),
    subjectType: comment.subject_type === 'file' ? 'file' : 'line',
  }));
}

/**
 * The first comment of the thread `commentId` belongs to (GitHub points every reply at it), or
 * undefined when the comment is not on this pull request (deleted since, say).
 */
export function threadRootOf(comments: ReviewCommentFacts[], commentId: number): ReviewCommentFacts | undefined {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  let current = byId.get(commentId);
  // Bounded: a malformed chain must not loop.
  for (let hops = 0; current?.inReplyToId !== undefined && hops < 10; hops++) {
    const parent = byId.get(current.inReplyToId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

export async function replyInThread(octokit: GitHubClient, pull: PullRef, commentId: number, body: string): Promise<PostedComment> {
  const { data } = await octokit.rest.pulls.createReplyForReviewComment({
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    comment_id: commentId,
    body,
  });
  return { id: data.id, htmlUrl: data.html_url };
}

/** A review comment on new-file lines `startLine`..`endLine` (RIGHT side) at `commitId`. */
export async function commentOnLines(
  octokit: GitHubClient,
  pull: PullRef,
  place: { path: string; startLine: number; endLine: number; commitId: string },
  body: string,
): Promise<PostedComment> {
  const { data } = await octokit.rest.pulls.createReviewComment({
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    commit_id: place.commitId,
    path: place.path,
    line: place.endLine,
    side: 'RIGHT',
    // GitHub wants start_line only for a real range.
    ...(place.startLine < place.endLine ? { start_line: place.startLine, start_side: 'RIGHT' as const } : {}),
    body,
  });
  return { id: data.id, htmlUrl: data.html_url };
}

export async function commentInConversation(octokit: GitHubClient, pull: PullRef, body: string): Promise<PostedComment> {
  const { data } = await octokit.rest.issues.createComment({ owner: pull.owner, repo: pull.repo, issue_number: pull.pullNumber, body });
  return { id: data.id, htmlUrl: data.html_url };
}

/** 👀 on a review comment: "seen, working on it". */
export async function markReviewCommentSeen(octokit: GitHubClient, repo: { owner: string; repo: string }, commentId: number): Promise<void> {
  await octokit.rest.reactions.createForPullRequestReviewComment({ owner: repo.owner, repo: repo.repo, comment_id: commentId, content: 'eyes' });
}

/** Bots are `type: Bot`; GitHub App logins also end in `[bot]`, whatever the payload's type says. */
export function isBotAccount(user: { login?: string | null; type?: string | null } | null | undefined): boolean {
  if (!user) return false;
  return user.type === 'Bot' || /\[bot\]$/i.test(user.login ?? '');
}
