// Where yaml says a node's value ends, which is where its span ends (after trimming blanks).
//
// For scalars and flow collections that is the end of their text. A block collection ends where
// its last value ends, and yaml's parser hands some of the comments after that value to it: a
// comment on the value's own line; following comment lines indented deeper than the innermost
// collection; and a run of other comment lines that stays inside one of the inner collections as
// they close (a closing collection passes pending comments outwards only if they are all less
// indented than it, or it sits at column 0). This module reproduces that, and gives up on the
// cases it does not model (comments after an empty value).
import { abandon } from './abandon.js';
import type { PositionNode } from './position-tree.js';
import { columnOf } from './text-position.js';

interface CommentLine {
  indent: number;
  /** Offset of the line break ending the comment (or of the end of the text). */
  end: number;
}

export function valueEndOf(text: string, node: PositionNode): number {
  if (!isBlockCollection(node)) return node.end;
  let leaf = lastValueOf(node);
  while (isBlockCollection(leaf)) leaf = lastValueOf(leaf);

  let end = leaf.end;
  let p = leaf.end;
  while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
  const takesComments = leaf.style !== 'empty' && leaf.style !== 'block-scalar';
  if (text.charCodeAt(p) === 0x23 /* # */) {
    if (!takesComments) abandon('a comment after an empty value');
    end = lineEnd(text, p);
    p = end;
  }

  const comments = commentLinesFrom(text, p);
  if (comments.length === 0) return end;
  if (leaf.style === 'empty') abandon('comments after an empty value');

  // The block collections that close together with `node`, outermost first.
  const closing: PositionNode[] = [node];
  for (let inner = lastValueOf(node); isBlockCollection(inner); inner = lastValueOf(inner)) closing.push(inner);
  let next = 0;
  if (takesComments) {
    const innermostIndent = columnOf(text, closing[closing.length - 1]!.start);
    while (next < comments.length && comments[next]!.indent > innermostIndent) end = comments[next++]!.end;
  }
  const pending = comments.slice(next);
  if (pending.length === 0) return end;
  const deepest = Math.max(...pending.map((comment) => comment.indent));
  for (let i = closing.length - 1; i >= 1; i--) {
    const indent = columnOf(text, closing[i]!.start);
    if (indent !== 0 && deepest >= indent) return pending[pending.length - 1]!.end;
  }
  return end;
}

function isBlockCollection(node: PositionNode): boolean {
  return node.style === 'block-map' || node.style === 'block-seq';
}

function lastValueOf(node: PositionNode): PositionNode {
  // A mapping's children end with its last value, a sequence's with its last item.
  return node.children![node.children!.length - 1]!;
}

/** The blank and comment lines after the line ending at `offset`, up to the next content. */
function commentLinesFrom(text: string, offset: number): CommentLine[] {
  let found: CommentLine[] | undefined;
  let newline = text.indexOf('\n', offset);
  while (newline !== -1) {
    let p = newline + 1;
    while (text.charCodeAt(p) === 0x20) p++;
    const ch = text.charCodeAt(p);
    if (ch === 0x23 /* # */) {
      const end = lineEnd(text, p);
      (found ??= []).push({ indent: p - newline - 1, end });
      newline = text.indexOf('\n', end);
    } else if (ch === 0x0a || ch === 0x0d) {
      newline = text.indexOf('\n', p);
    } else {
      break;
    }
  }
  return found ?? NO_COMMENTS;
}

const NO_COMMENTS: CommentLine[] = [];

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}
