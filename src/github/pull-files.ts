// The files of a pull request, every page of them: GitHub lists 30 per page by default and a
// prompt change can sit on any page.
import type { GitHubClient } from './octokit.js';

export interface PullFile {
  filename: string;
  /** GitHub's status: added, removed, modified, renamed, copied, changed, unchanged. */
  status: string;
  /** The name at the base, for a renamed file. */
  previousFilename?: string;
  /** Unified diff hunks; absent for binary and very large files. */
  patch?: string;
}

export async function listPullFiles(octokit: GitHubClient, pull: { owner: string; repo: string; pullNumber: number }): Promise<PullFile[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    per_page: 100,
  });
  return files.map((file) => ({
    filename: file.filename,
    status: file.status,
    ...(file.previous_filename ? { previousFilename: file.previous_filename } : {}),
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  }));
}
