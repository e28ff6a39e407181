// The job summary: the CLI's Markdown report (--markdown) of the run, and on a pull request a section
// comparing the head with the base, so the run page tells the whole story without the PR. It is not
// the pull request's summary comment, which lists findings and stays within a comment's size.
import { fenceCode } from '../report/markdown-safe.js';
import { formatProblems } from '../report/problems.js';
import type { Problem } from '../types.js';
import type { RunnerIo } from './runner-io.js';

export async function writeJobSummary(io: Pick<RunnerIo, 'appendJobSummary' | 'warning'>, markdown: string): Promise<void> {
  try {
    await io.appendJobSummary(markdown);
  } catch (error) {
    // Outside a runner (GITHUB_STEP_SUMMARY unset) there is nowhere to write it; the log still has the verdict.
    io.warning(`could not write the job summary: ${(error as Error).message}`);
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
