// What a secret could leak into, as the tests that look for leaks see it.
import type { GitHubDouble } from '../../support/github-server.js';

/** Everything the GitHub double was sent, minus the Authorization header (which carries the GitHub token, not the API key). */
export function sentToGitHub(github: GitHubDouble): string {
  return JSON.stringify(github.requests.map(({ headers, ...request }) => ({ ...request, headers: { ...headers, authorization: undefined } })));
}

/**
 * The log as a runner shows it: `::add-mask::` commands (core.setSecret) are consumed by the runner,
 * which then masks the value everywhere — they are the one place a key may be written.
 */
export function visibleLog(log: string): string {
  return log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}
