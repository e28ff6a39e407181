// Starts the GitHub double with the prompt pull request fixture and a real Octokit client on it.
import { getOctokit } from '@actions/github';
import { afterEach } from 'vitest';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { startGitHubServer, type GitHubDouble, type GitHubDoubleSetup } from '../support/github-server.js';

export type Octokit = ReturnType<typeof getOctokit>;

const running: GitHubDouble[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A double (closed after the test) and an Octokit client authenticated as github-actions[bot]. */
export async function startDouble(
  overrides: Partial<GitHubDoubleSetup> = {},
): Promise<{ server: GitHubDouble; octokit: Octokit }> {
  const server = await startGitHubServer(promptPullRequestSetup(overrides));
  running.push(server);
  return { server, octokit: getOctokit(server.token, { baseUrl: server.url }) };
}

/** The rejection of a request that must fail, to assert on its status and response. */
export async function failureOf(request: Promise<unknown>): Promise<{
  status: number;
  message: string;
  response: { headers: Record<string, string>; data: unknown };
}> {
  try {
    await request;
  } catch (error) {
    return error as { status: number; message: string; response: { headers: Record<string, string>; data: unknown } };
  }
  throw new Error('expected the request to fail, but it succeeded');
}

/** Sends parameters Octokit's types would refuse, to see how the double treats a buggy client. */
export function sendUntyped(octokit: Octokit, route: string, parameters: Record<string, unknown>): Promise<unknown> {
  return (octokit.request as unknown as (route: string, parameters: Record<string, unknown>) => Promise<unknown>)(route, parameters);
}
