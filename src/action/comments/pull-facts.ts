// The pull request as it is now — not as the event saw it: a push may have landed since the comment
// was written, and suggestions must be made against the head GitHub will apply them to.
import type { GitHubClient } from '../../github/octokit.js';
import { listPullFiles, type PullFile } from '../../github/pull-files.js';
import type { PullRef } from '../../github/replies.js';
import { parsePatch, type ParsedPatch } from '../../review/diff.js';

export interface PullFacts {
  headSha: string;
  files: PullFile[];
  /** The file's diff in this pull request; undefined when it has none (binary, huge, or not changed). */
  patchOf(path: string): ParsedPatch | undefined;
}

export async function readPull(octokit: GitHubClient, pull: PullRef): Promise<PullFacts> {
  const [{ data }, files] = await Promise.all([
    octokit.rest.pulls.get({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber }),
    listPullFiles(octokit, pull),
  ]);
  const patches = new Map(files.map((file) => [file.filename, file.patch === undefined ? undefined : parsePatch(file.patch)]));
  return { headSha: data.head.sha, files, patchOf: (path) => patches.get(path) };
}
