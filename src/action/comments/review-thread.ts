// A review comment, decided: is it a request promptgate should answer, and about what? Two kinds:
// a reply in the thread of one of promptgate's failure comments (the reply is the critique, the
// failing test is the target), and a comment on a prompt file's lines that starts with the trigger
// word (the critique follows it, the lines are the focus). Anything else is conversation between
// people, and is left alone.
import type { ReviewCommentFacts } from '../../github/replies.js';
import { parseFindingFingerprint } from '../../review/render.js';
import type { ReviewCommentEvent } from '../event.js';
import { critiqueOfReply, parseCommand } from './command.js';

export interface ThreadRequest {
  kind: 'finding' | 'lines';
  /** The thread's first comment: where the reply goes and whose lines a suggestion in it replaces. */
  root: ReviewCommentFacts;
  critique: string;
  /** The trigger word was used: the person clearly asked, so a refusal is worth saying. */
  explicit: boolean;
}

/** What the event's comment would be as the root of its own thread. */
export function factsOfEventComment(event: ReviewCommentEvent): ReviewCommentFacts {
  const { comment } = event;
  return {
    id: comment.id,
    body: comment.body,
    path: comment.path,
    line: comment.line,
    startLine: comment.startLine,
    side: comment.side,
    startSide: comment.startSide,
    authorLogin: comment.author.login,
    authorIsBot: comment.author.isBot,
    subjectType: comment.subjectType,
  };
}

/** A top-level comment: a request only when it starts with the trigger word. */
export function requestOfTopLevelComment(event: ReviewCommentEvent, trigger: string): ThreadRequest | undefined {
  const command = parseCommand(event.comment.body, trigger, { verbRequired: false });
  if (command.kind !== 'suggest') return undefined;
  return { kind: 'lines', root: factsOfEventComment(event), critique: command.critique, explicit: true };
}

/** A reply, once its thread's first comment is known. */
export function requestOfReply(body: string, root: ReviewCommentFacts, trigger: string): ThreadRequest | undefined {
  const command = parseCommand(body, trigger, { verbRequired: false });
  const explicit = command.kind === 'suggest';
  if (isFailureComment(root)) return { kind: 'finding', root, critique: critiqueOfReply(body, trigger), explicit };
  if (explicit) return { kind: 'lines', root, critique: command.critique, explicit };
  return undefined;
}

/** Written by a bot and carrying a finding's fingerprint: one of promptgate's failure comments. */
export function isFailureComment(comment: ReviewCommentFacts): boolean {
  return comment.authorIsBot && parseFindingFingerprint(comment.body) !== undefined;
}
