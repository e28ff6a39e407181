// What triggered the run, reduced to the facts promptgate acts on. Only numbers, shas and names
// are taken from the event payload — never its URLs: API calls go to GITHUB_API_URL.
import type { context as actionContext } from '@actions/github';
import { InputError } from './input-error.js';

type Context = typeof actionContext;

export type ActionEvent = PullRequestEvent | OtherEvent;

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

/** Link to this run's log, for comments. */
export function runUrlOf(context: Context): string | undefined {
  if (!Number.isFinite(context.runId) || !process.env['GITHUB_REPOSITORY']) return undefined;
  return `${context.serverUrl}/${process.env['GITHUB_REPOSITORY']}/actions/runs/${context.runId}`;
}
