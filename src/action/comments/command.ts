// What a comment asks for, read from its text alone. The trigger word must open the comment (after
// blank space): a command quoted or mentioned in passing further down is conversation, not an order.

export type ParsedCommand =
  /** The comment does not start with the trigger word. */
  | { kind: 'none' }
  /** `<trigger> suggest <critique>` (or `<trigger> <critique>` where `suggest` is implied). */
  | { kind: 'suggest'; critique: string }
  /** `<trigger> <word>` that is not a command this action knows (in the conversation). */
  | { kind: 'unknown'; word: string };

export const SUGGEST_VERB = 'suggest';

/**
 * In the conversation the verb is required (`/promptgate suggest …`): everything else is answered
 * with a hint, since a PR conversation is where other commands would go one day. On a prompt
 * file's lines the comment is about those lines, so the verb may be left out.
 */
export function parseCommand(body: string, trigger: string, options: { verbRequired: boolean }): ParsedCommand {
  const text = body.replace(/^\s+/, '');
  if (!startsWithWord(text, trigger)) return { kind: 'none' };
  const rest = text.slice(trigger.length).replace(/^[ \t]+/, '');
  const verb = /^(\S+)/.exec(rest)?.[1] ?? '';
  if (verb.toLowerCase() === SUGGEST_VERB) return { kind: 'suggest', critique: critiqueOf(rest.slice(verb.length)) };
  if (options.verbRequired) return { kind: 'unknown', word: verb };
  return { kind: 'suggest', critique: critiqueOf(rest) };
}

/** The critique in a reply that needs no trigger word (a reply to a failure comment); an explicit command is unwrapped. */
export function critiqueOfReply(body: string, trigger: string): string {
  const command = parseCommand(body, trigger, { verbRequired: false });
  return command.kind === 'suggest' ? command.critique : critiqueOf(body);
}

/**
 * The critique as the model should read it: quoted lines (GitHub's "Quote reply" puts the comment
 * being answered there) are someone else's words, so they are dropped.
 */
export function critiqueOf(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s{0,3}>/.test(line))
    .join('\n')
    .trim();
}

function startsWithWord(text: string, word: string): boolean {
  if (text.slice(0, word.length).toLowerCase() !== word.toLowerCase()) return false;
  const next = text.charAt(word.length);
  return next === '' || /\s/.test(next);
}
