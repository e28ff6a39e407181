/** Exit codes are part of the CLI's contract: CI scripts branch on them. Documented in the README. */
export const ExitCode = {
  /** Every test passed (or there was nothing to run). */
  Ok: 0,
  /** An assertion failed or a pass-rate threshold was not met. */
  Failed: 1,
  /** Invalid input or usage; nothing was sent to a model. */
  InvalidInput: 2,
  /** Some cases could not be evaluated because the provider kept failing. */
  ProviderErrors: 3,
  /** A bug in promptgate itself. */
  Internal: 4,
  /**
   * A report file could not be written at the end of the run (a full disk, a permission taken
   * away): an I/O error, not a verdict on the prompts. The other report files were written.
   */
  ReportNotWritten: 5,
  /** Interrupted (Ctrl-C, SIGINT); results so far were written. */
  Interrupted: 130,
  /** Stopped by SIGTERM (what CI sends when a job is cancelled); results so far were written. */
  Terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
