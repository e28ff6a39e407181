// The in-memory repository and pull request behind the double: what the test set up, plus what the
// client created through the API (reviews, review comments, issue comments, reactions).
import {
  ACTIONS_BOT_LOGIN,
  emptyReactions,
  nodeId,
  userFor,
  WEB_URL,
  type ApiIssueComment,
  type ApiReaction,
  type ApiReview,
  type ApiReviewComment,
  type ApiUser,
  type AuthorAssociation,
  type ReviewState,
} from './api-shapes.js';
import { parsePatch, type ParsedPatch } from './diff-hunks.js';
import type { GitHubDoubleSetup, PullRequestFileSetup, RepoPermission } from './setup-types.js';

// A fixed clock that ticks one second per created or edited resource keeps `created_at`,
// `since` filters and sort orders deterministic.
const CLOCK_START = Date.parse('2024-05-01T12:00:00Z');

export class DoubleStore {
  readonly setup: GitHubDoubleSetup;
  readonly apiUrl: string;
  readonly reviews: ApiReview[] = [];
  readonly reviewComments: ApiReviewComment[] = [];
  readonly issueComments: ApiIssueComment[] = [];
  readonly reactions: (ApiReaction & { comment_id: number })[] = [];
  /** Text of the diff line each review comment sits on, to tell whether a later push changed it. */
  readonly anchorTexts = new Map<number, string>();
  private patches = new Map<string, ParsedPatch>();
  private lastId = 1000;
  private ticks = 0;

  constructor(setup: GitHubDoubleSetup, apiUrl: string) {
    this.setup = structuredClone(setup);
    this.apiUrl = apiUrl;
    this.replaceFiles(this.setup.files);
  }

  get owner(): string {
    return this.setup.owner;
  }

  get repo(): string {
    return this.setup.repo;
  }

  get pullNumber(): number {
    return this.setup.pull.number;
  }

  get headSha(): string {
    return this.setup.pull.head.sha;
  }

  get repoApiUrl(): string {
    return `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
  }

  get repoHtmlUrl(): string {
    return `${WEB_URL}/${this.owner}/${this.repo}`;
  }

  get pullApiUrl(): string {
    return `${this.repoApiUrl}/pulls/${this.pullNumber}`;
  }

  get pullHtmlUrl(): string {
    return `${this.repoHtmlUrl}/pull/${this.pullNumber}`;
  }

  /** Parses every patch up front so a broken hand-written fixture fails at start, naming the file. */
  replaceFiles(files: PullRequestFileSetup[]): void {
    const patches = new Map<string, ParsedPatch>();
    for (const file of files) {
      if (file.patch === undefined) continue;
      try {
        patches.set(file.filename, parsePatch(file.patch));
      } catch (error) {
        throw new Error(`GitHub double setup: the patch of ${file.filename} is not a valid diff: ${(error as Error).message}`);
      }
    }
    this.setup.files = files;
    this.patches = patches;
  }

  file(path: string): PullRequestFileSetup | undefined {
    return this.setup.files.find((file) => file.filename === path);
  }

  patchOf(path: string): ParsedPatch | undefined {
    return this.patches.get(path);
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Takes an id a test chose, so later generated ids never collide with it. */
  claimId(id: number): number {
    this.lastId = Math.max(this.lastId, id);
    return id;
  }

  now(): string {
    this.ticks += 1;
    return new Date(CLOCK_START + this.ticks * 1000).toISOString();
  }

  user(login: string): ApiUser {
    return userFor(login, this.apiUrl);
  }

  /** Whether `owner`/`repo` in a request name this repository (GitHub compares them case-insensitively). */
  isThisRepository(owner: unknown, repo: unknown): boolean {
    return (
      String(owner).toLowerCase() === this.owner.toLowerCase() && String(repo).toLowerCase() === this.repo.toLowerCase()
    );
  }

  permissionOf(login: string): RepoPermission {
    if (login.toLowerCase() === this.owner.toLowerCase()) return 'admin';
    const listed = Object.entries(this.setup.permissions ?? {}).find(([name]) => name.toLowerCase() === login.toLowerCase());
    if (listed) return listed[1];
    return this.setup.private ? 'none' : 'read';
  }

  associationOf(login: string): AuthorAssociation {
    if (login.toLowerCase() === this.owner.toLowerCase()) return 'OWNER';
    const permission = this.permissionOf(login);
    if (permission === 'admin' || permission === 'maintain' || permission === 'write') return 'COLLABORATOR';
    if (login === (this.setup.pull.author ?? 'octocat')) return 'CONTRIBUTOR';
    return 'NONE';
  }

  /** Commits a review or review comment may target: the pull request's head and its earlier commits. */
  isPullRequestCommit(sha: string): boolean {
    return sha === this.headSha || (this.setup.pull.commits ?? []).includes(sha);
  }

  /**
   * The names a ref answers to: a branch tip is reachable by sha, branch name or `refs/heads/...`,
   * a tag by its name, its commit's sha or `refs/tags/...`.
   */
  refAliases(ref: string): string[] {
    for (const tip of [this.setup.pull.head, this.setup.pull.base]) {
      const names = [tip.sha, tip.ref, `refs/heads/${tip.ref}`, `heads/${tip.ref}`];
      if (names.includes(ref)) return names;
    }
    for (const tag of this.setup.tags ?? []) {
      const names = [tag.name, tag.sha, `refs/tags/${tag.name}`, `tags/${tag.name}`];
      if (names.includes(ref)) return names;
    }
    return [ref];
  }

  /** The files at a ref, or undefined for a ref the repository does not know. */
  treeAt(ref: string): Record<string, string> | undefined {
    const contents = this.setup.contents ?? {};
    const aliases = this.refAliases(ref);
    const trees = aliases.map((alias) => contents[alias]).filter((tree) => tree !== undefined);
    if (trees.length > 0) return Object.assign({}, ...trees) as Record<string, string>;
    // A branch tip or a tag with no contents set up still exists; it is just empty.
    const isReleaseTag = (this.setup.releases ?? []).some((release) => release.tag_name === ref);
    return aliases.length > 1 || isReleaseTag ? {} : undefined;
  }

  defaultBranch(): string {
    return this.setup.defaultBranch ?? this.setup.pull.base.ref;
  }

  reviewCommentUrls(id: number): Pick<ApiReviewComment, 'url' | 'html_url' | 'pull_request_url' | '_links'> {
    const url = `${this.repoApiUrl}/pulls/comments/${id}`;
    const html = `${this.pullHtmlUrl}#discussion_r${id}`;
    return {
      url,
      html_url: html,
      pull_request_url: this.pullApiUrl,
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: this.pullApiUrl } },
    };
  }

  addReview(login: string, state: ReviewState, body: string, commitId: string): ApiReview {
    const id = this.nextId();
    const html = `${this.pullHtmlUrl}#pullrequestreview-${id}`;
    const review: ApiReview = {
      id,
      node_id: nodeId('PullRequestReview', id),
      user: this.user(login),
      body,
      state,
      html_url: html,
      pull_request_url: this.pullApiUrl,
      author_association: this.associationOf(login),
      _links: { html: { href: html }, pull_request: { href: this.pullApiUrl } },
      commit_id: commitId,
    };
    if (state !== 'PENDING') review.submitted_at = this.now();
    this.reviews.push(review);
    return review;
  }

  addIssueComment(login: string, body: string, chosenId?: number): ApiIssueComment {
    const id = chosenId === undefined ? this.nextId() : this.claimId(chosenId);
    const url = `${this.repoApiUrl}/issues/comments/${id}`;
    const at = this.now();
    const comment: ApiIssueComment = {
      url,
      html_url: `${this.pullHtmlUrl}#issuecomment-${id}`,
      issue_url: `${this.repoApiUrl}/issues/${this.pullNumber}`,
      id,
      node_id: nodeId('IssueComment', id),
      user: this.user(login),
      created_at: at,
      updated_at: at,
      body,
      author_association: this.associationOf(login),
      performed_via_github_app: login === ACTIONS_BOT_LOGIN ? { id: 15368, slug: 'github-actions', name: 'GitHub Actions' } : null,
      reactions: emptyReactions(`${url}/reactions`),
    };
    this.issueComments.push(comment);
    return comment;
  }

  findReviewComment(id: number): ApiReviewComment | undefined {
    return this.reviewComments.find((comment) => comment.id === id);
  }

  findIssueComment(id: number): ApiIssueComment | undefined {
    return this.issueComments.find((comment) => comment.id === id);
  }

  /** Review comments of pending (draft) reviews are not listed until the review is submitted. */
  listedReviewComments(): ApiReviewComment[] {
    const pending = new Set(this.reviews.filter((review) => review.state === 'PENDING').map((review) => review.id));
    return this.reviewComments.filter(
      (comment) => comment.pull_request_review_id === null || !pending.has(comment.pull_request_review_id),
    );
  }
}
