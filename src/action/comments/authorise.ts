// Asking for a suggestion spends the repository's model budget and its API key: only people who
// could push the change themselves may. The collaborators API decides; when it cannot be asked,
// the answer is no (closed, not open).
import { describeGitHubError, type GitHubClient } from '../../github/octokit.js';
import { canWrite, repositoryAccessOf } from '../../github/permission.js';
import type { CommentLog } from './context.js';

export async function mayAskForSuggestions(octokit: GitHubClient, repo: { owner: string; repo: string }, login: string, log: CommentLog): Promise<boolean> {
  try {
    const access = await repositoryAccessOf(octokit, repo, login);
    if (canWrite(access)) return true;
    log.info(`promptgate: ${login} has ${access.role} access; suggestions need write, maintain or admin.`);
    return false;
  } catch (error) {
    log.warning(`could not check ${login}'s permission on the repository (${describeGitHubError(error)}), so the request was not carried out.`);
    return false;
  }
}
