// Maps a character of a scalar's parsed value back to its offset in the source text, so that a
// placeholder deep inside a block scalar can be reported on its own line and column.
//
// The parsed value differs from the source by indentation, line folding, quotes and escapes, but
// every visible character keeps its order; walking both strings side by side and skipping what
// the source adds is exact for block scalars and single-line scalars, and close for the rest.
import { isScalar } from 'yaml';
import type { Node } from 'yaml';

export function sourceOffsetOf(text: string, node: Node, index: number): number {
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return node.range?.[0] ?? 0;
  const [start, end] = node.range;
  const value = node.value;
  if (index < 0 || index >= value.length) return start;

  const doubleQuoted = node.type === 'QUOTE_DOUBLE';
  const singleQuoted = node.type === 'QUOTE_SINGLE';
  let p = bodyStart(text, start, node.type);

  for (let i = 0; i <= index; i++) {
    const ch = value[i]!;
    for (;;) {
      if (p >= end) return start;
      const s = text[p]!;
      if (doubleQuoted && s === '\\') {
        const next = text[p + 1];
        if (next === '\n' || next === '\r') {
          // An escaped line break produces nothing: skip it and the next line's indentation.
          p += 2;
          while (p < end && /[ \t\r\n]/.test(text[p]!)) p++;
          continue;
        }
        // `\U0001F600` stands for two UTF-16 code units of the value.
        const produced = next === 'U' && parseInt(text.slice(p + 2, p + 10), 16) > 0xffff ? 2 : 1;
        if (i === index || (produced === 2 && i + 1 === index)) return p;
        i += produced - 1;
        p += escapeLength(next);
        break;
      }
      if (singleQuoted && s === "'" && text[p + 1] === "'") {
        if (i === index) return p;
        p += 2;
        break;
      }
      if (s === ch) {
        if (i === index) return p;
        p++;
        break;
      }
      if (/[ \t\r\n]/.test(s)) {
        // Indentation or a folded line break: it produced this whitespace character, or nothing.
        if (/\s/.test(ch)) {
          if (i === index) return p;
          p++;
          break;
        }
        p++;
        continue;
      }
      return start;
    }
  }
  return start;
}

function bodyStart(text: string, start: number, type: string | undefined): number {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return start + 1;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // The header line (`|`, `>-`, `|2  # comment`) holds no content.
    const newline = text.indexOf('\n', start);
    return newline === -1 ? text.length : newline + 1;
  }
  return start;
}

function escapeLength(code: string | undefined): number {
  if (code === 'x') return 4;
  if (code === 'u') return 6;
  if (code === 'U') return 10;
  return 2;
}
