// Model output can contain anything. In a terminal, an escape sequence or a bare carriage return
// can rewrite what the reader sees; in XML 1.0 most control characters make the whole file invalid;
// anywhere, a bidirectional control can make text read differently from what it is ("trojan
// source"), and it shows nothing of itself. Every reporter shows such characters as visible escapes.

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls; the bidirectional
// controls (marks U+061C, U+200E/F; embeddings and overrides U+202A–E; isolates U+2066–9); the two
// noncharacters XML forbids; lone surrogates.
const HIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Without the g flag: test() then keeps no position between calls.
const HIDDEN_ANY = new RegExp(HIDDEN.source);

/**
 * Every hidden character (see HIDDEN) as visible text such as `\x1b` or `\u202e`. Tab, line feed
 * and carriage return are left as they are, for the caller to decide what a line break is.
 */
export function escapeHiddenChars(text: string): string {
  return text.replace(HIDDEN, escapeChar);
}

/** True when escapeHiddenChars would change `text`. */
export function hasHiddenChars(text: string): boolean {
  return HIDDEN_ANY.test(text);
}

/** Line endings become `\n`; every other control or bidi character becomes visible text such as `\x1b` or `\u202e`. */
export function showControlChars(text: string): string {
  return escapeHiddenChars(text.replace(/\r\n?/g, '\n'));
}

/** `\x1b` for a character up to U+00FF, `\u202e` above. */
export function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
