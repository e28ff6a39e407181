// A parsed prompt file that remembers where every node came from, so that any later problem
// (schema, semantic, placeholder) can point at the exact line and column the user must edit.
// The precise source: yaml's Document locates every node and reports every syntax error.
import { Composer, LineCounter, Parser, YAMLParseError, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { CST, Document, Node, Pair, Scalar } from 'yaml';
import type { Position, Span } from '../types.js';
import { firstTooDeep, tooDeepMessage } from './nesting.js';
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
    // What parseDocument does, with a look at the syntax tree in between: a file nested too deeply
    // for the recursive steps after it is refused before them. yaml's parser itself uses no recursion.
    const tokens: CST.Token[] = [...new Parser(this.lines.addNewLine).parse(text)];
    const tooDeep = firstTooDeep(tokens);
    if (tooDeep !== undefined) {
      this.doc = parseDocument('', PARSE_OPTIONS);
      this.doc.errors.push(new YAMLParseError([tooDeep, tooDeep + 1], 'RESOURCE_EXHAUSTION', tooDeepMessage()));
      return;
    }
    this.doc = composeOne(tokens, text.length);
  }

  /**
   * The document as plain data, or why it cannot be: yaml refuses to expand aliases that would
   * grow enormously (the "billion laughs" attack), and says so only with an exception.
   */
  toData(): { ok: true; data: unknown } | { ok: false; position: Position; message: string } {
    try {
      return { ok: true, data: this.doc.toJS() };
    } catch (error) {
      if (!/alias count/i.test((error as Error).message)) {
        return { ok: false, position: this.startOf(this.root), message: `the YAML cannot be read: ${(error as Error).message}` };
      }
      let firstAlias: Node | undefined;
      visit(this.doc, {
        Alias: (_key, node) => {
          firstAlias = node;
          return visit.BREAK;
        },
      });
      return {
        ok: false,
        // Where the copying starts: the first alias.
        position: this.startOf(firstAlias ?? this.root),
        message:
          'the aliases (*name) in this file expand to too much data (promptgate refuses more than about 100 copies of an anchor, which guards against "billion laughs" files); write the values out, or use fewer aliases',
      };
    }
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

// prettyErrors would bake a code excerpt into each message; we print file:line:column ourselves.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/** One document, as parseDocument composes it: a second one is an error, not a second result. */
function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  const composer = new Composer(PARSE_OPTIONS);
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    break;
  }
  // compose(…, true) always ends with a document.
  return doc!;
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
