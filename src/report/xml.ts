// Escaping for hand-written XML 1.0. Model output can hold anything, and one character XML 1.0
// forbids (most control characters, lone surrogates) makes the whole file unreadable to CI tools,
// so those become visible escapes first.
import { showControlChars } from './control-chars.js';

/** Text content. Escaping `>` as well means `]]>` can never appear. */
export function xmlText(text: string): string {
  return showControlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value for double quotes; tabs and line breaks as references, or parsers turn them into spaces. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
