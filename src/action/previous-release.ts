// The base side of a release: the prompt files of the previous release, read through the API at its
// tag (the checkout holds only the new one). Which release that is: github/previous-release.ts.
// The files are those `prompts` selects in the previous release's tree, by the same rules as in the
// workspace, so a file removed since is read too and its tests are reported as removed.
import { fetchFilesAt } from '../github/base-contents.js';
import type { GitHubClient } from '../github/octokit.js';
import { isPrerelease, isVersionTag, previousAmongReleases, previousAmongTags } from '../github/previous-release.js';
import { listReleases, listTags } from '../github/releases.js';
import { listFilesAt } from '../github/tree-files.js';
import type { LoadedSuites } from '../pipeline.js';
import { selectPaths } from '../suite/select-paths.js';
import type { Suite } from '../types.js';
import { ActionError } from './action-error.js';
import { githubStep } from './github-step.js';
import type { ReleaseEvent } from './event.js';
import { loadFromTexts } from './suite-sources.js';

const PROMPT_FILE = /\.prompt\.ya?ml$/;
const PERMISSIONS = 'contents: read';

export type PreviousRelease =
  | { found: true; tag: string; loaded: LoadedSuites; notes: string[] }
  /** `why`: a sentence for the log and the report. */
  | { found: false; why: string };

export async function readPreviousRelease(
  octokit: GitHubClient,
  event: ReleaseEvent,
  prompts: string[],
  head: readonly Suite[],
): Promise<PreviousRelease> {
  const repo = { owner: event.owner, repo: event.repo };
  const current = { tag: event.tag, ...(event.prerelease !== undefined ? { prerelease: event.prerelease } : {}) };
  const releases = await githubStep('list the releases', PERMISSIONS, () => listReleases(octokit, repo));
  const prerelease = isPrerelease(current, releases);
  let tag = previousAmongReleases(current, releases, prerelease);
  if (tag === undefined && isVersionTag(event.tag)) {
    const tags = await githubStep('list the tags', PERMISSIONS, () => listTags(octokit, repo));
    tag = previousAmongTags(current, tags, prerelease);
  }
  if (tag === undefined) return { found: false, why: noPreviousWhy(event.tag, prerelease) };

  const listed = await githubStep(`list the files of ${tag}`, PERMISSIONS, () => listFilesAt(octokit, repo, tag));
  if (!listed) {
    throw new ActionError(`the previous release's tag ${tag} is not in the repository, so ${event.tag} cannot be compared with it; restore the tag, or name a results file with the baseline input`);
  }
  const notes: string[] = [];
  const candidates = listed.paths.filter((path) => PROMPT_FILE.test(path) && isPlainRelative(path));
  const selected = await selectPaths(prompts, candidates);
  if (listed.truncated) {
    // The head's own files are read whatever the listing missed; only files removed since may go unseen.
    for (const suite of head) selected.add(suite.file);
    notes.push(`GitHub cut the file list of ${tag} short (too many files), so prompt files removed since ${tag} may not be listed as removed`);
  }
  const paths = [...selected].sort();
  const texts = paths.length === 0 ? new Map<string, string>() : await githubStep(`read the prompt files of ${tag}`, PERMISSIONS, () => fetchFilesAt(octokit, repo, paths, tag));
  return { found: true, tag, loaded: loadFromTexts(texts), notes };
}

function noPreviousWhy(tag: string, prerelease: boolean): string {
  const kind = prerelease ? 'release or prerelease' : 'release (drafts and prereleases are not compared with)';
  const tags = isVersionTag(tag) ? 'nor a lower version tag' : `and ${tag} is no version (such as v1.2.3) to order tags by`;
  return `no earlier ${kind} than ${tag} was found, ${tags}`;
}

/** GitHub's paths are relative already; anything else is refused rather than followed. */
function isPlainRelative(path: string): boolean {
  return !path.startsWith('/') && !path.split('/').some((segment) => segment === '..' || segment === '');
}
