import { ActionError } from './action-error.js';

/** A workflow input (or the event) that cannot be used; its message says what to change. */
export class InputError extends ActionError {
  override name = 'InputError';
}
