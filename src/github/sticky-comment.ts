// One summary comment per pull request and job, found again by the hidden marker it starts with and
// edited in place on every run, so a busy pull request does not fill up with stale summaries.
import type { GitHubClient } from './octokit.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface StickyComment {
  id: number;
  body: string;
}

/**
 * The oldest comment that starts with `marker` and was written by a bot (the workflow token acts as
 * `github-actions[bot]`). People's comments are never adopted: quoting the marker must not hand
 * someone's comment over to be overwritten. Failing that, the oldest bot comment starting with
 * `adoptMarker` (a summary from before jobs had identities), which the caller then rewrites as its own.
 */
export async function findStickyComment(
  octokit: GitHubClient,
  issue: IssueRef,
  marker: string,
  adoptMarker?: string,
): Promise<StickyComment | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    per_page: 100,
  });
  const startingWith = (prefix: string) => comments.find((comment) => comment.user?.type === 'Bot' && (comment.body ?? '').startsWith(prefix));
  const found = startingWith(marker) ?? (adoptMarker !== undefined ? startingWith(adoptMarker) : undefined);
  return found ? { id: found.id, body: found.body ?? '' } : undefined;
}

/** Edits `existing` when given, else creates the comment. */
export async function writeStickyComment(
  octokit: GitHubClient,
  issue: IssueRef,
  body: string,
  existing: StickyComment | undefined,
): Promise<'created' | 'updated' | 'unchanged'> {
  if (existing) {
    if (existing.body === body) return 'unchanged';
    await octokit.rest.issues.updateComment({ owner: issue.owner, repo: issue.repo, comment_id: existing.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner: issue.owner, repo: issue.repo, issue_number: issue.issueNumber, body });
  return 'created';
}
