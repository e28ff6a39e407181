// What every step of answering a comment needs, handed in by main.ts: this folder never reads
// inputs or the environment itself, and logs through `log` so it can be driven without a runner.
import type { GitHubClient } from '../../github/octokit.js';
import type { ActionInputs, SuggestInputs } from '../inputs.js';
import type { Redactor } from '../../redact.js';
import type { RunnerIo } from '../runner-io.js';
import type { ActionSettings } from '../run-settings.js';

/** The runner's log, as the comment flows write to it. */
export type CommentLog = Pick<RunnerIo, 'info' | 'warning'>;

export interface CommentContext {
  octokit: GitHubClient;
  inputs: ActionInputs;
  suggest: SuggestInputs;
  settings: ActionSettings;
  redact: Redactor;
  log: CommentLog;
  runUrl?: string;
}
