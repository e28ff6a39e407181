// Webhook payloads for the Action's tests (written to GITHUB_EVENT_PATH), made from GitHub's
// documented examples in @octokit/webhooks-examples with the repository, pull request number,
// shas and people changed to match the GitHub double's setup — so the Action reads the same
// shape it gets on GitHub, not a hand-made guess.
//
//   const server = await startGitHubServer(setup);
//   writeFileSync(eventPath, JSON.stringify(pullRequestEvent(server.setup, { action: 'synchronize' })));
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type {
  IssueCommentCreatedEvent,
  PullRequestOpenedEvent,
  PullRequestReviewCommentCreatedEvent,
  PullRequestSynchronizeEvent,
} from '@octokit/webhooks-types';
import { userFor } from '../github-double/lib/api-shapes.js';

/** The part of the double's setup an event needs; `server.setup` fits. */
export interface EventTarget {
  owner: string;
  repo: string;
  pull: {
    number: number;
    head: { sha: string; ref: string };
    base: { sha: string; ref: string };
    title?: string;
    body?: string;
    author?: string;
    draft?: boolean;
  };
}

export interface EventOptions {
  /** Who triggered the event (default: the pull request's author, or the comment's author). */
  sender?: string;
  /**
   * Replaces `https://api.github.com` in the payload's URLs. Left alone by default, as on a real
   * runner: an Action must call GITHUB_API_URL, not URLs it finds in the payload.
   */
  apiUrl?: string;
}

const EXAMPLE_REPOSITORY = 'Codertocat/Hello-World';
const EXAMPLE_NUMBER = 2;
const DEFAULT_AUTHOR = 'octocat';

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** The first documented example of `name.action` that `preferred` accepts, else the first of that action (undefined: events without actions, as push). */
function example(name: string, action: string | undefined, preferred: (payload: Record<string, unknown>) => boolean): unknown {
  const definition = definitions.find((candidate) => candidate.name === name);
  const examples = ((definition?.examples ?? []) as Record<string, unknown>[]).filter((payload) => payload['action'] === action);
  const found = examples.find(preferred) ?? examples[0];
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}${action === undefined ? '' : `.${action}`} example`);
  return structuredClone(found);
}

/** Rewrites every string of the payload: repository name, pull request URLs, optionally the API host. */
function retarget<T>(value: T, target: EventTarget, options: EventOptions): T {
  const rewrite = (text: string): string => {
    let result = text.split(EXAMPLE_REPOSITORY).join(`${target.owner}/${target.repo}`);
    result = result.replace(
      new RegExp(`/(pulls|pull|issues)/${EXAMPLE_NUMBER}(?=$|[/#?.])`, 'g'),
      (_match, kind: string) => `/${kind}/${target.pull.number}`,
    );
    if (options.apiUrl) result = result.split('https://api.github.com').join(options.apiUrl.replace(/\/+$/, ''));
    return result;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return rewrite(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** Turns the example's user object into `login`'s, keeping its shape. */
function asUser<T extends { login: string; type: string; id: number }>(user: T, login: string): T {
  const renamed = JSON.parse(JSON.stringify(user).split(`/${user.login}`).join(`/${encodeURIComponent(login)}`)) as T;
  renamed.login = login;
  renamed.type = login.endsWith('[bot]') ? 'Bot' : 'User';
  // The same id the double gives this login, so an Action comparing ids sees one person.
  renamed.id = userFor(login, 'https://api.github.com').id;
  return renamed;
}

interface RepositoryLike {
  name: string;
  full_name: string;
  owner: { login: string; type: string; id: number };
}

function retargetRepository(repository: RepositoryLike, target: EventTarget): void {
  repository.name = target.repo;
  repository.full_name = `${target.owner}/${target.repo}`;
  repository.owner = asUser(repository.owner, target.owner);
}

interface PullRequestLike {
  number: number;
  title: string;
  body: string | null;
  draft?: boolean;
  user: { login: string; type: string; id: number };
  head: { sha: string; ref: string; label: string; user: { login: string; type: string; id: number }; repo: RepositoryLike | null };
  base: { sha: string; ref: string; label: string; user: { login: string; type: string; id: number }; repo: RepositoryLike };
}

function retargetPullRequest(pull: PullRequestLike, target: EventTarget): void {
  pull.number = target.pull.number;
  if (target.pull.title !== undefined) pull.title = target.pull.title;
  if (target.pull.body !== undefined) pull.body = target.pull.body;
  if ('draft' in pull) pull.draft = target.pull.draft === true;
  pull.user = asUser(pull.user, target.pull.author ?? DEFAULT_AUTHOR);
  for (const [side, tip] of [
    [pull.head, target.pull.head],
    [pull.base, target.pull.base],
  ] as const) {
    side.sha = tip.sha;
    side.ref = tip.ref;
    side.label = `${target.owner}:${tip.ref}`;
    side.user = asUser(side.user, target.owner);
    if (side.repo) retargetRepository(side.repo, target);
  }
}

function withSender<T extends { sender: { login: string; type: string; id: number } }>(payload: T, login: string): T {
  payload.sender = asUser(payload.sender, login);
  return payload;
}

export interface PullRequestEventOptions extends EventOptions {
  action?: 'opened' | 'synchronize';
  /** For `synchronize`: the head sha before the push (default: a made-up earlier sha). */
  before?: string;
}

/** A `pull_request` event (opened by default, or synchronize) for the double's pull request. */
export function pullRequestEvent(
  target: EventTarget,
  options: PullRequestEventOptions = {},
): PullRequestOpenedEvent | PullRequestSynchronizeEvent {
  const action = options.action ?? 'opened';
  const payload = retarget(
    example('pull_request', action, (candidate) => !('organization' in candidate) && !('installation' in candidate)),
    target,
    options,
  ) as PullRequestOpenedEvent | PullRequestSynchronizeEvent;
  payload.number = target.pull.number;
  retargetPullRequest(payload.pull_request as unknown as PullRequestLike, target);
  retargetRepository(payload.repository as unknown as RepositoryLike, target);
  if (payload.action === 'synchronize') {
    payload.before = options.before ?? '0123456789abcdef0123456789abcdef01234567';
    payload.after = target.pull.head.sha;
  }
  return withSender(payload, options.sender ?? target.pull.author ?? DEFAULT_AUTHOR);
}

export interface IssueCommentEventOptions extends EventOptions {
  comment: { id: number; body: string; author: string };
}

/**
 * An `issue_comment.created` event for a comment on the double's pull request. The documented
 * examples are all on plain issues; GitHub marks a pull request's comment with `issue.pull_request`,
 * which is added here.
 */
export function issueCommentEvent(target: EventTarget, options: IssueCommentEventOptions): IssueCommentCreatedEvent {
  const payload = retarget(
    example('issue_comment', 'created', (candidate) => 'draft' in (candidate['issue'] as object) && !('organization' in candidate)),
    target,
    options,
  ) as IssueCommentCreatedEvent;
  const apiBase = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const pullApiUrl = `${apiBase}/repos/${target.owner}/${target.repo}/pulls/${target.pull.number}`;
  const pullHtmlUrl = `https://github.com/${target.owner}/${target.repo}/pull/${target.pull.number}`;
  const issue = payload.issue as unknown as Record<string, unknown> & { user: { login: string; type: string; id: number } };
  issue['number'] = target.pull.number;
  issue['title'] = target.pull.title ?? issue['title'];
  issue['html_url'] = pullHtmlUrl;
  issue['pull_request'] = {
    url: pullApiUrl,
    html_url: pullHtmlUrl,
    diff_url: `${pullHtmlUrl}.diff`,
    patch_url: `${pullHtmlUrl}.patch`,
    merged_at: null,
  };
  issue.user = asUser(issue.user, target.pull.author ?? DEFAULT_AUTHOR);
  const comment = payload.comment as unknown as Record<string, unknown> & { user: { login: string; type: string; id: number } };
  comment['id'] = options.comment.id;
  comment['body'] = options.comment.body;
  comment['url'] = `${apiBase}/repos/${target.owner}/${target.repo}/issues/comments/${options.comment.id}`;
  comment['html_url'] = `${pullHtmlUrl}#issuecomment-${options.comment.id}`;
  comment.user = asUser(comment.user, options.comment.author);
  retargetRepository(payload.repository as unknown as RepositoryLike, target);
  return withSender(payload, options.sender ?? options.comment.author);
}

export interface ReviewCommentEventOptions extends EventOptions {
  comment: {
    id: number;
    body: string;
    author: string;
    path: string;
    line: number | null;
    side?: 'LEFT' | 'RIGHT';
    /** Set for a reply in an existing thread. */
    in_reply_to_id?: number;
    pull_request_review_id?: number;
  };
}

/** A `pull_request_review_comment.created` event: someone commented in (or replied to) a review thread. */
export function pullRequestReviewCommentEvent(
  target: EventTarget,
  options: ReviewCommentEventOptions,
): PullRequestReviewCommentCreatedEvent {
  const payload = retarget(
    example('pull_request_review_comment', 'created', (candidate) => 'line' in (candidate['comment'] as object)),
    target,
    options,
  ) as PullRequestReviewCommentCreatedEvent;
  const apiBase = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const wanted = options.comment;
  const comment = payload.comment as unknown as Record<string, unknown> & { user: { login: string; type: string; id: number } };
  comment['id'] = wanted.id;
  comment['body'] = wanted.body;
  comment['path'] = wanted.path;
  comment['line'] = wanted.line;
  comment['original_line'] = wanted.line;
  comment['side'] = wanted.side ?? 'RIGHT';
  comment['commit_id'] = target.pull.head.sha;
  comment['original_commit_id'] = target.pull.head.sha;
  comment['url'] = `${apiBase}/repos/${target.owner}/${target.repo}/pulls/comments/${wanted.id}`;
  comment['html_url'] = `https://github.com/${target.owner}/${target.repo}/pull/${target.pull.number}#discussion_r${wanted.id}`;
  if (wanted.pull_request_review_id !== undefined) comment['pull_request_review_id'] = wanted.pull_request_review_id;
  if (wanted.in_reply_to_id !== undefined) comment['in_reply_to_id'] = wanted.in_reply_to_id;
  comment.user = asUser(comment.user, wanted.author);
  retargetPullRequest(payload.pull_request as unknown as PullRequestLike, target);
  retargetRepository(payload.repository as unknown as RepositoryLike, target);
  return withSender(payload, options.sender ?? wanted.author);
}

export interface ReleaseEventOptions extends EventOptions {
  /** published by default. */
  action?: 'published' | 'created' | 'prereleased' | 'released' | 'edited' | 'deleted';
  prerelease?: boolean;
  draft?: boolean;
}

/** A `release` event for `tag` in the double's repository. */
export function releaseEvent(target: EventTarget, tag: string, options: ReleaseEventOptions = {}): Record<string, unknown> {
  const action = options.action ?? 'published';
  const payload = retarget(example('release', action, () => true), target, options) as Record<string, unknown> & {
    release: Record<string, unknown>;
    sender: { login: string; type: string; id: number };
  };
  const release = payload.release;
  const exampleTag = String(release['tag_name']);
  for (const key of ['html_url', 'tarball_url', 'zipball_url']) {
    if (typeof release[key] === 'string') release[key] = (release[key] as string).split(`/${exampleTag}`).join(`/${encodeURIComponent(tag)}`);
  }
  release['tag_name'] = tag;
  release['name'] = tag;
  release['prerelease'] = options.prerelease === true;
  release['draft'] = options.draft === true;
  if (options.draft) release['published_at'] = null;
  retargetRepository(payload['repository'] as RepositoryLike, target);
  return withSender(payload, options.sender ?? target.owner);
}

/** A `push` of the tag `tag` at `sha` (or its deletion) in the double's repository. */
export function tagPushEvent(target: EventTarget, tag: string, sha: string, options: EventOptions & { deleted?: boolean } = {}): Record<string, unknown> {
  const payload = retarget(
    example('push', undefined, (candidate) => String(candidate['ref']).startsWith('refs/tags/') && candidate['deleted'] === (options.deleted === true)),
    target,
    options,
  ) as Record<string, unknown> & { sender: { login: string; type: string; id: number } };
  const exampleRef = String(payload['ref']);
  payload['ref'] = `refs/tags/${tag}`;
  payload['compare'] = String(payload['compare'] ?? '').split(exampleRef).join(`refs/tags/${tag}`);
  if (options.deleted) {
    payload['after'] = '0000000000000000000000000000000000000000';
    payload['before'] = sha;
  } else {
    payload['after'] = sha;
  }
  retargetRepository(payload['repository'] as RepositoryLike, target);
  return withSender(payload, options.sender ?? target.owner);
}
