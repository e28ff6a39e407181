// Model output can contain anything. In a terminal, an escape sequence or a bare carriage return
// can rewrite what the reader sees; in XML 1.0 most control characters make the whole file invalid.
// Both reporters show such characters as visible escapes instead.

// C0 controls except tab and line feed, DEL, C1 controls, lone surrogates, and the two noncharacters XML forbids.
const UNSHOWABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Line endings become `\n`; every other control character becomes visible text such as `\x1b` or `\ud800`. */
export function showControlChars(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSHOWABLE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
