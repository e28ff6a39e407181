// A GitHub call that the run cannot go on without: its failure becomes one line saying what could
// not be done, GitHub's answer, and what to do (wait out a rate limit; else check the token).
import { describeGitHubError } from '../github/octokit.js';
import { describeRateLimit, rateLimitOf } from '../github/rate-limit.js';
import { ActionError } from './action-error.js';

export async function githubStep<T>(what: string, permissions: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const limit = rateLimitOf(error);
    const advice = limit ? describeRateLimit(limit) : `check the github-token input and that the job has \`permissions: ${permissions}\``;
    throw new ActionError(`could not ${what} (${describeGitHubError(error)}); ${advice}`, { cause: error });
  }
}
