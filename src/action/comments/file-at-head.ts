// A prompt file as the pull request's head has it, read through the contents API. The workspace
// of a comment-triggered run holds the default branch, not the pull request; and the pull request
// may come from anyone, so its file is only ever data: parsed in memory, never written or executed.
import { fetchFileText } from '../../github/base-contents.js';
import type { GitHubClient } from '../../github/octokit.js';
import { hasErrors } from '../../pipeline.js';
import { loadSuite } from '../../suite/load.js';
import type { Suite } from '../../types.js';
import { fileHasProblems, missingAtHead } from './messages.js';

export type FileAtHead = { ok: true; path: string; text: string; suite: Suite } | { ok: false; path: string; message: string };

export async function readFileAtHead(octokit: GitHubClient, repo: { owner: string; repo: string }, path: string, headSha: string): Promise<FileAtHead> {
  const text = await fetchFileText(octokit, { ...repo, path, ref: headSha });
  if (text === undefined) return { ok: false, path, message: missingAtHead(path, headSha) };
  return checkFile(path, text, headSha);
}

export function checkFile(path: string, text: string, headSha: string): FileAtHead {
  const { suite, problems } = loadSuite(path, text);
  if (!suite || hasErrors(problems)) return { ok: false, path, message: fileHasProblems(path, headSha, problems) };
  return { ok: true, path, text, suite };
}
