// The job summary: the same Markdown as the pull request's summary comment (or, outside pull
// requests, the CLI's Markdown report), so the run page tells the whole story without the PR.
import * as core from '@actions/core';
import { fenceCode } from '../report/markdown-safe.js';
import { formatProblems } from '../report/problems.js';
import type { Problem } from '../types.js';
import * as log from './log.js';

export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    // Outside a runner (GITHUB_STEP_SUMMARY unset) there is nowhere to write it; the log still has the verdict.
    log.warning(`could not write the job summary: ${(error as Error).message}`);
  }
}

/** Markdown for a run stopped by invalid prompt files: nothing was sent to the model. */
export function problemsMarkdown(problems: Problem[]): string {
  return [
    '## ❌ promptgate: the prompt files have problems',
    'Nothing was sent to the model. Fix these, or run `npx promptgate validate` locally to check the files alone:',
    fenceCode(formatProblems(problems, { color: false })),
  ].join('\n\n');
}

/** A run with nothing to do still says so, in one line. */
export function noteMarkdown(note: string): string {
  return `## promptgate\n\n${note}`;
}
