// Which files of a pull request promptgate runs: prompt files that the `prompts` input selects,
// decided by the very discovery rules the CLI applies to a directory, glob or file list.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PullFile } from '../github/pull-files.js';
import { discoverPromptFiles } from '../suite/discover.js';

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
  const selected = await matchDiscovery(candidates.map((file) => file.filename), prompts);
  return candidates
    .filter((file) => selected.has(file.filename))
    .map((file) => ({
      path: file.filename,
      status: file.status,
      ...(file.status === 'added' ? {} : { basePath: file.status === 'renamed' && file.previousFilename ? file.previousFilename : file.filename }),
      ...(file.patch !== undefined ? { patch: file.patch } : {}),
    }));
}

/**
 * Runs discovery over an empty stand-in tree holding just these paths, so a directory, a glob or a
 * file named in `prompts` selects exactly what `promptgate run` would. The pull request's files
 * themselves are never written anywhere: the stand-ins are empty.
 */
async function matchDiscovery(paths: string[], prompts: string[]): Promise<Set<string>> {
  const root = await mkdtemp(join(tmpdir(), 'promptgate-select-'));
  try {
    for (const path of paths) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), '');
    }
    // Problems ("matches no files") only mean that this input selects none of the changed files.
    const { files } = await discoverPromptFiles(prompts, root);
    return new Set(files);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** GitHub's file names are relative already; anything else is refused rather than followed. */
function isPlainRelative(path: string): boolean {
  return !path.startsWith('/') && !path.split('/').some((segment) => segment === '..' || segment === '');
}
