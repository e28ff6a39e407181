// Which files of a pull request promptgate runs: prompt files that the `prompts` input selects,
// decided by the very discovery rules the CLI applies to a directory, glob or file list, over the
// list of changed files alone (suite/select-paths.ts): nothing is written or read.
import type { PullFile } from '../github/pull-files.js';
import { selectPaths } from '../suite/select-paths.js';

const PROMPT_FILE = /\.prompt\.ya?ml$/;

/** A changed prompt file to run at the head (removed files are not among them). */
export interface ChangedPrompt {
  path: string;
  status: string;
  /** Where its earlier version lives at the base: the old name of a renamed file. Undefined for an added file. */
  basePath?: string;
  patch?: string;
}

export async function selectChangedPrompts(files: PullFile[], prompts: string[]): Promise<ChangedPrompt[]> {
  const candidates = files.filter((file) => file.status !== 'removed' && PROMPT_FILE.test(file.filename) && isPlainRelative(file.filename));
  if (candidates.length === 0) return [];
  const selected = await selectPaths(prompts, candidates.map((file) => file.filename));
  return candidates
    .filter((file) => selected.has(file.filename))
    .map((file) => ({
      path: file.filename,
      status: file.status,
      ...(file.status === 'added' ? {} : { basePath: file.status === 'renamed' && file.previousFilename ? file.previousFilename : file.filename }),
      ...(file.patch !== undefined ? { patch: file.patch } : {}),
    }));
}

/** GitHub's file names are relative already; anything else is refused rather than followed. */
function isPlainRelative(path: string): boolean {
  return !path.startsWith('/') && !path.split('/').some((segment) => segment === '..' || segment === '');
}
