// A new commit on the pull request's branch (what a `synchronize` event reports): the head moves,
// the files and their patches change, and review comments whose line changed become outdated —
// GitHub then reports `line: null` and `position: null` while keeping `original_line`.
import type { DoubleStore } from './double-store.js';
import { diffHunkUpTo, diffLineText, findDiffLine } from './diff-hunks.js';
import type { PullRequestFileSetup } from './setup-types.js';

export interface PushedCommit {
  sha: string;
  /** The pull request's files after the push (default: unchanged). */
  files?: PullRequestFileSetup[];
  /** Files at the new head (default: the branch's files before the push). */
  contents?: Record<string, string>;
}

export function pushCommit(store: DoubleStore, commit: PushedCommit): void {
  const pull = store.setup.pull;
  const previousSha = pull.head.sha;
  const contents = (store.setup.contents ??= {});
  // The old head stays readable by sha after the branch moves on.
  contents[previousSha] ??= store.treeAt(previousSha) ?? {};
  if (commit.contents) {
    contents[commit.sha] = commit.contents;
    contents[pull.head.ref] = commit.contents;
  }
  pull.commits = [...(pull.commits ?? []), previousSha];
  pull.head.sha = commit.sha;
  if (commit.files) store.replaceFiles(commit.files);

  for (const comment of store.reviewComments) {
    if (comment.subject_type === 'file') {
      if (store.file(comment.path)) comment.commit_id = commit.sha;
      continue;
    }
    if (comment.line === null || comment.side === null) continue;
    const patch = store.patchOf(comment.path);
    const target = patch ? findDiffLine(patch, comment.side, comment.line) : undefined;
    const unchanged = patch && target && diffLineText(patch, target) === store.anchorTexts.get(comment.id);
    if (patch && target && unchanged) {
      comment.commit_id = commit.sha;
      comment.position = target.position;
      comment.diff_hunk = diffHunkUpTo(patch, target);
    } else {
      comment.line = null;
      comment.start_line = null;
      comment.position = null;
    }
  }
}
