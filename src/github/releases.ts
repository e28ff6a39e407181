// The repository's releases and tags, read to find the release a new one is gated against
// (previous-release.ts decides which). Every page is read up to a limit: GitHub lists releases
// newest first but tags in no documented order, and a backported patch can be anywhere.
import type { GitHubClient } from './octokit.js';

/** A release as the choice of the previous one needs it. */
export interface ReleaseFacts {
  tag: string;
  draft: boolean;
  prerelease: boolean;
  /** ISO time; undefined for a draft. */
  publishedAt?: string;
}

export interface TagFacts {
  name: string;
  sha: string;
}

/**
 * Pages read at most (100 entries each): a repository with more releases than this is gated
 * against the previous one among its most recent thousand, which is where it is.
 */
const MAX_PAGES = 10;

export async function listReleases(octokit: GitHubClient, repo: { owner: string; repo: string }): Promise<ReleaseFacts[]> {
  const releases: ReleaseFacts[] = [];
  let pages = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...repo, per_page: 100 })) {
    for (const release of page.data) {
      releases.push({
        tag: release.tag_name,
        draft: release.draft,
        prerelease: release.prerelease,
        ...(release.published_at ? { publishedAt: release.published_at } : {}),
      });
    }
    if (++pages >= MAX_PAGES) break;
  }
  return releases;
}

export async function listTags(octokit: GitHubClient, repo: { owner: string; repo: string }): Promise<TagFacts[]> {
  const tags: TagFacts[] = [];
  let pages = 0;
  for await (const page of octokit.paginate.iterator(octokit.rest.repos.listTags, { ...repo, per_page: 100 })) {
    for (const tag of page.data) tags.push({ name: tag.name, sha: tag.commit.sha });
    if (++pages >= MAX_PAGES) break;
  }
  return tags;
}
