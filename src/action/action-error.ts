/** A failure whose message is written for the workflow's author: shown as is, without a stack. */
export class ActionError extends Error {
  override name = 'ActionError';
}
