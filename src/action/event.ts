// What triggered the run, reduced to the facts promptgate acts on. Only numbers, shas and names
// are taken from the event payload — never its URLs: API calls go to GITHUB_API_URL.
import { isBotAccount } from '../github/replies.js';
import { InputError } from './input-error.js';
import type { RunnerContext as Context } from './runner-io.js';

export type ActionEvent = PullRequestEvent | ReviewCommentEvent | ConversationCommentEvent | ReleaseEvent | OtherEvent;

export interface PullRequestEvent {
  kind: 'pull-request';
  name: 'pull_request' | 'pull_request_target';
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** The head branch lives in another repository; `pull_request` runs from forks get no secrets. */
  fromFork: boolean;
  /**
   * The workspace does not hold the pull request's files (pull_request_target checks out the base):
   * they are read through the API at the head sha, as data only.
   */
  headOutsideWorkspace: boolean;
  /** Who triggered it; Dependabot's runs get no secrets either. */
  actor: string;
}

/** Who wrote a comment. */
export interface CommentAuthor {
  login: string;
  /** A bot account (`type: Bot`, or a `[bot]` login): never obeyed, so bots cannot loop. */
  isBot: boolean;
}

/** `pull_request_review_comment`: a comment on lines of the diff, or a reply in such a thread. */
export interface ReviewCommentEvent {
  kind: 'review-comment';
  name: 'pull_request_review_comment';
  /** created, edited, deleted. */
  action: string;
  owner: string;
  repo: string;
  number: number;
  comment: {
    id: number;
    body: string;
    author: CommentAuthor;
    path: string;
    /** Null when the comment is outdated (its lines are no longer in the diff). */
    line: number | null;
    startLine: number | null;
    side: 'LEFT' | 'RIGHT' | null;
    startSide: 'LEFT' | 'RIGHT' | null;
    /** Set for a reply: the thread's first comment. */
    inReplyToId?: number;
    subjectType: 'line' | 'file';
  };
}

/** `issue_comment`: a comment in the conversation of an issue or of a pull request. */
export interface ConversationCommentEvent {
  kind: 'conversation-comment';
  name: 'issue_comment';
  action: string;
  owner: string;
  repo: string;
  /** The issue's (or pull request's) number. */
  number: number;
  /** Plain issues share this event; only pull requests have prompt files to change. */
  onPullRequest: boolean;
  comment: { id: number; body: string; author: CommentAuthor };
}

/** `release`, or a `push` of a tag: the release is gated against the previous one. */
export interface ReleaseEvent {
  kind: 'release';
  name: 'release' | 'push';
  owner: string;
  repo: string;
  /** The tag released or pushed, e.g. `v1.4.0`. */
  tag: string;
  /** The tag's commit: what the workspace holds. */
  sha: string;
  /** GitHub's prerelease flag of a release event; undefined for a pushed tag. */
  prerelease?: boolean;
  /** Set when there is nothing to gate: a draft release, a release or tag deleted. */
  nothingToGate?: string;
}

export interface OtherEvent {
  kind: 'other';
  name: string;
  owner: string;
  repo: string;
  sha: string;
}

interface PullRequestPayload {
  number?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { sha?: unknown; repo?: { full_name?: unknown } | null };
}

export function readEvent(context: Context): ActionEvent {
  const { owner, repo } = context.repo;
  const name = context.eventName ?? '';
  if (name === 'pull_request_review_comment') return readReviewCommentEvent(context);
  if (name === 'issue_comment') return readConversationCommentEvent(context);
  if (name === 'release') return readReleaseEvent(context);
  if (name === 'push' && String(context.payload['ref'] ?? '').startsWith(TAG_REF)) return readTagPushEvent(context);
  if (name !== 'pull_request' && name !== 'pull_request_target') return { kind: 'other', name, owner, repo, sha: context.sha ?? '' };

  const pull = context.payload.pull_request as PullRequestPayload | undefined;
  const number = pull?.number;
  const headSha = pull?.head?.sha;
  const baseSha = pull?.base?.sha;
  if (typeof number !== 'number' || typeof headSha !== 'string' || typeof baseSha !== 'string') {
    throw new InputError(`the ${name} event has no pull request number and shas (GITHUB_EVENT_PATH: ${process.env['GITHUB_EVENT_PATH'] ?? 'unset'})`);
  }
  const headRepo = pull?.head?.repo?.full_name;
  const baseRepo = pull?.base?.repo?.full_name ?? `${owner}/${repo}`;
  return {
    kind: 'pull-request',
    name,
    owner,
    repo,
    number,
    headSha,
    baseSha,
    // A deleted fork leaves head.repo null: that is a fork too.
    fromFork: typeof headRepo !== 'string' || headRepo.toLowerCase() !== String(baseRepo).toLowerCase(),
    headOutsideWorkspace: name === 'pull_request_target',
    actor: context.actor ?? '',
  };
}

const TAG_REF = 'refs/tags/';

/**
 * GitHub sends `published` for every release and prerelease made public, besides `created`, `released`
 * or `prereleased` for the same one: gating on `published` alone gates each release once, however
 * the workflow's `types:` are set.
 */
const GATED_RELEASE_ACTION = 'published';

function readReleaseEvent(context: Context): ReleaseEvent {
  const { owner, repo } = context.repo;
  const release = context.payload['release'] as { tag_name?: unknown; prerelease?: unknown; draft?: unknown } | undefined;
  if (typeof release?.tag_name !== 'string' || release.tag_name === '') {
    throw new InputError(`the release event has no release tag (GITHUB_EVENT_PATH: ${process.env['GITHUB_EVENT_PATH'] ?? 'unset'})`);
  }
  const action = String(context.payload.action ?? '');
  const nothingToGate =
    release.draft === true ? 'the release is a draft (it is gated when it is published)'
    : action !== GATED_RELEASE_ACTION ? `a release is gated when it is published, not ${action || 'changed'} (\`on: release: types: [published]\` runs this job only then)`
    : undefined;
  return {
    kind: 'release',
    name: 'release',
    owner,
    repo,
    tag: release.tag_name,
    sha: context.sha ?? '',
    prerelease: release.prerelease === true,
    ...(nothingToGate ? { nothingToGate } : {}),
  };
}

function readTagPushEvent(context: Context): ReleaseEvent {
  const { owner, repo } = context.repo;
  const tag = String(context.payload['ref']).slice(TAG_REF.length);
  const after = context.payload['after'];
  return {
    kind: 'release',
    name: 'push',
    owner,
    repo,
    tag,
    sha: typeof after === 'string' ? after : context.sha ?? '',
    ...(context.payload['deleted'] === true ? { nothingToGate: 'the tag was deleted' } : {}),
  };
}

interface UserPayload {
  login?: unknown;
  type?: unknown;
}

interface CommentPayload {
  id?: unknown;
  body?: unknown;
  user?: UserPayload | null;
  path?: unknown;
  line?: unknown;
  start_line?: unknown;
  side?: unknown;
  start_side?: unknown;
  in_reply_to_id?: unknown;
  subject_type?: unknown;
}

function readReviewCommentEvent(context: Context): ReviewCommentEvent {
  const { owner, repo } = context.repo;
  const number = (context.payload.pull_request as { number?: unknown } | undefined)?.number;
  const comment = context.payload['comment'] as CommentPayload | undefined;
  if (typeof number !== 'number' || typeof comment?.id !== 'number') {
    throw new InputError(`the pull_request_review_comment event has no pull request number or comment (GITHUB_EVENT_PATH: ${process.env['GITHUB_EVENT_PATH'] ?? 'unset'})`);
  }
  return {
    kind: 'review-comment',
    name: 'pull_request_review_comment',
    action: String(context.payload.action ?? ''),
    owner,
    repo,
    number,
    comment: {
      id: comment.id,
      body: typeof comment.body === 'string' ? comment.body : '',
      author: authorOf(comment.user),
      path: typeof comment.path === 'string' ? comment.path : '',
      line: positiveInteger(comment.line),
      startLine: positiveInteger(comment.start_line),
      side: sideOf(comment.side),
      startSide: sideOf(comment.start_side),
      ...(typeof comment.in_reply_to_id === 'number' ? { inReplyToId: comment.in_reply_to_id } : {}),
      subjectType: comment.subject_type === 'file' ? 'file' : 'line',
    },
  };
}

function readConversationCommentEvent(context: Context): ConversationCommentEvent {
  const { owner, repo } = context.repo;
  const issue = context.payload.issue as { number?: unknown; pull_request?: unknown } | undefined;
  const comment = context.payload['comment'] as CommentPayload | undefined;
  if (typeof issue?.number !== 'number' || typeof comment?.id !== 'number') {
    throw new InputError(`the issue_comment event has no issue number or comment (GITHUB_EVENT_PATH: ${process.env['GITHUB_EVENT_PATH'] ?? 'unset'})`);
  }
  return {
    kind: 'conversation-comment',
    name: 'issue_comment',
    action: String(context.payload.action ?? ''),
    owner,
    repo,
    number: issue.number,
    onPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    comment: { id: comment.id, body: typeof comment.body === 'string' ? comment.body : '', author: authorOf(comment.user) },
  };
}

function authorOf(user: UserPayload | null | undefined): CommentAuthor {
  const login = typeof user?.login === 'string' ? user.login : '';
  const type = typeof user?.type === 'string' ? user.type : '';
  return { login, isBot: isBotAccount({ login, type }) };
}

function sideOf(value: unknown): 'LEFT' | 'RIGHT' | null {
  return value === 'LEFT' || value === 'RIGHT' ? value : null;
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Link to this run's log, for comments. */
export function runUrlOf(context: Context): string | undefined {
  if (!Number.isFinite(context.runId) || !process.env['GITHUB_REPOSITORY']) return undefined;
  return `${context.serverUrl}/${process.env['GITHUB_REPOSITORY']}/actions/runs/${context.runId}`;
}
