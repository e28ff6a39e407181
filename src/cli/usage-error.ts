/** A mistake in how promptgate was called: reported as one line and exit code 2, never with a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
