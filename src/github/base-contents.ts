// File texts at a commit, read through the contents API. This works after a shallow checkout (the
// usual `actions/checkout`), and it is how untrusted pull-request files are read without putting
// them on disk.
import type { GitHubClient } from './octokit.js';
import { httpStatusOf } from './octokit.js';

/** Fetches at most this many files at once: polite to the API and still quick. */
const PARALLEL_FETCHES = 4;

/** The text of `path` at `ref`, or undefined when the file does not exist there. */
export async function fetchFileText(
  octokit: GitHubClient,
  file: { owner: string; repo: string; path: string; ref: string },
): Promise<string | undefined> {
  try {
    const response = await octokit.rest.repos.getContent({
      owner: file.owner,
      repo: file.repo,
      path: file.path,
      ref: file.ref,
      // The raw media type returns the bytes themselves, also for files over 1 MB where the JSON form has no content.
      mediaType: { format: 'raw' },
    });
    const data: unknown = response.data;
    if (typeof data === 'string') return data;
    // A directory (or a symlink) at this path is not a prompt file.
    return undefined;
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Texts of `paths` at `ref`; a path missing at that ref is missing from the map. */
export async function fetchFilesAt(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
  paths: string[],
  ref: string,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (let start = 0; start < paths.length; start += PARALLEL_FETCHES) {
    const batch = paths.slice(start, start + PARALLEL_FETCHES);
    const fetched = await Promise.all(batch.map((path) => fetchFileText(octokit, { ...repo, path, ref })));
    batch.forEach((path, index) => {
      const text = fetched[index];
      if (text !== undefined) texts.set(path, text);
    });
  }
  return texts;
}
