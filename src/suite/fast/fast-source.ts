// The fast path's SourceMap: node lookups and spans from the light position tree. It answers
// exactly as YamlSource would for everything a problem-free file needs (spans of messages, tests
// and assertions, node lookups); the questions only problems ask — where an empty value or a
// character inside a string sits — end the fast path, as any problem does.
import type { Position, Span } from '../../types.js';
import type { PathSegment, SourceMap } from '../source-map.js';
import { lastVisibleOffset } from '../visible-span.js';
import { abandon } from './abandon.js';
import { isMapping, keyOf } from './position-tree.js';
import type { PositionNode } from './position-tree.js';
import { valueEndOf } from './span-end.js';

export class FastSource implements SourceMap {
  private lineStarts: number[] | undefined;
  private lastLine = 0;

  constructor(
    readonly text: string,
    readonly root: PositionNode,
  ) {}

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    // Spans are asked for in file order, so the line is usually the last one found or just after it.
    let line = this.lastLine;
    if (starts[line]! > clamped || (line + 1 < starts.length && starts[line + 1]! <= clamped)) line = lineIndexOf(starts, clamped);
    this.lastLine = line;
    return { line: line + 1, column: clamped - starts[line]! + 1 };
  }

  startOf(node: PositionNode | undefined): Position {
    if (!node) return { line: 1, column: 1 };
    return this.positionAt(located(node).start);
  }

  spanOf(node: PositionNode | undefined): Span | undefined {
    if (!node) return undefined;
    const { start } = located(node);
    const last = lastVisibleOffset(this.text, start, valueEndOf(this.text, node));
    return { start: this.positionAt(start), end: this.positionAt(last) };
  }

  nodeAt(path: readonly PathSegment[]): PositionNode | undefined {
    let node: PositionNode | undefined = this.root;
    for (let depth = 0; depth < path.length && node; depth++) node = childOf(node, path[depth]!);
    return node;
  }

  keyNodeAt(path: readonly PathSegment[], key: string): PositionNode | undefined {
    const map = this.nodeAt(path);
    const index = map && isMapping(map) ? keyIndex(map, key) : -1;
    return index === -1 ? undefined : map!.children![index];
  }

  nearestNodeAt(path: readonly PathSegment[]): PositionNode | undefined {
    for (let length = path.length; length >= 0; length--) {
      const node = this.nodeAt(path.slice(0, length));
      if (node) return node;
    }
    return undefined;
  }

  stringsIn(node: PositionNode): { node: PositionNode; value: string }[] {
    const children = node.children;
    if (!children) return typeof node.value === 'string' ? [{ node, value: node.value }] : [];
    // Mapping values, not keys.
    const step = isMapping(node) ? 2 : 1;
    const strings: { node: PositionNode; value: string }[] = [];
    for (let i = step - 1; i < children.length; i += step) strings.push(...this.stringsIn(children[i]!));
    return strings;
  }

  positionInString(): Position {
    return abandon('a position inside a string is only wanted for a problem');
  }
}

/** Like yaml's lookup: a mapping key matches its text, a sequence takes an index. */
function childOf(node: PositionNode, segment: PathSegment): PositionNode | undefined {
  if (!node.children) return undefined;
  if (!isMapping(node)) return node.children[Number(segment)];
  const index = keyIndex(node, typeof segment === 'string' ? segment : String(segment));
  return index === -1 ? undefined : node.children[index + 1];
}

/** Where the key node of `key` sits in a mapping's children; -1 when it has no such key. */
function keyIndex(map: PositionNode, key: string): number {
  const pairs = map.children!;
  for (let i = 0; i < pairs.length; i += 2) if (keyOf(pairs[i]!) === key) return i;
  return -1;
}

function located(node: PositionNode): PositionNode {
  if (node.style === 'empty') abandon('the position of an empty value is only wanted for a problem');
  return node;
}

/** The index of the last line start at or before the offset. */
function lineIndexOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) starts.push(newline + 1);
  return starts;
}
