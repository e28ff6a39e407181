// The JSON objects the double answers with, shaped like GitHub's (the fields an Action reads, with
// GitHub's names and null conventions), plus the URLs GitHub embeds in them.
import { createHash } from 'node:crypto';
import type { DiffSide } from './diff-hunks.js';

export const WEB_URL = 'https://github.com';
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface ApiUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  type: 'User' | 'Bot';
  site_admin: boolean;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface ReactionRollup {
  url: string;
  total_count: number;
  '+1': number;
  '-1': number;
  laugh: number;
  confused: number;
  heart: number;
  hooray: number;
  rocket: number;
  eyes: number;
}

export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';

export interface ApiReviewComment {
  url: string;
  id: number;
  node_id: string;
  pull_request_review_id: number | null;
  diff_hunk: string;
  path: string;
  position: number | null;
  original_position: number | null;
  commit_id: string;
  original_commit_id: string;
  in_reply_to_id?: number;
  user: ApiUser;
  body: string;
  created_at: string;
  updated_at: string;
  html_url: string;
  pull_request_url: string;
  author_association: AuthorAssociation;
  _links: { self: { href: string }; html: { href: string }; pull_request: { href: string } };
  start_line: number | null;
  original_start_line: number | null;
  start_side: DiffSide | null;
  line: number | null;
  original_line: number | null;
  side: DiffSide | null;
  subject_type: 'line' | 'file';
  reactions: ReactionRollup;
}

export interface ApiIssueComment {
  url: string;
  html_url: string;
  issue_url: string;
  id: number;
  node_id: string;
  user: ApiUser;
  created_at: string;
  updated_at: string;
  body: string;
  author_association: AuthorAssociation;
  performed_via_github_app: { id: number; slug: string; name: string } | null;
  reactions: ReactionRollup;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';

export interface ApiReview {
  id: number;
  node_id: string;
  user: ApiUser;
  body: string;
  state: ReviewState;
  html_url: string;
  pull_request_url: string;
  author_association: AuthorAssociation;
  _links: { html: { href: string }; pull_request: { href: string } };
  submitted_at?: string;
  commit_id: string;
}

export interface ApiReaction {
  id: number;
  node_id: string;
  user: ApiUser;
  content: ReactionContent;
  created_at: string;
}

/** Stable fake id for a login, so the same user keeps the same id across requests and runs. */
function idFor(login: string): number {
  if (login === ACTIONS_BOT_LOGIN) return 41898282;
  return createHash('sha1').update(login).digest().readUInt32BE(0) % 90_000_000 + 1_000_000;
}

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

export function userFor(login: string, apiUrl: string): ApiUser {
  const isBot = login.endsWith('[bot]');
  const id = idFor(login);
  const appSlug = login.replace(/\[bot\]$/, '');
  return {
    login,
    id,
    node_id: nodeId(isBot ? 'Bot' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/${isBot ? `in/${id}` : `u/${id}`}?v=4`,
    gravatar_id: '',
    url: `${apiUrl}/users/${encodeURIComponent(login)}`,
    html_url: isBot ? `${WEB_URL}/apps/${appSlug}` : `${WEB_URL}/${login}`,
    type: isBot ? 'Bot' : 'User',
    site_admin: false,
  };
}

export function emptyReactions(url: string): ReactionRollup {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, rocket: 0, eyes: 0 };
}

/** git's blob id, what GitHub reports as a file's `sha`. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
