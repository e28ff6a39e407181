// Who may make promptgate spend model calls on a comment's say-so: people who can push to the
// repository. The collaborators API is the proof; a comment's `author_association` is not (it says
// COLLABORATOR for triage-only people too, and says nothing about fine-grained roles).
import type { GitHubClient } from './octokit.js';
import { httpStatusOf } from './octokit.js';

export interface RepositoryAccess {
  /** `role_name`: admin, maintain, write, triage, read, none, or the name of a custom role. */
  role: string;
  /** `permission`: GitHub's legacy level (admin, write, read, none), where maintain reads as write and triage as read. */
  permission: string;
}

const STANDARD_ROLES = new Set(['admin', 'maintain', 'write', 'triage', 'read', 'none']);
const WRITING_ROLES = new Set(['admin', 'maintain', 'write']);

/** The user's access to the repository; a user GitHub does not know there (404) has none. */
export async function repositoryAccessOf(octokit: GitHubClient, repo: { owner: string; repo: string }, username: string): Promise<RepositoryAccess> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: repo.owner, repo: repo.repo, username });
    const permission = String(data.permission ?? 'none').toLowerCase();
    const roleName = (data as { role_name?: unknown }).role_name;
    return { role: typeof roleName === 'string' && roleName !== '' ? roleName.toLowerCase() : permission, permission };
  } catch (error) {
    if (httpStatusOf(error) === 404) return { role: 'none', permission: 'none' };
    throw error;
  }
}

/**
 * Write, maintain or admin. The fine-grained role decides (triage's legacy level is read, but
 * maintain's is write, so `permission` alone would do too — `role_name` says it plainly); a custom
 * role is judged by the legacy level it is built on.
 */
export function canWrite(access: RepositoryAccess): boolean {
  if (STANDARD_ROLES.has(access.role)) return WRITING_ROLES.has(access.role);
  return access.permission === 'admin' || access.permission === 'write';
}
