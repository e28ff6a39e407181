// What the readers and checks need from a parsed prompt file: the node at a path and where any
// node sits in the text. Two parsers provide it: the precise one (yaml's Document, every node and
// error located) and the fast one (js-yaml plus a light position tree) that is used only for files
// it can read exactly as the precise one would — see load.ts.
import type { Position, Span } from '../types.js';

export type PathSegment = string | number;

/** A node of the parsed file. Opaque: only the SourceMap that returned it can say anything about it. */
export type SourceNode = object;

export interface SourceMap {
  readonly text: string;
  /** The document's top node; undefined for an empty document. */
  readonly root: SourceNode | undefined;
  positionAt(offset: number): Position;
  /** Where the node starts; the top of the file for a missing node. */
  startOf(node: SourceNode | undefined): Position;
  /** First to last visible character of the node; undefined for a missing node. */
  spanOf(node: SourceNode | undefined): Span | undefined;
  /** The node at a path of mapping keys and sequence indexes. */
  nodeAt(path: readonly PathSegment[]): SourceNode | undefined;
  /** The key node of `key` in the mapping at `path`, for problems about the key itself. */
  keyNodeAt(path: readonly PathSegment[], key: string): SourceNode | undefined;
  /** The deepest node that exists along the path: problems about missing things point at their parent. */
  nearestNodeAt(path: readonly PathSegment[]): SourceNode | undefined;
  /** The text scalars inside a value (itself, list items, mapping values — not keys), in file order. */
  stringsIn(node: SourceNode): { node: SourceNode; value: string }[];
  /** Where character `index` of a text scalar's parsed value was written. */
  positionInString(node: SourceNode, index: number): Position;
}
