// A parsed prompt file that remembers where every node came from, so that any later problem
// (schema, semantic, placeholder) can point at the exact line and column the user must edit.
// The precise source: yaml's Document locates every node and reports every syntax error.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar } from 'yaml';
import type { Position, Span } from '../types.js';
import { sourceOffsetOf } from './scalar-offsets.js';
import { lastVisibleOffset } from './visible-span.js';
import type { PathSegment, SourceMap } from './source-map.js';

export type { PathSegment } from './source-map.js';

export class YamlSource implements SourceMap {
  readonly text: string;
  readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(text: string) {
    this.text = text;
    this.lines = new LineCounter();
    // prettyErrors would bake a code excerpt into each message; we print file:line:column ourselves.
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  get root(): Node | undefined {
    return this.doc.contents ?? undefined;
  }

  positionAt(offset: number): Position {
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /** Where the node starts; the top of the file for a missing node. */
  startOf(node: Node | undefined): Position {
    if (!node?.range) return { line: 1, column: 1 };
    return this.positionAt(node.range[0]);
  }

  spanOf(node: Node | undefined): Span | undefined {
    if (!node?.range) return undefined;
    const [start, valueEnd] = node.range;
    return { start: this.positionAt(start), end: this.positionAt(lastVisibleOffset(this.text, start, valueEnd)) };
  }

  /** The node at a path of mapping keys and sequence indexes, following aliases. */
  nodeAt(path: readonly PathSegment[]): Node | undefined {
    let node: Node | undefined = this.root;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        node = (findPair(node.items, segment)?.value as Node | null | undefined) ?? undefined;
      } else if (isSeq(node)) {
        node = (node.items[Number(segment)] as Node | undefined) ?? undefined;
      } else {
        return undefined;
      }
    }
    return this.resolve(node);
  }

  /** The key node of `key` in the mapping at `path`, for problems about the key itself (unknown property, duplicate). */
  keyNodeAt(path: readonly PathSegment[], key: string): Node | undefined {
    const map = this.nodeAt(path);
    if (!isMap(map)) return undefined;
    return (findPair(map.items, key)?.key as Node | undefined) ?? undefined;
  }

  /** The deepest node that exists along the path: problems about missing things point at their parent. */
  nearestNodeAt(path: readonly PathSegment[]): Node | undefined {
    for (let length = path.length; length >= 0; length--) {
      const node = this.nodeAt(path.slice(0, length));
      if (node?.range) return node;
    }
    return undefined;
  }

  stringsIn(node: Node): { node: Node; value: string }[] {
    return stringScalars(node).map((scalar) => ({ node: scalar, value: scalar.value }));
  }

  positionInString(node: Node, index: number): Position {
    return this.positionAt(sourceOffsetOf(this.text, node, index));
  }

  private resolve(node: Node | undefined): Node | undefined {
    if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? undefined;
    return node;
  }
}

function findPair(items: Pair<unknown, unknown>[], key: PathSegment): Pair<unknown, unknown> | undefined {
  return items.find((pair) => {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    return String(k) === String(key);
  });
}

function stringScalars(node: Node): Scalar<string>[] {
  if (isScalar(node)) return typeof node.value === 'string' ? [node as Scalar<string>] : [];
  if (isSeq(node)) return node.items.flatMap((item) => (item ? stringScalars(item as Node) : []));
  if (isMap(node)) return node.items.flatMap((pair) => (pair.value ? stringScalars(pair.value as Node) : []));
  return [];
}
