// The paths of every file at a ref, in one request (the git trees API, recursive): how the prompt
// files of an earlier release are found without checking it out. Their texts are then read with
// the contents API (base-contents.ts).
import { httpStatusOf, type GitHubClient } from './octokit.js';

export interface FilesAt {
  paths: string[];
  /**
   * GitHub cut the listing (past 100,000 entries or 7 MB): some files are missing from `paths`.
   * https://docs.github.com/rest/git/trees#get-a-tree
   */
  truncated: boolean;
}

/** The files at `ref` (a tag or branch name, or a sha); undefined when the repository has no such ref. */
export async function listFilesAt(octokit: GitHubClient, repo: { owner: string; repo: string }, ref: string): Promise<FilesAt | undefined> {
  try {
    // Any value turns recursion on; GitHub's own examples send 1.
    const response = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: '1' });
    return {
      paths: response.data.tree.filter((entry) => entry.type === 'blob' && typeof entry.path === 'string').map((entry) => entry.path!),
      truncated: response.data.truncated,
    };
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
