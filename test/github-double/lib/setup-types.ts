// What a test describes to start the GitHub double: one repository with one open pull request.
import type { DiffSide } from './diff-hunks.js';

export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** The values GitHub's "list pull request files" returns for `status`. */
export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PullRequestFileSetup {
  filename: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  changes: number;
  /** Unified diff hunks as GitHub returns them (no `diff --git`/`---`/`+++` lines). None for binary or huge files. */
  patch?: string;
  previous_filename?: string;
  /** Blob sha; derived from the filename when omitted. */
  sha?: string;
}

export interface GitRefSetup {
  sha: string;
  /** Branch name, e.g. `feature/prompts`. */
  ref: string;
}

export interface PullRequestSetup {
  number: number;
  title?: string;
  body?: string;
  /** Login of the pull request's author (default `octocat`). */
  author?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
  head: GitRefSetup;
  base: GitRefSetup;
  /** Earlier commits of the pull request: reviews may target them (`commit_id`). */
  commits?: string[];
}

/** A review comment that exists before the test starts, e.g. one posted by an earlier run. */
export interface ExistingReviewComment {
  id?: number;
  body: string;
  path: string;
  /** null marks the comment outdated (GitHub sets `line` to null once the diff moved on). */
  line?: number | null;
  side?: DiffSide;
  start_line?: number | null;
  start_side?: DiffSide | null;
  original_line?: number;
  subject_type?: 'line' | 'file';
  in_reply_to_id?: number;
  /** Login; a login ending in `[bot]` is a Bot (default `github-actions[bot]`). */
  author?: string;
  commit_id?: string;
  pull_request_review_id?: number;
}

export interface ExistingIssueComment {
  id?: number;
  body: string;
  /** Login; a login ending in `[bot]` is a Bot (default `github-actions[bot]`). */
  author?: string;
}

/** A release of the repository, as "list releases" returns it (newest first by `created_at`). */
export interface ReleaseSetup {
  tag_name: string;
  name?: string;
  draft?: boolean;
  prerelease?: boolean;
  /** ISO time; default: a day apart in the order given, the first earliest. Null for a draft. */
  created_at?: string;
  published_at?: string | null;
}

/** A tag of the repository: its name and the commit it points at. */
export interface TagSetup {
  name: string;
  sha: string;
}

export interface GitHubDoubleSetup {
  owner: string;
  repo: string;
  /** Affects the permission of logins missing from `permissions`: read on a public repository, none on a private one. */
  private?: boolean;
  /** Branch used by `contents` when no `ref` is given (default: the pull request's base branch). */
  defaultBranch?: string;
  pull: PullRequestSetup;
  files: PullRequestFileSetup[];
  /**
   * File texts by ref then path. A branch name and its tip sha are interchangeable: contents given
   * under `pull.head.ref` answer for `pull.head.sha` too, and likewise for the base.
   */
  contents?: Record<string, Record<string, string>>;
  permissions?: Record<string, RepoPermission>;
  reviewComments?: ExistingReviewComment[];
  issueComments?: ExistingIssueComment[];
  /** Releases, in the order they were made (oldest first). */
  releases?: ReleaseSetup[];
  /**
   * Tags, in any order. A tag answers for its commit: contents given under its name answer for its
   * sha and `refs/tags/<name>` too. A release's tag needs no entry here unless a test lists tags.
   */
  tags?: TagSetup[];
  /** Entries a recursive tree listing holds at most before it is cut (`truncated`); GitHub's 100,000 by default. */
  maxTreeEntries?: number;
  /** Tokens that act as someone else; every other token is `github-actions[bot]`, like a workflow's GITHUB_TOKEN. */
  tokens?: Record<string, string>;
  /** The repository setting "Allow GitHub Actions to create and approve pull requests" (default off, as on new repositories). */
  allowActionsToApprove?: boolean;
}
