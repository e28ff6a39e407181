// Helpers for putting untrusted text (model output, reasons that quote it, provider errors) into
// GitHub-flavoured Markdown. The same text goes into job summaries and PR comments, where a stray
// `@user` pings someone, `#12` links an unrelated issue and a `[link](…)` can dress up anything.
// Each helper also shows control and bidi characters as visible escapes (`\x1b`, `\u202e`): GitHub
// renders them invisibly, and a bidi override makes text read differently from what it is.
import { escapeHiddenChars } from './control-chars.js';

// Zero-width joiner: invisible when rendered, but it stops GitHub's autolinkers (mentions, issue
// references, bare URLs), which only fire when the characters are adjacent.
const ZWJ = '\u200D';

/**
 * A fenced code block that the text cannot close early: the fence is one backtick longer than the
 * longest backtick run inside (at least three).
 */
export function fenceCode(text: string, lang = ''): string {
  const body = escapeHiddenChars(text);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  // An info string may not contain backticks or line breaks; keep only what a language name needs.
  const info = lang.replace(/[^\w+#.-]/g, '');
  const newline = body === '' || body.endsWith('\n') ? '' : '\n';
  return `${fence}${info}\n${body}${newline}${fence}`;
}

/**
 * Inline code that the text cannot close early (same rule as fences, one backtick minimum).
 * Useful for paths and vars; GitHub does not autolink mentions or references inside code.
 */
export function inlineCode(text: string): string {
  const flat = escapeHiddenChars(text.replace(/\r\n?|\n/g, ' '));
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  // A space is needed when the content starts or ends with a backtick; CommonMark strips one on each side.
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/**
 * Makes text safe to show outside a fence, keeping it readable once rendered: no mention pings,
 * no raw HTML (tags and comments show as text), no forged links, issue references or block
 * structure (headings, lists, quotes) coming from the text itself.
 */
export function neutralizeMarkdown(text: string): string {
  return (
    escapeHiddenChars(text)
      // Entities first, so the ones added below are not escaped twice.
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Inline syntax: emphasis, code spans (which could pair with our own backticks), link brackets, math.
      .replace(/[\\`*_~[\]$]/g, '\\$&')
      // Block syntax only counts at the start of a line (after up to three spaces).
      .replace(/^( {0,3})([#+=-])/gm, '$1\\$2')
      .replace(/^( {0,3}\d{1,9})([.)])/gm, '$1\\$2')
      // Autolinks that work on the rendered text: mentions (and e-mail addresses), issue references, bare URLs.
      .replace(/@(?=[\w-])/g, `@${ZWJ}`)
      .replace(/#(?=\d)/g, `#${ZWJ}`)
      .replace(/\b(gh)-(?=\d)/gi, `$1${ZWJ}-`)
      .replace(/:\/\//g, `:${ZWJ}//`)
      .replace(/\b(www)\./gi, `$1${ZWJ}.`)
  );
}

/**
 * Makes text fit one GFM table cell: pipes are escaped and line breaks become `<br>`. Only the table
 * structure is handled: pass text that is already safe (your own, or `neutralizeMarkdown`'s output).
 */
export function escapeTableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r\n?|\n/g, '<br>');
}

/**
 * Shortens text to at most `maxChars` UTF-16 code units, saying how many were cut. Never splits a
 * surrogate pair. When `maxChars` is too small for the note, the text is cut without one.
 */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const limit = Math.max(0, Math.floor(maxChars));
  // Size the note for the largest count it could report, so the real (shorter or equal) note always fits.
  const keep = limit - cutNote(text.length).length;
  if (keep <= 0) return text.slice(0, safeCut(text, limit));
  const end = safeCut(text, keep);
  return text.slice(0, end) + cutNote(text.length - end);
}

function cutNote(cut: number): string {
  return `… [${cut} more character${cut === 1 ? '' : 's'}]`;
}

/** The largest index ≤ `end` that does not fall between the two halves of a surrogate pair. */
function safeCut(text: string, end: number): number {
  if (end <= 0) return 0;
  if (end >= text.length) return text.length;
  const before = text.charCodeAt(end - 1);
  return before >= 0xd800 && before <= 0xdbff ? end - 1 : end;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
