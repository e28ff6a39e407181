// The slice of Octokit this folder needs, typed without importing @actions/*: the Action builds
// the client (getOctokit) and hands it in, so these modules can be driven by any Octokit.
import type { Octokit } from '@octokit/core';
import type { Api } from '@octokit/plugin-rest-endpoint-methods';
import type { PaginateInterface } from '@octokit/plugin-paginate-rest';

export type GitHubClient = Octokit & Api & { paginate: PaginateInterface };

/** A pull request and the commit its head is at. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
}

/** The HTTP status of an Octokit error (RequestError), or undefined for anything else. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A one-line description of a failed GitHub call for logs: status and GitHub's own message. */
export function describeGitHubError(error: unknown): string {
  const status = httpStatusOf(error);
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  return status === undefined ? message : `${status}: ${message}`;
}
