// What every step of answering a comment needs, handed in by main.ts: this folder never reads
// inputs or the environment itself, and logs through `log` so it can be driven without a runner.
import type { GitHubClient } from '../../github/octokit.js';
import type { ActionInputs, SuggestInputs } from '../inputs.js';
import type { Redactor } from '../../redact.js';
import type { ActionSettings } from '../run-settings.js';

export interface FeedbackLog {
  info(message: string): void;
  warning(message: string): void;
}

export interface FeedbackContext {
  octokit: GitHubClient;
  inputs: ActionInputs;
  suggest: SuggestInputs;
  settings: ActionSettings;
  redact: Redactor;
  log: FeedbackLog;
  runUrl?: string;
}
