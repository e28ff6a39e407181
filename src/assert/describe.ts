// Short, quoted renderings of user text for reasons. JSON quoting makes newlines, tabs and
// trailing spaces visible, which is usually exactly why an exact check failed.

/** Longest slice of model output or user value shown inside a reason. */
const MAX_SHOWN_CHARACTERS = 60;

export function quote(text: string, max = MAX_SHOWN_CHARACTERS): string {
  const codePoints = Array.from(text);
  const shown = codePoints.length > max ? `${codePoints.slice(0, max).join('')}…` : text;
  return JSON.stringify(shown);
}

export function quoteList(items: readonly string[]): string {
  return items.map((item) => quote(item)).join(', ');
}

/** `got "The refund window is…"`, or a plain phrase for an empty output. */
export function gotOutput(output: string): string {
  return output === '' ? 'got an empty output' : `got ${quote(output)}`;
}

/** Characters as people count them in most tools: code points, so an emoji or 日 is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `found at character 12`: 1-based, in code points like characterCount. */
export function foundAt(text: string, utf16Index: number): string {
  return `found at character ${characterCount(text.slice(0, utf16Index)) + 1}`;
}
