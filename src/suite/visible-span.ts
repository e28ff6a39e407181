// Both sources end a span on the node's last visible character, by the same rule.

/**
 * The offset of the last non-blank character before `valueEnd`, or `start`. Block scalars and
 * collections own their trailing line break; the span should end on the last visible character.
 */
export function lastVisibleOffset(text: string, start: number, valueEnd: number): number {
  let last = Math.max(start, valueEnd - 1);
  while (last > start && isBlank(text.charCodeAt(last))) last--;
  return last;
}

/** Exactly /\s/, with a quick answer for the visible ASCII characters nearly every span ends on. */
function isBlank(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return false;
  return /\s/.test(String.fromCharCode(code));
}
